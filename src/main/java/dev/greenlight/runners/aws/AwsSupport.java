package dev.greenlight.runners.aws;

import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Wires AWS into a run: the per-run {@link AwsSession} (created on first use, its set-up failure
 * remembered so every AWS item reports the same sentence), and the variables
 * {@code ${aws.account|region|arn|partition}}, {@code ${stack.Logical}} (physical id in the stack
 * named by the checklist variable {@code stack}) and {@code ${arn.Logical}}.
 */
public final class AwsSupport {
    private AwsSupport() {
    }

    /** Creates the session once; a failure is kept and thrown again to every caller. */
    private static final class LazySession {
        private final AwsSettings settings;
        private final java.util.Set<String> plan;
        private AwsSession session;
        private AwsSession.AwsSetupException failure;

        LazySession(AwsSettings settings, java.util.Set<String> plan) {
            this.settings = settings;
            this.plan = plan;
        }

        synchronized AwsSession get() throws AwsSession.AwsSetupException {
            if (session == null && failure == null) {
                try {
                    session = AwsSession.create(settings);
                    session.plan(plan);
                } catch (AwsSession.AwsSetupException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return session;
        }
    }

    /** Thrown by {@code services.find(AwsSession.class)} when the session cannot be set up. */
    public static final class SetupFailed extends RuntimeException {
        private final AwsSession.AwsSetupException setup;

        SetupFailed(AwsSession.AwsSetupException setup) {
            super(setup.getMessage(), setup);
            this.setup = setup;
        }

        public AwsSession.AwsSetupException setup() {
            return setup;
        }
    }

    public static Variables install(Services services, Variables variables, AwsSettings settings) {
        return install(services, variables, settings, java.util.Set.of());
    }

    /**
     * @param plannedLogicalIds the logical ids the run's items name ({@link #plannedLogicalIds}), so
     *                          the session resolves them at the fewest calls
     */
    public static Variables install(Services services, Variables variables, AwsSettings settings,
                                    java.util.Set<String> plannedLogicalIds) {
        LazySession lazy = new LazySession(settings == null ? AwsSettings.DEFAULT : settings, plannedLogicalIds);
        services.register(AwsSession.class, () -> {
            try {
                return lazy.get();
            } catch (AwsSession.AwsSetupException e) {
                throw new SetupFailed(e);
            }
        });
        return variables
                .withSource("aws.", key -> Optional.of(awsVariable(lazy, key)))
                .withSource("stack.", key -> Optional.of(stackVariable(lazy, variables, key)))
                .withSource("arn.", key -> Optional.of(arnVariable(lazy, variables, key)));
    }

    /**
     * The logical ids these items' checks name: {@code logical-id}, {@code equals-arn-of}, a
     * {@code cfn-stack}'s {@code resources}, and {@code ${stack.X}} / {@code ${arn.X}} in the
     * parameters. (Troubleshooting commands resolve theirs only when shown, and are not counted.)
     */
    public static java.util.Set<String> plannedLogicalIds(java.util.stream.Stream<dev.greenlight.model.Item> items) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        items.filter(i -> i.check() != null && i.check().params() != null).forEach(i -> {
            com.fasterxml.jackson.databind.node.ObjectNode p = i.check().params();
            for (String key : java.util.List.of("logical-id", "equals-arn-of")) {
                String v = p.path(key).asText("");
                if (!v.isBlank() && !v.contains("${")) {
                    ids.add(v.strip());
                }
            }
            if ("cfn-stack".equals(i.check().type())) {
                p.path("resources").forEach(r -> {
                    if (r.isTextual() && !r.asText().contains("${")) {
                        ids.add(r.asText().strip());
                    }
                });
            }
            for (String name : Variables.references(p.toString())) {
                if (name.startsWith("stack.") || name.startsWith("arn.")) {
                    ids.add(name.substring(name.indexOf('.') + 1));
                }
            }
        });
        return ids;
    }

    /** The run's session, or the remembered reason it cannot exist. */
    public static AwsSession session(RunContext ctx) throws AwsSession.AwsSetupException {
        return session(ctx.services());
    }

    public static AwsSession session(Services services) throws AwsSession.AwsSetupException {
        try {
            return services.find(AwsSession.class).orElseThrow(() ->
                    new AwsSession.AwsSetupException("AWS is not set up for this run (no AWS session service)."));
        } catch (SetupFailed e) {
            throw e.setup();
        }
    }

    /** The stack an item means: its own {@code stack} parameter, or the checklist variable {@code stack}. */
    public static String stackName(RunContext ctx, String explicit) throws VariableException {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        if (!ctx.variables().defines("stack")) {
            throw new VariableException("stack", "the item names a logical id but no 'stack' parameter, and the checklist "
                    + "has no 'stack' variable", Status.ERROR);
        }
        return ctx.variables().resolve("stack");
    }

    /** aws:partition of the region without any call ("aws", "aws-cn", "aws-us-gov"). */
    public static String partition(Region region) {
        RegionMetadata meta = region.metadata();
        return meta == null || meta.partition() == null ? "aws" : meta.partition().id();
    }

    /**
     * The ARN of a stack resource: Lambda functions get the function ARN built from the physical
     * name, state machines (whose physical id is the ARN) and anything else with an ARN physical id
     * keep it.
     */
    public static String arnOf(AwsSession s, StackResource r) throws Exception {
        String physical = r.physicalResourceId();
        if (physical != null && physical.startsWith("arn:")) {
            return physical;
        }
        if ("AWS::Lambda::Function".equals(r.resourceType())) {
            String account = AwsLookups.identity(s).account();
            return "arn:" + partition(s.region()) + ":lambda:" + s.region().id() + ":" + account + ":function:" + physical;
        }
        return null;
    }

    /** A stack resource by logical id, or a FAIL-status VariableException naming what was looked for. */
    public static StackResource stackResource(AwsSession s, String stack, String logical, String variable)
            throws VariableException {
        try {
            return AwsLookups.resource(s, stack, logical).orElseThrow(() -> new VariableException(variable,
                    "stack " + stack + " has no resource with logical id " + logical, Status.FAIL));
        } catch (VariableException e) {
            throw e;
        } catch (Exception e) {
            throw failed(variable, e, AwsLookups.resolveAction(s.plannedLogicalIds()), "stack " + stack, s);
        }
    }

    /**
     * Facts for the report header: only when the run made a session (resolving the identity then):
     * aws.account, aws.arn, aws.region, aws.calls (API calls the run made) and aws.endpoint when overridden.
     */
    public static Map<String, String> reportContext(Services services) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<AwsSession> created = services.ifCreated(AwsSession.class);
        if (created.isEmpty()) {
            return out;
        }
        AwsSession s = created.get();
        try {
            GetCallerIdentityResponse id = AwsLookups.identity(s);
            out.put("aws.account", id.account());
            out.put("aws.arn", id.arn());
        } catch (Exception ignored) {
            // the items that needed the identity already carry the reason
        }
        out.put("aws.region", s.region().id());
        // after the identity above, so the count includes every call the run made
        out.put("aws.calls", String.valueOf(s.totalCalls()));
        if (s.endpoint() != null) {
            out.put("aws.endpoint", s.endpoint().toString());
        }
        return out;
    }

    private static String awsVariable(LazySession lazy, String key) throws VariableException {
        AwsSession s = sessionFor("aws." + key, lazy);
        switch (key) {
            case "region":
                return s.region().id();
            case "partition":
                return partition(s.region());
            case "account":
            case "arn":
                try {
                    GetCallerIdentityResponse id = AwsLookups.identity(s);
                    return key.equals("account") ? id.account() : id.arn();
                } catch (Exception e) {
                    throw failed("aws." + key, e, "sts:GetCallerIdentity", "the caller identity", s);
                }
            default:
                throw new VariableException("aws." + key, "unknown AWS variable 'aws." + key
                        + "' (known: aws.account, aws.region, aws.arn, aws.partition)", Status.ERROR);
        }
    }

    private static String stackVariable(LazySession lazy, Variables variables, String logical) throws VariableException {
        AwsSession s = sessionFor("stack." + logical, lazy);
        String stack = stackOf(variables, "stack." + logical);
        String physical = stackResource(s, stack, logical, "stack." + logical).physicalResourceId();
        if (physical == null || physical.isBlank()) {
            throw new VariableException("stack." + logical, "resource " + logical + " of stack " + stack
                    + " has no physical id yet", Status.FAIL);
        }
        return physical;
    }

    private static String arnVariable(LazySession lazy, Variables variables, String logical) throws VariableException {
        AwsSession s = sessionFor("arn." + logical, lazy);
        String stack = stackOf(variables, "arn." + logical);
        StackResource r = stackResource(s, stack, logical, "arn." + logical);
        try {
            String arn = arnOf(s, r);
            if (arn == null) {
                throw new VariableException("arn." + logical, "no ARN is known for " + logical + " (a "
                        + r.resourceType() + "); use ${stack." + logical + "} for its physical id", Status.ERROR);
            }
            return arn;
        } catch (VariableException e) {
            throw e;
        } catch (Exception e) {
            throw failed("arn." + logical, e, "sts:GetCallerIdentity", "the caller identity", s);
        }
    }

    private static String stackOf(Variables variables, String variable) throws VariableException {
        if (!variables.defines("stack")) {
            throw new VariableException(variable, "${" + variable + "} needs the checklist variable 'stack' "
                    + "(the CloudFormation stack name); define it under 'vars' or pass --var stack=NAME", Status.ERROR);
        }
        return variables.resolve("stack");
    }

    private static AwsSession sessionFor(String variable, LazySession lazy) throws VariableException {
        try {
            return lazy.get();
        } catch (AwsSession.AwsSetupException e) {
            AwsErrors.Failure f = AwsErrors.classify(e, "", "", null);
            throw new VariableException(variable, f.clause(), f.status());
        }
    }

    private static VariableException failed(String variable, Exception e, String action, String resource, AwsSession s) {
        AwsErrors.Failure f = AwsErrors.classify(e, action, resource, s);
        return new VariableException(variable, f.clause(), f.status());
    }
}

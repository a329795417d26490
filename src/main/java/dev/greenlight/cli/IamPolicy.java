package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.json.Json;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.runners.aws.AwsLookups;
import dev.greenlight.runners.aws.AwsSupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The least-privilege policy of a checklist: each item's actions ({@link Runner#iamActions(Object)}
 * for its parameters) on the resources the checklist lets one know without calling AWS — the
 * stack (from the {@code stack} parameter or variable), state machines given by ARN, functions by
 * name or, for logical ids, by CloudFormation's generated name {@code <stack>-<LogicalId>-<suffix>},
 * their default log groups, and the ECR repositories the checklist names. Region and account are
 * {@code *}: the same checklist runs against several accounts. What cannot be scoped
 * (sts:GetCallerIdentity, states:ListStateMachines) keeps {@code "*"}.
 *
 * <p>Logical ids are resolved with ListStackResources or DescribeStackResource, whichever the run
 * will use ({@link AwsLookups#resolveAction}); only that one is granted.
 */
final class IamPolicy {
    private static final Set<String> READ_VERBS = Set.of("Describe", "Get", "List", "Filter");
    private static final String ANY = "*";

    /** The actions and resources found, and the assumptions a person should know about. */
    record Built(JsonNode policy, Set<String> read, Set<String> write, List<String> invokers, List<String> notes) {
    }

    private final Map<String, Set<String>> readGrants = new TreeMap<>();
    private final Map<String, Set<String>> writeGrants = new TreeMap<>();
    private final List<String> invokers = new ArrayList<>();
    private final Set<String> notes = new java.util.LinkedHashSet<>();
    private final Variables vars;
    private final Set<String> repositories = new TreeSet<>();
    private final String resolveAction;

    private IamPolicy(Checklist c) {
        this.vars = new Variables(c.vars(), Map.of());
        this.resolveAction = AwsLookups.resolveAction(AwsSupport.plannedLogicalIds(c.items()));
    }

    static Built of(Checklist c, RunnerRegistry registry) {
        IamPolicy p = new IamPolicy(c);
        List<Item> items = c.items().filter(i -> i.check() != null).toList();
        // ECR repositories first: lambda-config's provenance hop reads the function image's repository
        for (Item item : items) {
            if (item.check().type().equals("ecr-image")) {
                p.text(item.check().params(), "repository").ifPresent(p.repositories::add);
            }
        }
        for (Item item : items) {
            p.add(item, registry);
        }
        for (String v : c.vars().values()) {
            p.variableActions(v, p.stackOf(null));
        }
        boolean any = !p.readGrants.isEmpty() || !p.writeGrants.isEmpty();
        if (any) {
            // the report header names the account of every run that used AWS
            p.grant("sts:GetCallerIdentity", ANY);
        }
        return new Built(p.policy(), p.readGrants.keySet(), p.writeGrants.keySet(), p.invokers, new ArrayList<>(p.notes));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void add(Item item, RunnerRegistry registry) {
        Runner runner = registry.find(item.check().type()).orElse(null);
        if (runner == null) {
            return;
        }
        ObjectNode params = item.check().params();
        List<String> actions;
        RunnerRegistry.Bound<?> bound = registry.bind(runner, params);
        actions = bound.spec() == null ? runner.iamActions() : runner.iamActions(bound.spec());
        if (runner.access() == Runner.Access.INVOKE) {
            invokers.add(item.id());
        }
        String stack = stackOf(params);
        for (String action : actions) {
            if (AwsLookups.RESOLVE_ACTIONS.contains(action) && !action.equals(resolveAction)) {
                continue;
            }
            for (String resource : resources(action, params, stack)) {
                grant(action, resource);
            }
        }
        variableActions(params.toString(), stack);
    }

    /** Variables that call AWS when resolved. */
    private void variableActions(String text, String stack) {
        for (String name : Variables.references(text)) {
            if (name.equals("aws.account") || name.equals("aws.arn")) {
                grant("sts:GetCallerIdentity", ANY);
            } else if (name.startsWith("stack.") || name.startsWith("arn.")) {
                grant(resolveAction, stackArn(stack));
                if (name.startsWith("arn.")) {
                    grant("sts:GetCallerIdentity", ANY);
                }
            }
        }
    }

    private List<String> resources(String action, ObjectNode params, String stack) {
        String service = action.substring(0, action.indexOf(':'));
        switch (service) {
            case "cloudformation":
                return List.of(stackArn(stack));
            case "lambda":
                return List.of(functionArn(params, stack));
            case "logs": {
                java.util.Optional<String> group = text(params, "group");
                if (group.isPresent()) {
                    // the group's ARN, bare and in the ":*" form DescribeLogGroups shows
                    return List.of("arn:aws:logs:*:*:log-group:" + group.get(), "arn:aws:logs:*:*:log-group:" + group.get() + ":*");
                }
                String fn = functionName(params, stack);
                notes.add("logs:FilterLogEvents is granted on the functions' default log groups (/aws/lambda/<name>); a function "
                        + "whose LoggingConfig names another group needs that group added.");
                return List.of("arn:aws:logs:*:*:log-group:/aws/lambda/" + fn);
            }
            case "ecr": {
                java.util.Optional<String> repo = text(params, "repository");
                if (repo.isPresent()) {
                    return List.of("arn:aws:ecr:*:*:repository/" + repo.get());
                }
                if (!repositories.isEmpty()) {
                    notes.add("ecr:DescribeImages for lambda-config's image provenance is granted on the checklist's ECR "
                            + "repositories (" + String.join(", ", repositories) + "); functions built from another repository need it added.");
                    return repositories.stream().map(r -> "arn:aws:ecr:*:*:repository/" + r).toList();
                }
                return List.of("arn:aws:ecr:*:*:repository/*");
            }
            case "states": {
                if (action.equals("states:ListStateMachines")) {
                    return List.of(ANY);
                }
                java.util.Optional<String> sm = text(params, "state-machine");
                if (sm.isPresent() && sm.get().startsWith("arn:")) {
                    return List.of(sm.get());
                }
                return List.of(sm.map(n -> "arn:aws:states:*:*:stateMachine:" + n).orElse("arn:aws:states:*:*:stateMachine:*"));
            }
            default:
                return List.of(ANY);
        }
    }

    private String stackArn(String stack) {
        return stack == null ? "arn:aws:cloudformation:*:*:stack/*" : "arn:aws:cloudformation:*:*:stack/" + stack + "/*";
    }

    /** The function's ARN pattern: its name when given, CloudFormation's generated name for a logical id. */
    private String functionArn(ObjectNode params, String stack) {
        return "arn:aws:lambda:*:*:function:" + functionName(params, stack);
    }

    private String functionName(ObjectNode params, String stack) {
        java.util.Optional<String> fn = text(params, "function");
        if (fn.isPresent()) {
            String f = fn.get();
            return f.startsWith("arn:") ? f.substring(f.indexOf(":function:") + ":function:".length()) + "*" : f + "*";
        }
        if (stack != null && stack.length() <= 40) {
            notes.add("Functions named by logical id are granted as CloudFormation names them (" + stack + "-<LogicalId>-<suffix>); "
                    + "a template that sets FunctionName needs those names added.");
            return stack + "-*";
        }
        return "*";
    }

    private String stackOf(ObjectNode params) {
        java.util.Optional<String> explicit = params == null ? java.util.Optional.empty() : text(params, "stack");
        if (explicit.isPresent()) {
            return explicit.get();
        }
        try {
            return vars.defines("stack") ? vars.resolve("stack") : null;
        } catch (VariableException e) {
            return null;
        }
    }

    /** A parameter's value with the checklist's variables resolved; empty when absent or not resolvable offline. */
    private java.util.Optional<String> text(ObjectNode params, String key) {
        JsonNode v = params.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            String out = vars.interpolate(v.asText()).strip();
            return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(out);
        } catch (VariableException e) {
            return java.util.Optional.empty();
        }
    }

    private void grant(String action, String resource) {
        (isRead(action) ? readGrants : writeGrants).computeIfAbsent(action, k -> new TreeSet<>()).add(resource);
    }

    static boolean isRead(String action) {
        String verb = action.substring(action.indexOf(':') + 1);
        return READ_VERBS.stream().anyMatch(verb::startsWith);
    }

    /** Statements grouped by resource set: actions that share their resources share a statement. */
    private JsonNode policy() {
        ObjectNode p = Json.COMPACT.createObjectNode();
        p.put("Version", "2012-10-17");
        ArrayNode statements = p.putArray("Statement");
        statements(statements, "GreenlightRead", readGrants);
        statements(statements, "GreenlightInvoke", writeGrants);
        return p;
    }

    private static void statements(ArrayNode out, String prefix, Map<String, Set<String>> grants) {
        Map<Set<String>, Set<String>> byResources = new LinkedHashMap<>();
        grants.forEach((action, resources) -> byResources.computeIfAbsent(resources, k -> new TreeSet<>()).add(action));
        Map<String, Integer> perService = new TreeMap<>();
        for (Map.Entry<Set<String>, Set<String>> e : byResources.entrySet()) {
            ObjectNode s = out.addObject();
            String service = e.getValue().iterator().next();
            service = service.substring(0, service.indexOf(':'));
            int n = perService.merge(service, 1, Integer::sum);
            s.put("Sid", prefix.equals("GreenlightInvoke") && byResources.size() == 1 ? prefix
                    : prefix + Character.toUpperCase(service.charAt(0)) + service.substring(1) + (n == 1 ? "" : String.valueOf(n)));
            s.put("Effect", "Allow");
            ArrayNode a = s.putArray("Action");
            e.getValue().forEach(a::add);
            if (e.getKey().size() == 1) {
                s.put("Resource", e.getKey().iterator().next());
            } else {
                ArrayNode r = s.putArray("Resource");
                e.getKey().forEach(r::add);
            }
        }
    }
}

package dev.greenlight.runners.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Status;
import dev.greenlight.json.Json;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The deployed definition of a state machine: a value at a path equals/contains/matches, equals the
 * real ARN of a stack resource, and no {@code ${...}} placeholder is left anywhere.
 *
 * <pre>{@code
 * check:
 *   type: sfn-definition
 *   logical-id: StepFunctionOrchestrator          # or state-machine: WorkflowOrchestrator-dev (name or ARN)
 *   stack: ${stack}                               # optional: the checklist's 'stack' by default
 *   path: States.InitializeStateBag.Parameters.FunctionName   # or a pointer /States/...
 *   equals-arn-of: InitializeStateDataFunction
 *   no-placeholders: true
 * }</pre>
 */
public final class SfnDefinitionRunner implements Runner<SfnDefinitionRunner.Spec> {

    public record Spec(String stateMachine, String logicalId, String stack, String path, JsonNode equals,
                       String contains, String matches, String equalsArnOf, Boolean noPlaceholders, String noteUnlessEquals) {
        public Spec(String stateMachine, String logicalId, String stack, String path, JsonNode equals,
                    String contains, String matches, String equalsArnOf, Boolean noPlaceholders) {
            this(stateMachine, logicalId, stack, path, equals, contains, matches, equalsArnOf, noPlaceholders, null);
        }
    }

    @Override
    public boolean postDeploy() {
        return true;
    }

    @Override
    public String type() {
        return "sfn-definition";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<String> iamActions() {
        return List.of("states:DescribeStateMachine", "states:ListStateMachines", "cloudformation:ListStackResources",
                "cloudformation:DescribeStackResource", "sts:GetCallerIdentity");
    }

    @Override
    public List<String> iamActions(Spec spec) {
        List<String> out = new ArrayList<>(List.of("states:DescribeStateMachine"));
        if (!blank(spec.stateMachine()) && !spec.stateMachine().strip().startsWith("arn:")) {
            out.add("states:ListStateMachines");
        }
        if (!blank(spec.logicalId()) || spec.equalsArnOf() != null) {
            out.addAll(AwsLookups.RESOLVE_ACTIONS);
        }
        if (spec.equalsArnOf() != null) {
            // a function's ARN is built from its name and the caller's account
            out.add("sts:GetCallerIdentity");
        }
        return out;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> out = new ArrayList<>();
        if (blank(spec.stateMachine()) == blank(spec.logicalId())) {
            out.add(new SpecProblem("", "give exactly one of 'state-machine' and 'logical-id'",
                    "state-machine: WorkflowOrchestrator-dev, or logical-id: StepFunctionOrchestrator"));
        }
        boolean compares = spec.equals() != null || spec.contains() != null || spec.matches() != null || spec.equalsArnOf() != null;
        if (compares && blank(spec.path())) {
            out.add(new SpecProblem("path", "equals/contains/matches/equals-arn-of need a 'path'", "path: Comment"));
        }
        if (!compares && !Boolean.TRUE.equals(spec.noPlaceholders())) {
            out.add(new SpecProblem("", "the check asserts nothing", "add equals, contains, matches, equals-arn-of or no-placeholders: true"));
        }
        if (spec.matches() != null) {
            try {
                Pattern.compile(spec.matches());
            } catch (PatternSyntaxException e) {
                out.add(new SpecProblem("matches", "invalid regex: " + e.getDescription(), null));
            }
        }
        return out;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        return AwsErrors.expecting(expectation(spec), evaluate(spec, ctx));
    }

    /** What the item checks ("Comment contains v3.0"), for results of a run that could not get that far. */
    static String expectation(Spec spec) {
        List<String> parts = new ArrayList<>();
        if (!blank(spec.path())) {
            parts.add(spec.path() + (spec.equals() != null ? " = " + JsonValues.show(spec.equals()) : "")
                    + (spec.equalsArnOf() != null ? " = ARN of " + spec.equalsArnOf() : "")
                    + (spec.contains() != null ? " contains " + spec.contains() : "")
                    + (spec.matches() != null ? " matches /" + spec.matches() + "/" : ""));
        }
        if (Boolean.TRUE.equals(spec.noPlaceholders())) {
            parts.add("no ${...} placeholders");
        }
        return String.join(", ", parts);
    }

    private Result evaluate(Spec spec, RunContext ctx) {
        AwsSession s;
        AwsTargets.Target target;
        try {
            s = AwsTargets.session(ctx);
            target = AwsTargets.stateMachine(ctx, s, spec.stateMachine(), spec.logicalId(), spec.stack());
        } catch (AwsTargets.Unresolved u) {
            return u.result;
        }
        String region = s.region().id();
        String arn = target.id();
        DescribeStateMachineResponse sm;
        try {
            sm = s.once("sfn:describe:" + arn, () -> s.sfn().describeStateMachine(
                    DescribeStateMachineRequest.builder().stateMachineArn(arn).build()));
        } catch (Exception e) {
            Result.Builder b = AwsErrors.result(e, "states:DescribeStateMachine", arn, s).expected("state machine " + target.label());
            if (AwsErrors.isNotFound(e)) {
                b.status(Status.FAIL).reason("State machine " + target.label() + " does not exist in " + region + ".");
            }
            return b.build();
        }
        JsonNode definition;
        try {
            definition = Json.COMPACT.readTree(sm.definition());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Result.fail("The deployed definition of " + sm.name() + " is not valid JSON: " + e.getOriginalMessage() + ".")
                    .evidence(Evidence.aws("states:DescribeStateMachine", arn, region, cut(sm.definition()))).build();
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        if (!blank(spec.path())) {
            Optional<JsonNode> value = JsonValues.at(definition, spec.path());
            JsonNode want = spec.equals();
            String wantText = null;
            if (spec.equalsArnOf() != null) {
                try {
                    wantText = resourceArn(ctx, s, spec, target);
                } catch (AwsTargets.Unresolved u) {
                    return u.result;
                }
                want = Json.COMPACT.getNodeFactory().textNode(wantText);
            }
            expected.add(spec.path() + (want != null ? " = " + JsonValues.show(want) : "")
                    + (spec.contains() != null ? " contains " + spec.contains() : "")
                    + (spec.matches() != null ? " matches /" + spec.matches() + "/" : ""));
            if (value.isEmpty()) {
                failures.add("the definition has no " + spec.path());
                actual.add(spec.path() + " missing");
                evidence.add(Evidence.aws("states:DescribeStateMachine", arn, region, spec.path() + ": not present"));
            } else {
                String miss = JsonValues.mismatch(value.get(), want, spec.contains(), spec.matches());
                if (spec.noteUnlessEquals() != null) {
                    notes.add(value.get().isTextual() ? dev.greenlight.engine.TextDifference.note(spec.noteUnlessEquals(), value.get().asText())
                            : "It is not the text the document quotes, \"" + spec.noteUnlessEquals() + "\": it is " + JsonValues.show(value.get()) + ".");
                }
                actual.add(spec.path() + " = " + JsonValues.show(value.get()));
                evidence.add(Evidence.aws("states:DescribeStateMachine", arn, region, spec.path() + " = " + JsonValues.show(value.get())));
                if (miss != null) {
                    failures.add(spec.path() + " " + miss);
                }
            }
        }
        if (Boolean.TRUE.equals(spec.noPlaceholders())) {
            List<String> left = JsonValues.placeholders(definition);
            expected.add("no ${...} placeholders");
            if (left.isEmpty()) {
                actual.add("no placeholders");
            } else {
                actual.add(left.size() + " placeholder(s)");
                failures.add(left.size() + " ${...} placeholder(s) left unsubstituted, first at " + left.get(0));
                left.stream().limit(20).forEach(p -> evidence.add(Evidence.aws("states:DescribeStateMachine", arn, region, p)));
            }
        }
        String what = "The deployed definition of " + sm.name();
        if (!failures.isEmpty()) {
            return Result.fail(what + ": " + String.join("; ", failures) + ".")
                    .expected(String.join(", ", expected)).actual(String.join(", ", actual)).evidence(evidence).notes(notes).build();
        }
        return Result.pass(what + " is as expected: " + String.join(", ", expected) + ".")
                .expected(String.join(", ", expected)).actual(String.join(", ", actual)).evidence(evidence).notes(notes).build();
    }

    /** The ARN of the equals-arn-of resource, in the same stack as the state machine (or the item's/checklist's). */
    private static String resourceArn(RunContext ctx, AwsSession s, Spec spec, AwsTargets.Target target) throws AwsTargets.Unresolved {
        String stack = target.stack();
        if (stack == null) {
            try {
                stack = AwsSupport.stackName(ctx, spec.stack());
            } catch (dev.greenlight.engine.VariableException e) {
                throw new AwsTargets.Unresolved(Result.of(e.status(), "Cannot tell which stack holds " + spec.equalsArnOf()
                        + ": " + e.getMessage() + ".").build());
            }
        }
        try {
            StackResource r = AwsSupport.stackResource(s, stack, spec.equalsArnOf(), "equals-arn-of");
            String arn = AwsSupport.arnOf(s, r);
            if (arn == null) {
                throw new AwsTargets.Unresolved(Result.error("No ARN is known for " + spec.equalsArnOf() + " (a "
                        + r.resourceType() + ").").build());
            }
            return arn;
        } catch (dev.greenlight.engine.VariableException e) {
            throw new AwsTargets.Unresolved(Result.of(e.status(), "Cannot find the ARN of " + spec.equalsArnOf() + ": "
                    + e.getMessage() + ".").expected(spec.path() + " = ARN of " + spec.equalsArnOf()).build());
        } catch (AwsTargets.Unresolved u) {
            throw u;
        } catch (Exception e) {
            throw new AwsTargets.Unresolved(AwsErrors.result(e, "sts:GetCallerIdentity", "the caller identity", s).build());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}

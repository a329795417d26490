package dev.greenlight.runners.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Status;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployed CloudFormation stack is in an allowed status, the named resources are complete, and
 * recent stack events hold no {@code *_FAILED} reason (surfaced as evidence either way).
 *
 * <pre>{@code
 * check:
 *   type: cfn-stack
 *   stack: ${stack}
 *   status-in: [UPDATE_COMPLETE, CREATE_COMPLETE]    # the default
 *   resources: [StepFunctionOrchestrator, InitializeStateDataFunction]
 *   events: 20                                       # recent events scanned for *_FAILED reasons
 * }</pre>
 *
 * Failed events of the latest operation make an otherwise good stack WARN; older ones are notes.
 * Stack parameters are never shown (NoEcho values stay out of the report).
 */
public final class CfnStackRunner implements Runner<CfnStackRunner.Spec> {
    static final List<String> DEFAULT_STATUSES = List.of("UPDATE_COMPLETE", "CREATE_COMPLETE");

    public record Spec(@JsonProperty(required = true) String stack, List<String> statusIn, List<String> resources,
                       Integer events) {
    }

    @Override
    public boolean postDeploy() {
        return true;
    }

    @Override
    public String type() {
        return "cfn-stack";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<String> iamActions() {
        return List.of("cloudformation:DescribeStacks", "cloudformation:ListStackResources",
                "cloudformation:DescribeStackResource", "cloudformation:DescribeStackEvents");
    }

    @Override
    public List<String> iamActions(Spec spec) {
        List<String> out = new ArrayList<>(List.of("cloudformation:DescribeStacks"));
        if (spec.resources() != null && !spec.resources().isEmpty()) {
            out.addAll(AwsLookups.RESOLVE_ACTIONS);
        }
        if (spec.events() == null || spec.events() > 0) {
            out.add("cloudformation:DescribeStackEvents");
        }
        return out;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        if (spec.events() != null && (spec.events() < 0 || spec.events() > 100)) {
            return List.of(new SpecProblem("events", "'events' must be between 0 and 100", "20 is the usual"));
        }
        if (spec.statusIn() != null && spec.statusIn().isEmpty()) {
            return List.of(new SpecProblem("status-in", "'status-in' is empty", "leave it out for UPDATE_COMPLETE, CREATE_COMPLETE"));
        }
        return List.of();
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        return AwsErrors.expecting(expectation(spec), evaluate(spec, ctx));
    }

    /** What the item checks, for results of a run that could not get that far. */
    static String expectation(Spec spec) {
        List<String> allowed = spec.statusIn() == null ? DEFAULT_STATUSES : spec.statusIn();
        return "stack " + spec.stack() + " in " + String.join(" or ", allowed)
                + (spec.resources() == null || spec.resources().isEmpty() ? "" : ", resources " + String.join(", ", spec.resources()) + " complete");
    }

    private Result evaluate(Spec spec, RunContext ctx) {
        AwsSession s;
        try {
            s = AwsTargets.session(ctx);
        } catch (AwsTargets.Unresolved u) {
            return u.result;
        }
        String region = s.region().id();
        List<String> allowed = spec.statusIn() == null ? DEFAULT_STATUSES : spec.statusIn();
        String expected = "stack " + spec.stack() + " in " + String.join(" or ", allowed);
        Stack stack;
        try {
            stack = AwsLookups.stack(s, spec.stack());
        } catch (Exception e) {
            if (AwsErrors.isNotFound(e)) {
                return AwsErrors.result(e, "cloudformation:DescribeStacks", spec.stack(), s)
                        .status(Status.FAIL).reason("Stack " + spec.stack() + " does not exist in " + region + ".")
                        .expected(expected).build();
            }
            return AwsErrors.result(e, "cloudformation:DescribeStacks", spec.stack(), s).expected(expected).build();
        }
        String arn = stack.stackId();
        String status = stack.stackStatusAsString();
        Instant since = stack.lastUpdatedTime() != null ? stack.lastUpdatedTime() : stack.creationTime();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.aws("cloudformation:DescribeStacks", arn, region, "StackStatus " + status
                + (stack.stackStatusReason() == null ? "" : " (" + stack.stackStatusReason() + ")")
                + ", LastUpdatedTime " + since));
        List<String> problems = new ArrayList<>();
        if (!allowed.contains(status)) {
            problems.add("is " + status);
        }

        if (spec.resources() != null && !spec.resources().isEmpty()) {
            String resolve = AwsLookups.resolveAction(s.plannedLogicalIds());
            for (String logical : spec.resources()) {
                StackResource r;
                try {
                    r = AwsLookups.resource(s, spec.stack(), logical).orElse(null);
                } catch (Exception e) {
                    return AwsErrors.result(e, resolve, arn, s).expected(expected).build();
                }
                if (r == null) {
                    problems.add("has no resource " + logical);
                    evidence.add(Evidence.aws(resolve, arn, region, logical + ": no such resource"));
                    continue;
                }
                String rs = r.resourceStatusAsString();
                evidence.add(Evidence.aws(resolve, arn, region, logical + " "
                        + r.resourceType() + " " + rs + (r.resourceStatusReason() == null ? "" : " (" + r.resourceStatusReason() + ")")));
                if (!resourceComplete(rs)) {
                    problems.add("resource " + logical + " is " + rs);
                }
            }
        }

        int window = spec.events() == null ? 20 : spec.events();
        List<StackEvent> failedNow = new ArrayList<>();
        List<StackEvent> failedBefore = new ArrayList<>();
        if (window > 0) {
            List<StackEvent> events;
            boolean failing = !problems.isEmpty();
            try {
                events = StackEvents.of(s, spec.stack()).latest(window, failing ? since : null);
            } catch (Exception e) {
                return AwsErrors.result(e, "cloudformation:DescribeStackEvents", arn, s).expected(expected).build();
            }
            for (StackEvent ev : events) {
                if (ev.resourceStatusAsString() != null && ev.resourceStatusAsString().endsWith("_FAILED")) {
                    boolean latest = since == null || ev.timestamp() == null || !ev.timestamp().isBefore(since);
                    (latest ? failedNow : failedBefore).add(ev);
                    evidence.add(Evidence.aws("cloudformation:DescribeStackEvents", arn, region, describe(ev)));
                }
            }
        }

        String actual = "stack " + status + (failedNow.isEmpty() ? "" : ", " + failedNow.size() + " failed event(s)");
        if (!problems.isEmpty()) {
            String why = failedNow.isEmpty() && failedBefore.isEmpty() ? ""
                    : " First failure: " + firstReason(failedNow.isEmpty() ? failedBefore : failedNow);
            return Result.fail("Stack " + spec.stack() + " " + String.join(", ", problems) + "." + why)
                    .expected(expected).actual(actual).evidence(evidence).build();
        }
        Result.Builder b;
        if (!failedNow.isEmpty()) {
            b = Result.warn("Stack " + spec.stack() + " is " + status + ", but its latest operation logged "
                    + failedNow.size() + " failed event(s): " + firstReason(failedNow));
        } else {
            b = Result.pass("Stack " + spec.stack() + " is " + status + " (last updated " + since + ")"
                    + (spec.resources() == null || spec.resources().isEmpty() ? "" : " and its " + spec.resources().size()
                    + " checked resource(s) are complete") + ".");
        }
        if (!failedBefore.isEmpty()) {
            b.note(failedBefore.size() + " failed event(s) from before the latest operation are among the last " + window + ".");
        }
        return b.expected(expected).actual(actual).evidence(evidence).build();
    }

    private static boolean resourceComplete(String status) {
        return status != null && status.endsWith("_COMPLETE") && !status.contains("ROLLBACK") && !status.startsWith("DELETE");
    }

    private static String describe(StackEvent ev) {
        return ev.timestamp() + " " + ev.logicalResourceId() + " " + ev.resourceStatusAsString()
                + (ev.resourceStatusReason() == null ? "" : ": " + ev.resourceStatusReason());
    }

    private static String firstReason(List<StackEvent> failed) {
        // events come newest first; the oldest failure is usually the cause, the rest are cascades
        StackEvent root = failed.get(failed.size() - 1);
        String reason = root.resourceStatusReason() == null ? "(no reason given)" : root.resourceStatusReason();
        return root.logicalResourceId() + " " + root.resourceStatusAsString() + ": " + reason
                + (reason.endsWith(".") ? "" : ".");
    }
}

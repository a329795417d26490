package dev.greenlight.runners.aws;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.VariableException;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesRequest;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds what an AWS item points at — a function or a state machine given by name, ARN, or
 * CloudFormation logical id in a stack — through the once-per-run lookups, so the deployed name
 * is found, not typed.
 */
final class AwsTargets {
    private AwsTargets() {
    }

    /** The item cannot be evaluated or its target does not exist; the result says which. */
    static final class Unresolved extends Exception {
        final transient Result result;

        Unresolved(Result result) {
            super(result.reason());
            this.result = result;
        }
    }

    /**
     * A resolved target.
     *
     * @param id      what to pass to the API (name or ARN)
     * @param label   how messages name it ("InitializeStateDataFunction (backend-workflow-dev-Init…)")
     * @param logical the logical id when it came from a stack, else null
     */
    record Target(String id, String label, String logical, String stack) {
    }

    /** The session, or the remembered set-up failure as a result. */
    static AwsSession session(RunContext ctx) throws Unresolved {
        try {
            return AwsSupport.session(ctx);
        } catch (AwsSession.AwsSetupException e) {
            throw new Unresolved(AwsErrors.result(e, "", "", null).build());
        }
    }

    /** A function by name/ARN, or by logical id in the item's stack (or the checklist's). */
    static Target function(RunContext ctx, AwsSession s, String function, String logicalId, String stack) throws Unresolved {
        return byNameOrLogical(ctx, s, function, logicalId, stack, "function");
    }

    /** A state machine's ARN: given, looked up by name (ListStateMachines once per run), or from the stack. */
    static Target stateMachine(RunContext ctx, AwsSession s, String nameOrArn, String logicalId, String stack) throws Unresolved {
        Target t = byNameOrLogical(ctx, s, nameOrArn, logicalId, stack, "state-machine");
        if (t.id().startsWith("arn:")) {
            return t;
        }
        List<StateMachineListItem> all;
        try {
            all = s.once("sfn:list", () -> {
                List<StateMachineListItem> items = new ArrayList<>();
                s.sfn().listStateMachinesPaginator(ListStateMachinesRequest.builder().build())
                        .stateMachines().forEach(items::add);
                return items;
            });
        } catch (Exception e) {
            throw new Unresolved(AwsErrors.result(e, "states:ListStateMachines", "state machines in " + s.region().id(), s)
                    .expected("state machine " + t.id()).build());
        }
        return all.stream().filter(i -> i.name().equals(t.id())).findFirst()
                .map(i -> new Target(i.stateMachineArn(), t.id(), null, null))
                .orElseThrow(() -> new Unresolved(Result.fail("No state machine named " + t.id() + " in "
                                + s.region().id() + " (" + all.size() + " state machines listed).")
                        .expected("state machine " + t.id()).actual("not found")
                        .evidence(Evidence.aws("states:ListStateMachines", t.id(), s.region().id(),
                                all.size() + " state machines: " + names(all)))
                        .build()));
    }

    private static Target byNameOrLogical(RunContext ctx, AwsSession s, String direct, String logicalId, String stack,
                                          String what) throws Unresolved {
        if (direct != null && !direct.isBlank()) {
            return new Target(direct.strip(), direct.strip(), null, null);
        }
        if (logicalId == null || logicalId.isBlank()) {
            throw new Unresolved(Result.error("The check names no " + what + ": give '" + what + "' or 'logical-id'.").build());
        }
        String stackName;
        try {
            stackName = AwsSupport.stackName(ctx, stack);
        } catch (VariableException e) {
            throw new Unresolved(Result.of(e.status(), "Cannot tell which stack holds " + logicalId + ": " + e.getMessage() + ".").build());
        }
        StackResource r;
        try {
            r = AwsLookups.resource(s, stackName, logicalId).orElse(null);
        } catch (Exception e) {
            throw new Unresolved(AwsErrors.result(e, AwsLookups.resolveAction(s.plannedLogicalIds()), "stack " + stackName, s)
                    .expected(logicalId + " in stack " + stackName).build());
        }
        if (r == null || r.physicalResourceId() == null) {
            throw new Unresolved(Result.fail("Stack " + stackName + " has no resource " + logicalId + ".")
                    .expected(logicalId + " in stack " + stackName).actual("no such logical id")
                    .evidence(Evidence.aws(AwsLookups.resolveAction(s.plannedLogicalIds()), stackName, s.region().id(),
                            "logical id " + logicalId + " not among the stack's resources"))
                    .build());
        }
        return new Target(r.physicalResourceId(), logicalId + " (" + r.physicalResourceId() + ")", logicalId, stackName);
    }

    private static String names(List<StateMachineListItem> all) {
        List<String> n = all.stream().map(StateMachineListItem::name).limit(10).toList();
        return String.join(", ", n) + (all.size() > 10 ? ", …" : "");
    }
}

package dev.greenlight.cli;

import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.wiring.Greenlight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Prints the least-privilege IAM policy a checklist needs ({@link IamPolicy}): the actions its
 * items call on the resources the checklist names, read-only statements first and anything that
 * runs code (Lambda Invoke) in its own statement, only when an item invokes.
 */
@Command(name = "iam-policy", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = {"Print the least-privilege IAM policy (JSON) a checklist needs.",
        "Derived from the runners the checklist uses; Lambda Invoke only when an item invokes."})
final class IamPolicyCommand implements Callable<Integer> {
    private static final Set<String> READ_VERBS = Set.of("Describe", "Get", "List", "Filter");

    @Mixin
    ChecklistOption checklistOption;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult result = checklistOption.load();
        if (!result.ok()) {
            ChecklistOption.printProblems(result, err);
            return GreenlightCommand.ERROR;
        }
        Checklist c = result.checklist().orElseThrow();
        IamPolicy.Built built = IamPolicy.of(c, Greenlight.registry());
        out.println(built.policy().toPrettyString());
        if (!built.write().isEmpty()) {
            err.println("Note: " + String.join(", ", built.write()) + " runs code in the account; it is needed only with --allow-invoke, by "
                    + String.join(", ", built.invokers()) + ". Leave the GreenlightInvoke statement out for a read-only role.");
        }
        built.notes().forEach(n -> err.println("Note: " + n));
        if (built.read().isEmpty() && built.write().isEmpty()) {
            err.println("Note: checklist " + c.id() + " makes no AWS calls; the policy is empty.");
        }
        return GreenlightCommand.OK;
    }
}

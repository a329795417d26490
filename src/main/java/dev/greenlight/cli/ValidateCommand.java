package dev.greenlight.cli;

import dev.greenlight.model.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Prints every problem of a checklist file, compiler-style, on standard output; exit 0 when there are none, 2 otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = "Check a checklist file and print every problem with file:line:column.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ChecklistOption checklistOption;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LoadResult result = checklistOption.load();
        if (!result.ok()) {
            // the problems are what validate was asked for, so they go to stdout (`validate > problems.txt`)
            ChecklistOption.printProblems(result, spec.commandLine().getOut());
            return GreenlightCommand.ERROR;
        }
        var c = result.checklist().orElseThrow();
        spec.commandLine().getOut().println(c.source() + ": OK, " + c.sections().size() + " sections, "
                + c.items().count() + " items.");
        return GreenlightCommand.OK;
    }
}

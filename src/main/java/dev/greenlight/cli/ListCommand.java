package dev.greenlight.cli;

import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Section;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Lists the bundled checklists, or the sections and items of one. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = "List bundled checklists, or the items of a checklist.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    ChecklistOption checklistOption;

    @Option(names = "--bundled", description = "List the bundled checklists only.")
    boolean bundled;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (bundled) {
            ChecklistLoader.bundledIds().forEach(out::println);
            return GreenlightCommand.OK;
        }
        LoadResult result = checklistOption.load();
        if (!result.ok()) {
            ChecklistOption.printProblems(result, spec.commandLine().getErr());
            return GreenlightCommand.ERROR;
        }
        Checklist c = result.checklist().orElseThrow();
        out.println(c.id() + "  " + c.title());
        for (Section s : c.sections()) {
            out.println();
            out.println(s.id() + "  " + s.title());
            for (Item i : s.items()) {
                String kind = i.check() == null ? "manual" : i.check().type();
                out.printf("  %-40s %-22s %s%n", i.id(), kind, i.title());
            }
        }
        return GreenlightCommand.OK;
    }
}

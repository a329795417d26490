package dev.greenlight.cli;

import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.wiring.Greenlight;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** --checklist FILE|ID, shared by the commands that read a checklist. */
final class ChecklistOption {
    static final String DEFAULT = "unified-pipe-v3.3";

    @Option(names = {"-c", "--checklist"}, paramLabel = "FILE|ID",
            description = "Checklist file, or the id of a bundled one (default: ${DEFAULT-VALUE}).",
            defaultValue = DEFAULT)
    String checklist;

    /** Whether the argument names a checklist shipped inside Greenlight rather than a file. */
    boolean isBundled() {
        return !java.nio.file.Files.exists(java.nio.file.Path.of(checklist))
                && dev.greenlight.loader.ChecklistLoader.bundledIds().contains(checklist);
    }

    LoadResult load() {
        return Greenlight.loader().load(checklist);
    }

    static void printProblems(LoadResult result, PrintWriter to) {
        for (Problem p : result.problems()) {
            to.println(p.format());
        }
        to.println(result.problems().size() + (result.problems().size() == 1 ? " problem" : " problems")
                + " in the checklist.");
    }
}

package dev.greenlight.cli;

import dev.greenlight.engine.Status;
import dev.greenlight.store.RunHistory;
import dev.greenlight.store.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Lists the kept runs of a checklist, newest first, with the ids {@code diff} takes. */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = "List the runs kept in the history, newest first.")
final class HistoryCommand implements Callable<Integer> {
    @Option(names = {"-c", "--checklist"}, paramLabel = "ID",
            description = "The checklist id (default: the only one in the history).")
    String checklistId;

    @Option(names = "--limit", defaultValue = "20", description = "Runs to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--promote-after", paramLabel = "N", description = "Suggest gating a watching item (gate: false) after"
            + " N consecutive green complete runs (default: $GREENLIGHT_PROMOTE_AFTER, else promoteAfter in settings.json,"
            + " else 5).")
    Integer promoteAfter;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunHistory history = RunHistory.atDefaultLocation();
        String id = DiffCommand.checklistId(history, checklistId, err);
        if (id == null) {
            return GreenlightCommand.ERROR;
        }
        RunHistory.Listing listing = history.list(id);
        List<RunSummary> runs = listing.runs().stream().limit(Math.max(limit, 0)).toList();
        out.printf("%-33s %-8s %-13s %-12s %-8s %s%n", "RUN", "KIND", "SHA", "ACCOUNT", "STAGE", "VERDICTS");
        for (RunSummary r : runs) {
            StringBuilder counts = new StringBuilder();
            for (Status s : Status.values()) {
                int n = r.counts().get(s);
                if (n > 0) {
                    counts.append(counts.length() == 0 ? "" : " ").append(n).append(' ').append(s.label());
                }
            }
            String sha = r.sha() == null ? "-" : r.sha().substring(0, Math.min(12, r.sha().length()))
                    + (Boolean.TRUE.equals(r.dirty()) ? "+" : "");
            out.printf("%-33s %-8s %-13s %-12s %-8s %s%s%n", r.runId(), r.kindLabel(), sha,
                    dash(r.account()), dash(r.stage()), counts, !r.green() ? "  (not green)"
                            : r.completeGreen() ? "" : "  (green, but not a complete run: never 'last green')");
        }
        if (runs.stream().anyMatch(r -> Boolean.TRUE.equals(r.dirty()))) {
            out.println("(a + after the sha: the working tree had uncommitted changes; those verdicts are not about that commit)");
        }
        int needed = promoteAfter != null && promoteAfter >= 1 ? promoteAfter : dev.greenlight.store.HistoryLimits.promoteAfter();
        for (dev.greenlight.store.Promotions.Watch w : dev.greenlight.store.Promotions.of(history, id, needed)) {
            out.println((w.suggest() ? "suggestion: " : "watching: ") + w.sentence());
        }
        listing.unreadable().forEach(u -> err.println("greenlight: warning: skipped " + u.file() + ": " + u.problem()));
        return GreenlightCommand.OK;
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}

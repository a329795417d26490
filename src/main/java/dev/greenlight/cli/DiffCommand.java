package dev.greenlight.cli;

import dev.greenlight.engine.RunReport;
import dev.greenlight.json.Json;
import dev.greenlight.report.DiffTextWriter;
import dev.greenlight.report.JsonReportReader;
import dev.greenlight.report.RunDiff;
import dev.greenlight.store.RunHistory;
import dev.greenlight.store.RunSummary;
import dev.greenlight.store.StoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Compares two runs: which verdicts changed, with evidence before and after. */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = {"Compare two runs: items whose verdict changed, added or removed.",
        "A and B are run ids (see 'greenlight history'), JSON report files, 'last' or 'last-green'",
        "(the newest complete run - no --only, no diagnose - with no FAIL or ERROR on the same checkout,",
        "stage and AWS account, before the other run).",
        "'greenlight diff last' compares the last run with the one before it;",
        "'greenlight diff last-green' shows what changed since the last green run.",
        "Exit code: 0 nothing got worse, 1 an item got worse, 2 bad input."})
final class DiffCommand implements Callable<Integer> {
    static final String LAST = "last";
    static final String LAST_GREEN = "last-green";

    @Parameters(index = "0", paramLabel = "A", description = "The earlier run.")
    String a;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B", defaultValue = LAST, description = "The later run (default: ${DEFAULT-VALUE}).")
    String b;

    @Option(names = {"-c", "--checklist"}, paramLabel = "ID",
            description = "Checklist id for 'last' and 'last-green' (default: the only one in the history, or that of the other run).")
    String checklistId;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Thrown for input the diff cannot use; the message is for the person. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    private record Side(String name, RunReport report) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("greenlight: unknown format '" + format + "' (text, json)");
            return GreenlightCommand.ERROR;
        }
        RunHistory history = RunHistory.atDefaultLocation();
        Side before;
        Side after;
        try {
            if (a.equals(LAST_GREEN) && b.equals(LAST_GREEN)) {
                throw new BadInput("only one side can be 'last-green'");
            }
            if (a.equals(LAST) && b.equals(LAST)) {
                // 'diff last': the last run against the one before it, not against itself
                after = resolve(history, LAST, null, err);
                before = previous(history, after);
            } else if (a.equals(LAST_GREEN)) {
                after = resolve(history, b, null, err);
                before = lastGreen(history, after);
            } else {
                before = resolve(history, a, null, err);
                after = b.equals(LAST_GREEN) ? lastGreen(history, before) : resolve(history, b, before, err);
            }
        } catch (BadInput e) {
            err.println("greenlight: " + e.getMessage());
            return GreenlightCommand.ERROR;
        }
        if (!before.report().checklistId().equals(after.report().checklistId())) {
            err.println("greenlight: warning: comparing runs of different checklists (" + before.report().checklistId()
                    + " and " + after.report().checklistId() + ")");
        }
        if (sameRun(before, after)) {
            out.println("A and B are the same run (" + before.name() + "): there is nothing to compare."
                    + " Name the other run: see 'greenlight history' for run ids.");
            out.flush();
            return GreenlightCommand.OK;
        }
        RunDiff diff = RunDiff.between(before.report(), after.report());
        if (format.equals("json")) {
            Json.PRETTY.writeValue(out, diff.toJson()
                    .put("beforeName", before.name()).put("afterName", after.name()));
            out.println();
        } else {
            new DiffTextWriter().write(diff, before.name(), after.name(), out);
        }
        out.flush();
        return diff.hasRegressions() ? GreenlightCommand.FAILED : GreenlightCommand.OK;
    }

    /** The same run id, or two files holding the same run ('diff last last', 'diff last' right after one run). */
    private static boolean sameRun(Side a, Side b) {
        return a.name().equals(b.name()) || a.report().checklistId().equals(b.report().checklistId())
                && a.report().startedAt().equals(b.report().startedAt())
                && java.util.Objects.equals(a.report().checkout(), b.report().checkout());
    }

    private Side resolve(RunHistory history, String ref, Side other, PrintWriter err) throws BadInput, IOException {
        if (ref.equals(LAST)) {
            String id = checklistId != null ? checklistId
                    : other != null ? other.report().checklistId() : checklistId(history, null, err);
            if (id == null) {
                throw new BadInput("cannot tell which checklist's last run to use");
            }
            RunSummary s = safeList(history, id).stream().findFirst()
                    .orElseThrow(() -> new BadInput("no runs of " + id + " in the history at " + history.root()));
            return load(history, id, s.runId());
        }
        Path file = Path.of(ref);
        if (Files.isRegularFile(file)) {
            try {
                return new Side(ref, JsonReportReader.read(file));
            } catch (IOException e) {
                throw new BadInput(e.getMessage());
            }
        }
        Optional<StoredRun> run;
        try {
            run = history.find(ref);
        } catch (IOException e) {
            throw new BadInput("cannot read the history: " + e.getMessage());
        }
        return run.map(r -> new Side(r.runId(), r.report())).orElseThrow(() -> new BadInput("'" + ref
                + "' is neither a report file nor a run id in the history (see 'greenlight history'), nor last or last-green"));
    }

    /** The run kept just before {@code later}. */
    private Side previous(RunHistory history, Side later) throws BadInput, IOException {
        String id = checklistId != null ? checklistId : later.report().checklistId();
        List<RunSummary> runs = safeList(history, id);
        for (int i = 0; i < runs.size() - 1; i++) {
            if (runs.get(i).runId().equals(later.name())) {
                return load(history, id, runs.get(i + 1).runId());
            }
        }
        throw new BadInput("only one run of " + id + " in the history: there is no run before " + later.name() + " to compare with");
    }

    private Side lastGreen(RunHistory history, Side other) throws BadInput, IOException {
        String id = checklistId != null ? checklistId : other.report().checklistId();
        RunSummary like = RunSummary.of(other.name(), other.report());
        RunSummary s;
        try {
            s = history.lastGreen(id, like).orElseThrow(() -> new BadInput(
                    "no complete green run of " + id + " on " + like.checkout()
                            + (like.stage() == null ? "" : ", stage " + like.stage())
                            + (like.account() == null ? "" : ", account " + like.account())
                            + " before " + other.name() + " in the history (runs with --only and diagnoses do not count)"));
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        return load(history, id, s.runId());
    }

    private static Side load(RunHistory history, String checklistId, String runId) throws BadInput {
        try {
            return history.load(checklistId, runId).map(r -> new Side(r.runId(), r.report()))
                    .orElseThrow(() -> new BadInput("run " + runId + " is listed but its file is gone"));
        } catch (IOException e) {
            throw new BadInput("run " + runId + " cannot be read: " + e.getMessage());
        }
    }

    private static List<RunSummary> safeList(RunHistory history, String id) throws BadInput, IOException {
        try {
            return history.list(id).runs();
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** The given id, else the only checklist in the history; null after saying why. */
    static String checklistId(RunHistory history, String given, PrintWriter err) throws IOException {
        List<String> ids = history.checklists();
        if (given != null) {
            if (ids.contains(given)) {
                return given;
            }
            // an empty table with exit 0 would read as "no runs yet" when the id is simply wrong (bad input: exit 2)
            String hint = dev.greenlight.engine.Names.didYouMean(given, ids);
            err.println("greenlight: no checklist '" + given + "' in the history at " + history.root() + "; "
                    + (ids.isEmpty() ? "it holds no runs yet" : (hint != null ? hint + "; " : "") + "known: " + String.join(", ", ids)));
            return null;
        }
        if (ids.size() == 1) {
            return ids.get(0);
        }
        err.println(ids.isEmpty() ? "greenlight: no runs in the history at " + history.root()
                : "greenlight: the history holds runs of " + String.join(", ", ids) + "; choose one with --checklist");
        return null;
    }
}

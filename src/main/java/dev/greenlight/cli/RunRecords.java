package dev.greenlight.cli;

import dev.greenlight.engine.RunReport;
import dev.greenlight.store.RunHistory;
import dev.greenlight.store.SignOff;
import dev.greenlight.store.StoredRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Keeping CLI runs in the run history. */
final class RunRecords {
    private RunRecords() {
    }

    /**
     * Saved by default so that {@code greenlight diff last-green last} works after plain CI or
     * terminal runs, as it does for runs made in the app; a failure to save is a warning on
     * standard error, never a different exit code, because the verdicts are what gate a deploy.
     */
    static void saveToHistory(RunReport report, List<SignOff> signOffs, PrintWriter err) {
        try {
            StoredRun stored = RunHistory.atDefaultLocation().save(report, signOffs);
            err.println("greenlight: kept run " + stored.runId() + " in the history (" + stored.file() + ")");
        } catch (IOException | RuntimeException e) {
            err.println("greenlight: warning: could not keep the run in the history: " + e.getMessage());
        }
    }
}

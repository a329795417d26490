package dev.greenlight.store;

import dev.greenlight.engine.RunReport;
import dev.greenlight.signoff.SignOff;

import java.nio.file.Path;
import java.util.List;

/**
 * A run as kept in the history: its id, its file, the report and the sign-offs made during it.
 *
 * @param trimmed older runs of the checklist deleted when this one was saved (the history keeps the last N)
 */
public record StoredRun(String runId, Path file, RunReport report, List<SignOff> signOffs, int trimmed) {
    public StoredRun {
        signOffs = List.copyOf(signOffs);
    }

    public StoredRun(String runId, Path file, RunReport report, List<SignOff> signOffs) {
        this(runId, file, report, signOffs, 0);
    }

    public RunSummary summary() {
        return RunSummary.of(runId, report);
    }
}

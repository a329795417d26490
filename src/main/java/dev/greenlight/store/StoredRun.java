package dev.greenlight.store;

import dev.greenlight.engine.RunReport;
import dev.greenlight.signoff.SignOff;

import java.nio.file.Path;
import java.util.List;

/** A run as kept in the history: its id, its file, the report and the sign-offs made during it. */
public record StoredRun(String runId, Path file, RunReport report, List<SignOff> signOffs) {
    public StoredRun {
        signOffs = List.copyOf(signOffs);
    }

    public RunSummary summary() {
        return RunSummary.of(runId, report);
    }
}

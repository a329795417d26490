package dev.greenlight.cli;

import dev.greenlight.engine.RunReport;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.store.RunHistory;
import dev.greenlight.store.StoredRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Keeping CLI runs in the run history. */
final class RunRecords {
    private RunRecords() {
    }

    /**
     * Saved by default so that {@code greenlight diff last-green last} works after plain CI or
     * terminal runs, as it does for runs made in the app; a failure to save is a warning on
     * standard error, never a different exit code, because the verdicts are what gate a deploy.
     */
    static Saving saveToHistory(RunReport report, List<SignOff> signOffs) {
        return new Saving(report, signOffs, null);
    }

    /** @param keep runs to keep per checklist (--keep-runs), or null for the environment, settings or default */
    static Saving saveToHistory(RunReport report, List<SignOff> signOffs, Integer keep) {
        return new Saving(report, signOffs, keep);
    }

    /**
     * A save under way on its own thread, so the report is written meanwhile: the save waits
     * on two fsyncs and runs cold JSON code, about 20 ms a CLI call would otherwise spend before
     * printing anything. {@link #finish} must be called on every path.
     */
    static final class Saving {
        private final FutureTask<StoredRun> save;

        private int keep;

        private Saving(RunReport report, List<SignOff> signOffs, Integer keepRuns) {
            save = new FutureTask<>(() -> {
                RunHistory h = keepRuns == null ? RunHistory.atDefaultLocation() : RunHistory.atDefaultLocation().keeping(keepRuns);
                keep = h.keep();
                return h.save(report, signOffs);
            });
            new Thread(save, "greenlight-history").start();
        }

        /** Waits for the save and says on {@code err} where the run was kept, or why it was not. */
        void finish(PrintWriter err) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        StoredRun stored = save.get();
                        err.println("greenlight: kept run " + stored.runId() + " in the history (" + stored.file() + ")");
                        if (stored.trimmed() > 0) {
                            err.println("greenlight: deleted the " + stored.trimmed() + " oldest run" + (stored.trimmed() == 1 ? "" : "s")
                                    + " of " + stored.report().checklistId() + ": the history keeps the last " + keep
                                    + " per checklist (--keep-runs, " + dev.greenlight.store.HistoryLimits.KEEP_ENV
                                    + " or historyKeep in settings.json)");
                        }
                        return;
                    } catch (InterruptedException e) {
                        interrupted = true; // the save is not abandoned half-way: a run is kept whole or not at all
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (!(cause instanceof IOException) && !(cause instanceof RuntimeException)) {
                            throw new IllegalStateException(cause);
                        }
                        err.println("greenlight: warning: could not keep the run in the history: " + cause.getMessage());
                        return;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

package dev.greenlight.ui.history;

import dev.greenlight.engine.RunReport;
import dev.greenlight.store.RunHistory;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.store.StoredRun;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps every run the app makes in the run history, as the CLI does: written on a background
 * executor with the sign-offs present at the time, so the list, the diff and "since the last
 * green run" cover app runs too. A failed write is told, never thrown: the verdicts on screen
 * and in the session store are not affected.
 */
public final class HistoryRecorder {
    private final RunHistory history;
    private final Executor background;
    private final Executor ui;
    private final Consumer<String> problem;
    private final Consumer<StoredRun> saved;

    /**
     * @param problem told (on {@code ui}) a sentence when a run could not be kept
     * @param saved   told (on {@code ui}) of each run kept
     */
    public HistoryRecorder(RunHistory history, Executor background, Executor ui, Consumer<String> problem,
                           Consumer<StoredRun> saved) {
        this.history = history;
        this.background = background;
        this.ui = ui;
        this.problem = problem;
        this.saved = saved;
    }

    public RunHistory history() {
        return history;
    }

    /** Saves a finished run; {@code signOffs} is read now, on the caller's thread. */
    public void save(RunReport report, Supplier<List<SignOff>> signOffs) {
        List<SignOff> so = signOffs.get();
        background.execute(() -> {
            try {
                StoredRun r = history.save(report, so);
                ui.execute(() -> saved.accept(r));
            } catch (Exception e) {
                String why = "Could not keep the run in the history (" + history.root() + "): " + e.getMessage();
                ui.execute(() -> problem.accept(why));
            }
        });
    }
}

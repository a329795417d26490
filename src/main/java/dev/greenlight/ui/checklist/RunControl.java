package dev.greenlight.ui.checklist;

import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.RunListener;
import dev.greenlight.engine.RunReport;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starting and stopping the checklist's runs, one at a time, with the thread they start on. The
 * view-model keeps what is shown; this keeps the run going.
 */
final class RunControl {
    private static final Logger LOG = Logger.getLogger(RunControl.class.getName());
    private final ChecklistViewModel.RunStarter starter;
    /**
     * Starting schedules every selected item (threads, futures, timeouts): tens of milliseconds of
     * cold code for a large checklist, too long to spend on the FX thread. One daemon thread per
     * checklist, ended with it.
     */
    private final ExecutorService startThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "greenlight-run-start");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private ChecklistRun current;
    private CompletableFuture<RunReport> done;

    RunControl(ChecklistViewModel.RunStarter starter) {
        this.starter = starter;
    }

    /**
     * Prepares a run and starts it on the start thread. A stop pressed meanwhile is honoured by the
     * engine. {@code broke} hears (on the worker) a run that ended with an exception, not a report.
     *
     * @throws Exception when the run could not be prepared (no checkout, a bad variable)
     */
    void start(Set<String> only, boolean allowRisky, RunListener listener, BiConsumer<ChecklistRun, Throwable> broke) throws Exception {
        ChecklistRun run = starter.start(only, allowRisky, listener);
        current = run;
        done = CompletableFuture.supplyAsync(run::start, startThread).thenCompose(f -> f);
        done.whenComplete((r, e) -> {
            if (e != null && !(e.getCause() instanceof CancellationException)) {
                Throwable why = e.getCause() == null ? e : e.getCause();
                LOG.log(Level.WARNING, "the run ended without a report", why);
                broke.accept(run, why);
            }
        });
    }

    /** True while {@code run} is the one going (a late callback of an older run is ignored). */
    boolean isCurrent(ChecklistRun run) {
        return current == run;
    }

    ChecklistRun current() {
        return current;
    }

    /** The run reported; the next may start. */
    void finished() {
        current = null;
        done = null;
    }

    /** Asks the run to stop; true when there was one. */
    boolean stop() {
        ChecklistRun r = current;
        if (r == null) {
            return false;
        }
        // cancel() completes the run's futures on the calling thread, which then writes the
        // report; keep that off the UI thread
        CompletableFuture.runAsync(r::cancel);
        return true;
    }

    /** Stops the run; the future completes when it has reported. The start thread ends. */
    CompletableFuture<?> close() {
        stop();
        CompletableFuture<?> d = done == null ? CompletableFuture.completedFuture(null) : done;
        startThread.shutdown();
        return d;
    }

    /** The thread runs start on; tests keep it busy to start a run slowly. */
    ExecutorService startThread() {
        return startThread;
    }
}

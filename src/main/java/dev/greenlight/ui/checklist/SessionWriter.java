package dev.greenlight.ui.checklist;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.store.SessionStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Writes ticks, notes and verdicts to the session file on a thread of its own, in order, so they
 * are on disk moments after they happen and the UI never waits. Verdicts are batched: one write
 * takes every verdict queued by the time it runs.
 */
final class SessionWriter {
    /**
     * Verdicts reach the session file at most this often while a run goes on (sign-offs and notes
     * are written at once, and the run's end writes every verdict): each write serialises and syncs
     * the whole file, so writing per verdict would cost a large run a noticeable share of a core.
     * A crash loses at most this much of a run's verdicts; running again brings them back.
     */
    static final long RESULTS_WRITE_INTERVAL_MS = 250;

    interface StoreWrite {
        void apply(SessionStore s) throws IOException;
    }

    private final SessionStore store;
    private final Executor ui;
    /** Told "" after a good write, the reason after a failed one; on the UI executor. */
    private final Consumer<String> problem;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "greenlight-session-writer");
        t.setDaemon(true);
        // background work like the check threads: on two cores it took turns with the FX thread
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private volatile long lastResultsWrite = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(RESULTS_WRITE_INTERVAL_MS);
    // Verdicts waiting for the writer: a run's results go to disk in batches, not one whole-file
    // rewrite per item (a rewrite per item grows quadratically with the run).
    private final ConcurrentLinkedQueue<ItemResult> pendingResults = new ConcurrentLinkedQueue<>();
    private final Map<String, Map<String, String>> pendingContexts = new ConcurrentHashMap<>();
    private final AtomicBoolean resultsQueued = new AtomicBoolean();

    SessionWriter(SessionStore store, Executor ui, Consumer<String> problem) {
        this.store = store;
        this.ui = ui;
        this.problem = problem;
    }

    /** Written as soon as the writer gets to it (sign-offs, notes, a run's whole report). */
    void save(StoreWrite w) {
        saveLater(w, 0);
    }

    private void saveLater(StoreWrite w, long delayMs) {
        if (store == null || writer.isShutdown()) {
            return;
        }
        Runnable task = () -> {
            try {
                w.apply(store);
                ui.execute(() -> problem.accept(""));
            } catch (IOException | RuntimeException e) {
                String why = "Could not save to " + store.file() + ": " + e.getMessage();
                ui.execute(() -> problem.accept(why));
            }
        };
        try {
            if (delayMs <= 0) {
                writer.execute(task);
            } else {
                writer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: close() wrote what was queued
        }
    }

    /**
     * Queues a verdict (with the context its run was pointed at); one write takes every verdict
     * queued by the time it runs, and waits until {@link #RESULTS_WRITE_INTERVAL_MS} after the last.
     */
    void saveResult(ItemResult r, Map<String, String> context) {
        if (store == null) {
            return;
        }
        pendingContexts.put(r.itemId(), context == null ? Map.of() : context);
        pendingResults.add(r);
        if (resultsQueued.compareAndSet(false, true)) {
            long wait = TimeUnit.NANOSECONDS.toMillis(lastResultsWrite
                    + TimeUnit.MILLISECONDS.toNanos(RESULTS_WRITE_INTERVAL_MS) - System.nanoTime());
            saveLater(this::writePendingResults, wait);
        }
    }

    private void writePendingResults(SessionStore st) throws IOException {
        resultsQueued.set(false);
        List<ItemResult> batch = new ArrayList<>();
        for (ItemResult x = pendingResults.poll(); x != null; x = pendingResults.poll()) {
            batch.add(x);
        }
        if (!batch.isEmpty()) {
            st.results(batch, id -> {
                Map<String, String> c = pendingContexts.remove(id);
                return c == null || c.isEmpty() ? null : c;
            });
            lastResultsWrite = System.nanoTime();
        }
    }

    /** On the writer thread: the verdicts still waiting for their interval, written now. */
    private void writePendingResultsNow() {
        if (store == null) {
            return;
        }
        try {
            writePendingResults(store);
        } catch (IOException | RuntimeException e) {
            String why = "Could not save to " + store.file() + ": " + e.getMessage();
            ui.execute(() -> problem.accept(why));
        }
    }

    /** Waits until everything queued so far is on disk; for tests (blocks the caller). */
    void flush() {
        try {
            writer.submit(this::writePendingResultsNow).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After {@code before} completes: writes what is queued and stops; the future says when it is on disk. */
    CompletableFuture<Void> closeAfter(CompletableFuture<?> before) {
        CompletableFuture<Void> saved = new CompletableFuture<>();
        before.handle((r, e) -> null).thenRun(() -> {
            try {
                writer.execute(() -> {
                    writePendingResultsNow();
                    saved.complete(null);
                });
                writer.shutdown();
            } catch (RejectedExecutionException alreadyClosed) {
                saved.complete(null);
            }
        });
        return saved;
    }
}

package dev.greenlight.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Work done off the FX thread whose outcome is handed back to it (JabRef's {@code BackgroundTask}
 * is the model): {@code onRunning} on the FX thread before the work starts, then {@code onSuccess}
 * or {@code onFailure}, also there. The one shape for "read a file, then show it" so that no caller
 * writes its own hand-off and none forgets the failure path.
 *
 * <pre>{@code
 * BackgroundTask.wrap(() -> AppSettings.load(dir))
 *         .onSuccess(this::settingsLoaded)
 *         .onFailure(e -> dialogs.failure("Your settings could not be read …", e))
 *         .executeWith(background);
 * }</pre>
 */
public final class BackgroundTask<T> {
    private final Callable<T> work;
    private Runnable onRunning = () -> { };
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<Exception> onFailure = e -> { };
    private Executor fx = FxBridge.FX;

    private BackgroundTask(Callable<T> work) {
        this.work = work;
    }

    public static <T> BackgroundTask<T> wrap(Callable<T> work) {
        return new BackgroundTask<>(work);
    }

    /** Work without a result. */
    public static BackgroundTask<Void> run(Runnable work) {
        return new BackgroundTask<>(() -> {
            work.run();
            return null;
        });
    }

    public BackgroundTask<T> onRunning(Runnable r) {
        onRunning = r;
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> c) {
        onSuccess = c;
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Exception> c) {
        onFailure = c;
        return this;
    }

    /** Where the callbacks run; the FX thread unless a test gives a plain executor. */
    public BackgroundTask<T> callbacksOn(Executor ui) {
        fx = ui;
        return this;
    }

    /**
     * Runs the work on {@code executor}. The future completes after the callback ran. An executor
     * already shut down (the window is closing) runs nothing and completes the future at once.
     */
    public CompletableFuture<T> executeWith(Executor executor) {
        CompletableFuture<T> done = new CompletableFuture<>();
        fx.execute(onRunning);
        try {
            executor.execute(() -> {
                T value;
                try {
                    value = work.call();
                } catch (Exception e) {
                    fx.execute(() -> {
                        try {
                            onFailure.accept(e);
                        } finally {
                            done.completeExceptionally(e);
                        }
                    });
                    return;
                }
                fx.execute(() -> {
                    try {
                        onSuccess.accept(value);
                    } finally {
                        done.complete(value);
                    }
                });
            });
        } catch (RejectedExecutionException closing) {
            done.complete(null);
        }
        return done;
    }
}

package dev.greenlight.app;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundTaskTest {
    /** Stands in for the FX thread: one thread, so the order of callbacks is what the app sees. */
    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));

    @Test
    void theWorkRunsOnTheExecutorAndRunningAndSuccessAreToldOnTheUiThreadInOrder() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        BackgroundTask.wrap(() -> {
                    seen.add("work on " + Thread.currentThread().getName());
                    return 42;
                })
                .onRunning(() -> seen.add("running on " + Thread.currentThread().getName()))
                .onSuccess(v -> seen.add("success " + v + " on " + Thread.currentThread().getName()))
                .onFailure(e -> seen.add("failure"))
                .callbacksOn(ui)
                .executeWith(worker)
                .get(5, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("running on ui", "work on worker", "success 42 on ui");
    }

    @Test
    void aFailureGoesToOnFailureOnTheUiThreadAndNotToOnSuccess() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        var done = BackgroundTask.wrap(() -> {
                    throw new java.io.IOException("settings.json: unexpected end of input");
                })
                .onSuccess(v -> seen.add("success"))
                .onFailure(e -> seen.add(e.getMessage() + " on " + Thread.currentThread().getName()))
                .callbacksOn(ui)
                .executeWith(worker);
        done.handle((v, e) -> null).get(5, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("settings.json: unexpected end of input on ui");
        assertThat(done).isCompletedExceptionally();
    }

    @Test
    void anExecutorAlreadyShutDownRunsNothingAndDoesNotThrow() throws Exception {
        worker.shutdown();
        List<String> seen = new CopyOnWriteArrayList<>();
        BackgroundTask.run(() -> seen.add("work")).onSuccess(v -> seen.add("success")).callbacksOn(Runnable::run)
                .executeWith(worker).get(5, TimeUnit.SECONDS);
        assertThat(seen).isEmpty();
    }
}

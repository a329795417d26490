package dev.greenlight;

import javafx.application.Platform;
import javafx.stage.Window;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Not a unit test: {@code jlink/smoke-test.sh} runs this on the image's own runtime to see the
 * desktop app open with no display (Monocle headless). It starts the app the way
 * {@code bin/greenlight} does with no arguments, waits for a window to show, keeps it up for
 * two seconds, and exits 0 when the window is still showing and nothing was thrown.
 *
 * <p>Exit codes: 0 window shown, 1 no window or an uncaught exception, 3 this build has no
 * desktop app ({@link GuiLauncher#available()} is false).
 */
public final class GuiSmokeProbe {
    private static final long WINDOW_TIMEOUT_MS = 30_000;
    private static final long KEEP_OPEN_MS = 2_000;

    private GuiSmokeProbe() {
    }

    public static void main(String[] args) {
        if (!GuiLauncher.available()) {
            System.err.println("gui-probe: this build has no desktop app (GuiLauncher.available() is false)");
            System.exit(3);
        }
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> thrown.compareAndSet(null, e));
        Thread watcher = new Thread(() -> System.exit(watch(thrown)), "gui-probe");
        watcher.setDaemon(true);
        watcher.start();
        GuiLauncher.launch(new String[0]);
        // launch returns when the app has ended; the watcher decides the exit code.
        try {
            watcher.join();
        } catch (InterruptedException e) {
            System.exit(1);
        }
    }

    private static int watch(AtomicReference<Throwable> thrown) {
        long deadline = System.currentTimeMillis() + WINDOW_TIMEOUT_MS;
        String title = null;
        while (title == null && System.currentTimeMillis() < deadline && thrown.get() == null) {
            sleep(100);
            title = showingWindowTitle();
        }
        if (title != null && thrown.get() == null) {
            sleep(KEEP_OPEN_MS);
            title = showingWindowTitle();
        }
        if (thrown.get() != null) {
            System.err.println("gui-probe: uncaught exception while the app was starting:");
            thrown.get().printStackTrace();
            return 1;
        }
        if (title == null) {
            System.err.println("gui-probe: no window was showing within " + WINDOW_TIMEOUT_MS / 1000 + " s");
            return 1;
        }
        System.out.println("gui-probe: window showing after " + KEEP_OPEN_MS / 1000 + " s: " + title);
        return 0;
    }

    /** The title of a showing window, "" for an untitled one, null when none shows (yet). */
    private static String showingWindowTitle() {
        CompletableFuture<String> f = new CompletableFuture<>();
        try {
            Platform.runLater(() -> f.complete(Window.getWindows().stream().filter(Window::isShowing)
                    .map(w -> w instanceof javafx.stage.Stage s && s.getTitle() != null ? s.getTitle() : "")
                    .findFirst().orElse(null)));
            return f.get(5, TimeUnit.SECONDS);
        } catch (IllegalStateException e) {
            return null; // the toolkit has not started yet
        } catch (Exception e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.greenlight.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.application.Preloader;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: a JavaFX preloader that {@link FirstFrameBenchmark} puts into the app's process with
 * {@code -Djavafx.preloader=dev.greenlight.bench.FirstFrameProbe}, so the app itself carries no
 * timing code. JavaFX calls it on the FX thread just before the application's {@code start};
 * it then starts an {@code AnimationTimer} whose first pulse with a showing window is the first
 * frame. With {@code -Dgreenlight.firstFrame.until=#checklist} it also waits for the first pulse
 * in which a node matching that selector is in a showing window (the checklist tree).
 *
 * <p>Writes {@code key=epochMillis} lines to the file named by {@code greenlight.firstFrame.file},
 * then exits the app through {@code Platform.exit()} (the application's {@code stop} runs).
 */
public final class FirstFrameProbe extends Preloader {
    /** When the launcher got as far as loading the preloader (JavaFX launch under way). */
    private static final long LOADED_AT = System.currentTimeMillis();
    private static final long TIMEOUT_MS = 60_000;

    private Stage own;

    @Override
    public void start(Stage stage) {
        own = stage; // never shown; JavaFX gives every preloader a stage
    }

    @Override
    public void handleStateChangeNotification(StateChangeNotification n) {
        if (n.getType() != StateChangeNotification.Type.BEFORE_START) {
            return;
        }
        String until = System.getProperty("greenlight.firstFrame.until");
        long beforeStart = System.currentTimeMillis();
        new AnimationTimer() {
            private long firstFrame;

            @Override
            public void handle(long now) {
                long t = System.currentTimeMillis();
                boolean showing = Window.getWindows().stream().anyMatch(w -> w != own && w.isShowing());
                if (!showing) {
                    if (t - beforeStart > TIMEOUT_MS) {
                        finish(beforeStart, 0, 0);
                    }
                    return;
                }
                if (firstFrame == 0) {
                    firstFrame = t;
                }
                boolean found = until == null || Window.getWindows().stream().anyMatch(w -> w != own && w.isShowing()
                        && w.getScene() != null && w.getScene().lookup(until) != null);
                if (found || t - beforeStart > TIMEOUT_MS) {
                    stop();
                    finish(beforeStart, firstFrame, found && until != null ? t : 0);
                }
            }
        }.start();
    }

    private static void finish(long beforeStart, long firstFrame, long untilFrame) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String text = "jvmStart=" + jvmStart + "\nprobeLoaded=" + LOADED_AT + "\nbeforeStart=" + beforeStart
                + "\nfirstFrame=" + firstFrame + "\nuntilFrame=" + untilFrame + "\n";
        try {
            Files.writeString(Path.of(System.getProperty("greenlight.firstFrame.file")), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Platform.exit();
    }
}

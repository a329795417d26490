package dev.greenlight.app;

import javafx.application.Platform;

import java.util.concurrent.Executor;

/**
 * The one way onto the FX thread. Worker threads (engine callbacks, file readers, command output)
 * hand their UI updates here; nothing else in Greenlight calls {@code Platform.runLater}.
 */
public final class FxBridge {
    /** Runs on the FX thread: now when already there, otherwise as soon as the FX thread is free. */
    public static final Executor FX = FxBridge::run;
    /**
     * Runs on the FX thread after what is already queued there, even when called on it: for work
     * done once per turn of the queue after a burst of changes (counts, a pane's rebuild).
     */
    public static final Executor NEXT_TURN = Platform::runLater;

    private FxBridge() {
    }

    public static void run(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}

package dev.greenlight.build;

import dev.greenlight.app.GreenlightApp;
import dev.greenlight.cli.GreenlightCommand;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.application.Preloader;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Build time only, not part of the CLI: the training run of the image's class-data-sharing archive
 * (jlink/image.xml runs it with the launcher's class path and {@code -XX:ArchiveClassesAtExit}).
 * One JVM does what a person's first minute does: CLI runs of the bundled checklist on the sample
 * checkout ({@link #CLI_CALLS}), then, when {@code GREENLIGHT_CDS_GUI=1} and there is a display, the desktop window up to
 * the checklist tree, one "Run all" and its end. The archive then holds the classes of both, so the
 * window's first frame does not load JavaFX from the runtime's module image. Exit code 0 when both parts ran, 3 when only the CLI part did.
 */
public final class CdsTraining {
    /** How long the window part may take before it gives up (the archive keeps what was loaded). */
    static final long GUI_TIMEOUT_MS = 60_000;
    /**
     * The CLI calls trained, as the launcher makes them: a plain run, one
     * narrowed with {@code --only} (the selection code), and {@code --version}. A class, lambda or
     * method-handle form no training call reaches is loaded, verified or generated at every start.
     */
    static final String[][] CLI_CALLS = {
            {"run"},
            {"run", "--only", "asl-paths,lambda-usc"},
            {"--version"},
    };

    private CdsTraining() {
    }

    public static void main(String[] args) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        for (String[] call : CLI_CALLS) {
            GreenlightCommand.execute(call, none, none);
        }
        if (!"1".equals(System.getenv("GREENLIGHT_CDS_GUI"))) {
            System.exit(3);
        }
        System.setProperty("javafx.preloader", Driver.class.getName());
        try {
            Application.launch(GreenlightApp.class);
        } catch (RuntimeException | LinkageError noDisplay) {
            System.exit(3);
        }
        System.exit(Driver.reachedTheEnd ? 0 : 3);
    }

    /**
     * Drives the window from inside, as a JavaFX preloader (so the app has no training hooks):
     * waits for the checklist tree, fires "Run all", waits for the run's toast, then exits.
     */
    public static final class Driver extends Preloader {
        static volatile boolean reachedTheEnd;
        private Stage own;

        @Override
        public void start(Stage stage) {
            own = stage; // JavaFX gives every preloader a stage; never shown
        }

        @Override
        public void handleStateChangeNotification(StateChangeNotification n) {
            if (n.getType() != StateChangeNotification.Type.BEFORE_START) {
                return;
            }
            long started = System.currentTimeMillis();
            new AnimationTimer() {
                private boolean fired;

                @Override
                public void handle(long now) {
                    if (System.currentTimeMillis() - started > GUI_TIMEOUT_MS) {
                        stop();
                        Platform.exit();
                        return;
                    }
                    Node tree = lookup("#checklist");
                    Node runAll = lookup("#run-all");
                    if (!fired && tree != null && runAll instanceof Button b && !b.isDisabled()) {
                        fired = true;
                        b.fire();
                    } else if (fired && lookup(".toast") != null) {
                        reachedTheEnd = true;
                        stop();
                        Platform.exit();
                    }
                }
            }.start();
        }

        private Node lookup(String selector) {
            for (Window w : Window.getWindows()) {
                if (w != own && w.isShowing() && w.getScene() != null) {
                    Node found = w.getScene().lookup(selector);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }
}

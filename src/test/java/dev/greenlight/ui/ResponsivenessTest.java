package dev.greenlight.ui;

import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.engine.Status;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The FX thread keeps painting while the app reads its files, starts, and saves on the way out. */
@ExtendWith(ApplicationExtension.class)
class ResponsivenessTest {
    @TempDir
    Path tmp;
    UiFixture fixture;
    Stage stage;
    MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fixture = new UiFixture(tmp);
    }

    @AfterEach
    void close(FxRobot robot) {
        if (window != null) {
            robot.interact(() -> window.close());
        }
        fixture.restoreHome();
    }

    /** The longest time between two pulses while it runs: a blocked FX thread shows as one long gap. */
    static final class PulseGaps extends AnimationTimer {
        private long last;
        private long longest;

        @Override
        public void handle(long now) {
            if (last != 0) {
                longest = Math.max(longest, now - last);
            }
            last = now;
        }

        long longestMs() {
            return TimeUnit.NANOSECONDS.toMillis(longest);
        }
    }

    @Test
    void theFxThreadNeverStallsForSecondsDuringStartUpRunAndClose(FxRobot robot) throws Exception {
        PulseGaps gaps = new PulseGaps();
        robot.interact(gaps::start);
        robot.interact(() -> {
            window = new MainWindow(stage, fixture.config(null), new DialogService(), url -> { });
            window.show();
        });
        MainWindowTest.await(() -> window.viewModel() != null);
        robot.interact(() -> window.viewModel().runAll());
        MainWindowTest.await(() -> window.viewModel().lastReportProperty().get() != null);
        robot.interact(() -> window.viewModel().tick("smoke-test", "seen it finish", "alice", null));
        CompletableFuture<?>[] closed = new CompletableFuture<?>[1];
        robot.interact(() -> {
            closed[0] = window.close();
            stage.hide();
        });
        closed[0].get(20, TimeUnit.SECONDS);
        robot.interact(gaps::stop);
        // generous: only a multi-second block (a file read or a save waited for on the FX thread) fails
        assertThat(gaps.longestMs()).as("longest gap between pulses, ms").isLessThan(2_500);
        window = null;
    }

    @Test
    void theWindowShowsWhileTheSettingsFileIsStillBeingRead(FxRobot robot) throws Exception {
        Path settings = Files.createDirectories(dev.greenlight.files.AppDirs.config()).resolve("settings.json");
        // a named pipe: reading it blocks until the test writes, like a settings file on a hung network drive
        boolean made = new ProcessBuilder("mkfifo", settings.toString()).start().waitFor() == 0;
        assumeTrue(made, "mkfifo is available");
        robot.interact(() -> {
            window = new MainWindow(stage, fixture.config(null), new DialogService(), url -> { });
            window.show();
        });
        // reaching here at all means the FX thread was not waiting for the file
        assertThat(stage.isShowing()).isTrue();
        assertThat(robot.lookup(".placeholder").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Loading the checklist…");
        assertThat(window.viewModel()).isNull();

        Thread writer = new Thread(() -> {
            try {
                Files.writeString(settings, "{\"theme\": \"dark\"}", StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        MainWindowTest.await(() -> window.viewModel() != null);
        assertThat(window.scene().getStylesheets()).anyMatch(s -> s.endsWith("dark.css"));
        assertThat(window.viewModel().item("smoke-test").orElseThrow().status()).isEqualTo(Status.MANUAL);
    }
}

package dev.greenlight.ui;

import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real X screen smaller than the window's default size the window opens inside it:
 * {@code xvfb-run -a -s "-screen 0 1024x640x24" mvn -o test -Dtest=OpensWithinTheScreenUnderXvfb -Dsmall.screen=true}.
 * Skipped otherwise (Monocle's screen in the ordinary run is large).
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "small.screen", matches = "true")
class OpensWithinTheScreenUnderXvfb {
    @TempDir
    Path tmp;
    UiFixture fixture;
    MainWindow window;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fixture = new UiFixture(tmp);
        window = new MainWindow(stage, fixture.config(null), new DialogService(), url -> { });
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.close());
        fixture.restoreHome();
    }

    @Test
    void onA1024x640ScreenTheWholeWindowIsOnTheScreen(FxRobot robot) throws Exception {
        MainWindowTest.await(() -> window.viewModel() != null);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertThat(screen.getWidth()).as("run under a 1024x640 Xvfb screen").isLessThan(1280);
        assertThat(stage.getX()).as("left edge").isGreaterThanOrEqualTo(screen.getMinX());
        assertThat(stage.getY()).as("top edge").isGreaterThanOrEqualTo(screen.getMinY());
        assertThat(stage.getX() + stage.getWidth()).as("right edge").isLessThanOrEqualTo(screen.getMaxX());
        assertThat(stage.getY() + stage.getHeight()).as("bottom edge").isLessThanOrEqualTo(screen.getMaxY());
    }
}

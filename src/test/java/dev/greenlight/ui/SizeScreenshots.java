package dev.greenlight.ui;

import dev.greenlight.app.AppConfig;
import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.ui.checklist.ChecklistView;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main window on a real checkout at 1024×640, 1440×900 and 2560×1440, light and dark, for the
 * README: {@code xvfb-run -a -s "-screen 0 2560x1440x24" mvn -o test -Dtest=SizeScreenshots
 * -Dscreenshots.dir=assets/screenshots -Dscreenshots.checkout=/path/to/checkout}. Skipped otherwise.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "screenshots.checkout", matches = ".+")
class SizeScreenshots {
    @TempDir
    Path tmp;
    MainWindow window;
    Stage stage;
    String previousHome;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        previousHome = System.getProperty("greenlight.home");
        System.setProperty("greenlight.home", tmp.resolve("home").toString());
        AppConfig cfg = new AppConfig("bundled:unified-pipe-v3.3", Path.of(System.getProperty("screenshots.checkout")),
                s -> null, "Live log tails need an AWS connection; none is set up here.", (t, m) -> true, null);
        window = new MainWindow(stage, cfg, new DialogService(), url -> { });
        window.show();
    }

    @org.junit.jupiter.api.AfterEach
    void restore(FxRobot robot) {
        robot.interact(() -> window.close());
        UiFixture.restore("greenlight.home", previousHome);
    }

    private void shot(FxRobot robot, String name, int w, int h) throws Exception {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        File out = dir.resolve(name).toFile();
        WaitForAsyncUtils.asyncFx(() -> {
            ImageIO.write(SwingFXUtils.fromFXImage(window.scene().snapshot(null), null), "png", out);
            return null;
        }).get();
        assertThat(out).exists();
    }

    @Test
    void theMainWindowAtThreeSizesInBothThemes(FxRobot robot) throws Exception {
        MainWindowTest.await(() -> window.viewModel() != null);
        robot.interact(() -> window.viewModel().runAll());
        MainWindowTest.await(() -> window.viewModel().lastReportProperty().get() != null && !window.viewModel().isRunning());
        ChecklistView tree = robot.lookup("#checklist").queryAs(ChecklistView.class);
        String failing = window.viewModel().items().stream()
                .filter(s -> s.status() == dev.greenlight.engine.Status.FAIL).map(s -> s.id()).findFirst()
                .orElse(window.viewModel().items().get(0).id());
        robot.interact(() -> tree.select(failing));
        Thread.sleep(5000); // the "Run finished" toast goes away
        for (String theme : new String[]{"light", "dark"}) {
            robot.interact(() -> window.setTheme(theme));
            shot(robot, "window-1024x640-" + theme + ".png", 1024, 640);
            shot(robot, "window-1440x900-" + theme + ".png", 1440, 900);
            shot(robot, "window-2560x1440-" + theme + ".png", 2560, 1440);
        }
    }
}

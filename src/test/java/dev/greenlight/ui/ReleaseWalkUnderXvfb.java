package dev.greenlight.ui;

import dev.greenlight.app.AppConfig;
import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.ui.walkthrough.WalkthroughView;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static dev.greenlight.ui.MainWindowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test of its own: a release walked through the real window on a real X display, with a
 * screenshot of the whole screen ({@code import -window root}) after each step, for a person to look
 * at. Runs only with {@code -Dwalk.dir=DIR -Dwalk.checkout=CLONE} under {@code xvfb-run}; the
 * checkout is a clone a new commit may be made in.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "walk.dir", matches = ".+")
class ReleaseWalkUnderXvfb {
    MainWindow window;
    Stage stage;
    Path checkout = Path.of(System.getProperty("walk.checkout", "."));
    Path dir = Path.of(System.getProperty("walk.dir", "."));
    UiFixture fixture;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fixture = new UiFixture(Files.createTempDirectory("walk"));
        AppConfig cfg = new AppConfig("bundled:unified-pipe-v3.3", checkout, s -> null, "Live log tails are not available.",
                (t, m) -> true, null);
        window = new MainWindow(stage, cfg, new DialogService(), url -> { });
        window.show();
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.close());
        fixture.restoreHome();
    }

    private void shot(String name) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        Process p = new ProcessBuilder("import", "-window", "root", dir.resolve(name).toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void walkARelease(FxRobot robot) throws Exception {
        Files.createDirectories(dir);
        await(() -> window.viewModel() != null);
        robot.clickOn("#mode-walkthrough");
        await(() -> window.viewModel().lastReportProperty().get() != null && !window.viewModel().isRunning());
        WalkthroughView wt = robot.lookup("#walkthrough").queryAs(WalkthroughView.class);
        shot("01-walkthrough-after-run.png");

        robot.interact(() -> wt.model().goTo("trigger-push"));
        robot.clickOn("#wt-note").write("pushed to main; Backend Deploy run 118 green");
        robot.clickOn("#wt-done");
        robot.interact(() -> wt.model().goTo("e2e-tests"));
        robot.clickOn("#wt-note").write("ran the e2e suite on dev: 41 passed");
        robot.clickOn("#wt-done");
        robot.interact(() -> wt.model().goTo("trigger-github-ui"));
        shot("02-signed-off-one-trigger-of-three.png");

        robot.clickOn("#wt-finish");
        await(() -> robot.lookup("#record-decision").tryQuery().isPresent());
        shot("03-record.png");

        Files.writeString(checkout.resolve("README.md"), Files.readString(checkout.resolve("README.md")) + "\nrelease notes\n");
        dev.greenlight.TestGit.commitAll(checkout, "release notes");
        robot.clickOn("#mode-checklist").clickOn("#mode-walkthrough");
        await(() -> robot.lookup("#record-out-of-date").tryQuery().isPresent());
        shot("04-record-out-of-date-after-new-commit.png");

        robot.interact(() -> window.contextViewModel().variables().stream().filter(v -> v.name().equals("stage"))
                .findFirst().orElseThrow().valueProperty().set("prod"));
        robot.interact(() -> wt.model().reopen());
        robot.interact(() -> wt.model().goTo("e2e-tests"));
        shot("05-stale-sign-off-after-stage-change.png");

        robot.clickOn("#wt-finish");
        await(() -> robot.lookup("#record-decision").tryQuery().isPresent() && !window.viewModel().isRunning());
        shot("06-record-rebuilt-on-prod.png");

        Path out = dir.resolve("record.json");
        AtomicReference<String> asked = new AtomicReference<>();
        robot.interact(() -> window.setSaveChooser((what, ext) -> {
            asked.set(ext);
            return out;
        }));
        robot.interact(() -> robot.lookup("#record-sign").queryAs(CheckBox.class).setSelected(true));
        robot.clickOn("#record-export-json");
        await(() -> robot.lookup("#record-status").queryAs(javafx.scene.control.Label.class).getText().startsWith("Saved"));
        shot("07-exported-signed.png");
        assertThat(out).exists();
        assertThat(dir.resolve("record.json.sig")).exists();
    }
}

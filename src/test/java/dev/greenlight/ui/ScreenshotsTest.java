package dev.greenlight.ui;

import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.ui.checklist.ChecklistView;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
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
 * Renders the real main window to PNG for the README: {@code mvn -o test -Dtest=ScreenshotsTest
 * -Dscreenshots.dir=assets/screenshots}. Skipped in ordinary test runs.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "screenshots.dir", matches = ".+")
class ScreenshotsTest {
    static {
        // Monocle's headless screen is 1280x800 unless told otherwise; the 2560x1440 shot needs room
        System.setProperty("headless.geometry", "2560x1440-32");
    }

    @TempDir
    Path tmp;
    UiFixture fixture;
    MainWindow window;
    Stage stage;
    TestLogTail tail = new TestLogTail(10_000);

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fixture = new UiFixture(tmp);
        window = new MainWindow(stage, fixture.config((groups, since, filter) -> tail), new DialogService(), url -> { });
        window.show();
    }

    @org.junit.jupiter.api.AfterEach
    void restoreHome() {
        if (fixture != null) {
            fixture.restoreHome();
        }
    }

    private void shot(FxRobot robot, String name, int w, int h) throws Exception {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir"));
        Files.createDirectories(dir);
        File out = dir.resolve(name).toFile();
        WaitForAsyncUtils.asyncFx(() -> {
            var img = window.scene().snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out);
            return null;
        }).get();
        assertThat(out).exists();
    }

    /** Opens a second window on the bundled checklist and a copy of the sample checkout with one fact broken. */
    private MainWindow bundled(FxRobot robot) throws Exception {
        Path sample = dev.greenlight.wiring.SampleCheckout.materialise(tmp.resolve("sample"));
        Path template = sample.resolve("analemma-workflow-os/backend/template.yaml");
        // the classic v3 mistake: the orchestrator still points at the pre-v3 definition
        Files.writeString(template, Files.readString(template).replace(
                "DefinitionUri: src/aws_step_functions_v3.json", "DefinitionUri: src/aws_step_functions.json"));
        dev.greenlight.app.AppConfig cfg = new dev.greenlight.app.AppConfig("bundled:unified-pipe-v3.3", sample,
                s -> null, "Live log tails are not available.", (t, m) -> true, null);
        MainWindow[] w = new MainWindow[1];
        robot.interact(() -> {
            window.close();
            stage.close();
            stage = new Stage();
            w[0] = new MainWindow(stage, cfg, new DialogService(), url -> { });
            w[0].show();
        });
        window = w[0];
        MainWindowTest.await(() -> window.viewModel() != null);
        return window;
    }

    @Test
    void rendersTheMainWindow(FxRobot robot) throws Exception {
        MainWindowTest.await(() -> window.viewModel() != null);
        robot.interact(() -> window.viewModel().runAll());
        MainWindowTest.await(() -> window.viewModel().lastReportProperty().get() != null);
        ChecklistView tree = robot.lookup("#checklist").queryAs(ChecklistView.class);

        robot.interact(() -> tree.select("smoke-test"));
        MainWindowTest.await(() -> robot.lookup("#log-start").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#log-start").queryAs(Button.class).fire());
        String g = "/aws/lambda/backend-workflow-dev-orchestrator";
        long t = System.currentTimeMillis() - 60_000;
        String[] lines = {
            "START RequestId: 7f1c2a4e-3b1d-4a8e-9d1f-2c6b8e0a9f11 Version: $LATEST",
            "[INFO] universal_sync_core: merging 3 partial states into the unified pipe",
            "[INFO] InitializeStateData: segment_to_run=0 total_segments=4",
            "[INFO] s3 offload: state 182 KB > 256 KB limit? no, kept inline",
            "[ERROR] KeyError: 'execution_id' in universal_sync_core.py line 214",
            "Traceback (most recent call last):",
            "  File \"/var/task/src/handlers/utils/universal_sync_core.py\", line 214, in merge",
            "END RequestId: 7f1c2a4e-3b1d-4a8e-9d1f-2c6b8e0a9f11",
            "REPORT RequestId: 7f1c2a4e-3b1d-4a8e-9d1f-2c6b8e0a9f11 Duration: 812.44 ms Billed Duration: 813 ms Memory Size: 1024 MB",
        };
        MainWindowTest.await(() -> robot.lookup("#log-start").queryAs(Button.class).getText().equals("Stop tail"));
        for (int i = 0; i < 60; i++) {
            tail.add(g, t + i * 400L, lines[i % lines.length], "s" + i);
        }
        MainWindowTest.await(() -> robot.lookup("#log-list").tryQuery().isPresent()
                && ((javafx.scene.control.ListView<?>) robot.lookup("#log-list").query()).getItems().size() == 60);
        robot.interact(() -> window.detail().setVvalue(1));
        robot.interact(() -> window.setTheme("dark"));
        shot(robot, "log-tail-dark.png", 1280, 800);
        robot.interact(() -> window.setTheme("light"));

        robot.interact(() -> {
            window.contextViewModel().variables().get(0).valueProperty().set("prod");
            tree.select("dockerfile-v3");
        });
        MainWindowTest.await(() -> robot.lookup(".ts-command").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.TextField) n).getText().endsWith("backend-workflow-prod")));
        shot(robot, "production-stage.png", 1280, 800);

        MainWindow w = bundled(robot);
        robot.interact(() -> w.viewModel().runAll());
        MainWindowTest.await(() -> w.viewModel().lastReportProperty().get() != null);
        ChecklistView bundledTree = robot.lookup("#checklist").queryAs(ChecklistView.class);
        robot.interact(() -> bundledTree.select("asl-distributed-definition-uri"));
        MainWindowTest.await(() -> !robot.lookup(".snippet-hit").queryAll().isEmpty());
        shot(robot, "main-light.png", 1280, 800);
        robot.interact(() -> w.setTheme("dark"));
        shot(robot, "main-dark.png", 1280, 800);
        robot.interact(() -> w.setTheme("light"));
        robot.interact(() -> bundledTree.select("asl-orchestrator-definition-uri"));
        MainWindowTest.await(() -> !robot.lookup(".snippet-hit").queryAll().isEmpty()
                && !robot.lookup(".ts-entry").queryAll().isEmpty());
        shot(robot, "failing-item.png", 1280, 800);
        shot(robot, "failing-item-2560x1440.png", 2560, 1440);
    }

    /** The walkthrough, its record, the history diff and on-call, on the bundled checklist. */
    @Test
    void rendersTheModes(FxRobot robot) throws Exception {
        Path sample = dev.greenlight.wiring.SampleCheckout.materialise(tmp.resolve("sample-modes"));
        Path template = sample.resolve("analemma-workflow-os/backend/template.yaml");
        String good = Files.readString(template);
        dev.greenlight.app.AppConfig cfg = new dev.greenlight.app.AppConfig("bundled:unified-pipe-v3.3", sample,
                s -> null, "Live log tails are not available.", (t, m) -> true, null);
        MainWindow[] w = new MainWindow[1];
        robot.interact(() -> {
            window.close();
            stage.close();
            stage = new Stage();
            w[0] = new MainWindow(stage, cfg, new DialogService(), url -> { });
            w[0].show();
        });
        window = w[0];
        MainWindowTest.await(() -> window.viewModel() != null);
        // a green run first, then the classic v3 mistake, so the history has a regression to show
        robot.interact(() -> window.viewModel().runAll());
        MainWindowTest.await(() -> window.viewModel().lastReportProperty().get() != null);
        var first = window.viewModel().lastReportProperty().get();
        Files.writeString(template, good.replace("DefinitionUri: src/aws_step_functions_v3.json", "DefinitionUri: src/aws_step_functions.json"));

        robot.clickOn("#mode-walkthrough");
        MainWindowTest.await(() -> window.viewModel().lastReportProperty().get() != first && !window.viewModel().isRunning());
        var wt = robot.lookup("#walkthrough").queryAs(dev.greenlight.ui.walkthrough.WalkthroughView.class);
        robot.interact(() -> wt.model().goTo("asl-orchestrator-definition-uri"));
        MainWindowTest.await(() -> !robot.lookup(".snippet-hit").queryAll().isEmpty());
        shot(robot, "walkthrough.png", 1280, 800);
        robot.interact(() -> wt.model().goTo("trigger-push"));
        robot.interact(() -> wt.model().markDone("pushed to main; Backend Deploy run 118 green"));
        robot.interact(() -> wt.model().goTo("simulator-workflow"));
        robot.interact(() -> wt.model().markDone("ran simple_llm_test.json on dev: SUCCEEDED, execution wf-7f1c"));
        robot.interact(() -> wt.model().finish());
        MainWindowTest.await(() -> robot.lookup("#record-decision").tryQuery().isPresent());
        shot(robot, "walkthrough-record.png", 1280, 800);

        // the stage changes after the record was made: it is marked out of date, and the sign-offs made on dev go stale
        var stageRow = window.contextViewModel().variables().stream().filter(v -> v.name().equals("stage")).findFirst().orElseThrow();
        robot.interact(() -> stageRow.valueProperty().set("prod"));
        MainWindowTest.await(() -> robot.lookup("#record-out-of-date").tryQuery().isPresent());
        shot(robot, "walkthrough-record-out-of-date.png", 1280, 800);
        robot.interact(() -> wt.model().reopen());
        robot.interact(() -> wt.model().goTo("simulator-workflow"));
        MainWindowTest.await(() -> window.viewModel().item("simulator-workflow").orElseThrow().staleSignOff() != null);
        shot(robot, "walkthrough-stale-sign-off.png", 1280, 800);
        robot.interact(() -> stageRow.valueProperty().set("dev"));

        robot.clickOn("#mode-history");
        var hv = robot.lookup("#history").queryAs(dev.greenlight.ui.history.HistoryView.class);
        MainWindowTest.await(() -> hv.table().getItems().size() >= 2);
        robot.clickOn("#history-since-green");
        MainWindowTest.await(() -> robot.lookup(".diff-change").tryQuery().isPresent());
        robot.interact(() -> hv.table().getSelectionModel().select(0));
        shot(robot, "history-diff.png", 1280, 800);

        robot.clickOn("#mode-oncall");
        var oc = robot.lookup("#oncall").queryAs(dev.greenlight.ui.oncall.OnCallView.class);
        robot.interact(() -> oc.text().setText("[ERROR] Transform AWS::Serverless-2016-10-31 failed: DefinitionUri: src/aws_step_functions_v3.json not found"));
        robot.clickOn("#oncall-diagnose");
        MainWindowTest.await(() -> robot.lookup(".oncall-reason").tryQuery().isPresent() && !window.viewModel().isRunning());
        MainWindowTest.await(() -> !robot.lookup(".snippet-hit").queryAll().isEmpty());
        shot(robot, "oncall.png", 1280, 800);
    }
}

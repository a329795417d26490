package dev.greenlight.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.app.AppConfig;
import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.engine.Status;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.store.RunHistory;
import dev.greenlight.ui.history.HistoryView;
import dev.greenlight.ui.oncall.OnCallView;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.greenlight.ui.MainWindowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The walkthrough, history and on-call modes in the real main window. */
@ExtendWith(ApplicationExtension.class)
class ModesTest {
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

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void walkthroughRunsAheadTakesSignOffsAndExportsAVerifiableRecord(FxRobot robot) throws Exception {
        await(() -> window.viewModel() != null);
        robot.clickOn("#mode-walkthrough");
        await(() -> window.viewModel().lastReportProperty().get() != null);
        assertThat(text(robot, "#walkthrough-progress")).isEqualTo("2 of 4 verified, 1 waiting for you, 1 failing");
        assertThat(text(robot, "#walkthrough-verdict")).isEqualTo("✔ PASS");

        robot.clickOn("#wt-next").clickOn("#wt-next");
        assertThat(text(robot, "#walkthrough-verdict")).isEqualTo("✖ FAIL");
        assertThat(robot.lookup("#wt-done").queryAs(Button.class).isDisabled()).as("a FAIL cannot be signed off").isTrue();
        // the release manager fixes the checkout and checks the item again
        Files.writeString(fixture.checkout.resolve("backend/Dockerfile.v3"), "FROM public.ecr.aws/lambda/python:3.12\n");
        robot.clickOn("#wt-run");
        await(() -> window.viewModel().item("dockerfile-v3").orElseThrow().status() == Status.PASS);
        assertThat(text(robot, "#walkthrough-verdict")).isEqualTo("✔ PASS");

        robot.clickOn("#wt-next");
        assertThat(text(robot, "#walkthrough-verdict")).isEqualTo("☐ YOUR CHECK");
        robot.clickOn("#wt-note").write("started wf-42 in the console; SUCCEEDED in 41 s");
        robot.clickOn("#wt-done");
        await(() -> window.viewModel().item("smoke-test").orElseThrow().status() == Status.DONE);
        assertThat(text(robot, "#walkthrough-progress")).isEqualTo("4 of 4 verified, 0 waiting for you, 0 failing");

        robot.clickOn("#wt-finish");
        await(() -> robot.lookup("#record-decision").tryQuery().isPresent());
        assertThat(text(robot, "#record-decision")).isEqualTo("GO");

        Path out = tmp.resolve("exports/go-no-go.json");
        Files.createDirectories(out.getParent());
        AtomicReference<String> asked = new AtomicReference<>();
        robot.interact(() -> window.setSaveChooser((what, ext) -> {
            asked.set(what + "/" + ext);
            return out;
        }));
        robot.clickOn("#record-export-json");
        await(() -> text(robot, "#record-status").startsWith("Saved"));
        assertThat(asked.get()).isEqualTo("JSON/json");
        var json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(GoNoGoRecord.verify(json).ok()).isTrue();
        GoNoGoRecord record = GoNoGoRecord.fromJson(json);
        assertThat(record.decision()).isEqualTo("GO");
        assertThat(record.signOffs()).singleElement().satisfies(s -> {
            assertThat(s.itemId()).isEqualTo("smoke-test");
            assertThat(s.who()).isEqualTo(System.getProperty("user.name"));
            assertThat(s.note()).isEqualTo("started wf-42 in the console; SUCCEEDED in 41 s");
        });
        assertThat(record.items()).extracting(GoNoGoRecord.RecordItem::id, GoNoGoRecord.RecordItem::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("template-present", Status.PASS),
                org.assertj.core.groups.Tuple.tuple("definition-uri", Status.PASS),
                org.assertj.core.groups.Tuple.tuple("dockerfile-v3", Status.PASS),
                org.assertj.core.groups.Tuple.tuple("smoke-test", Status.DONE));
        assertThat(text(robot, "#record-hash")).isEqualTo(record.sha256());

        robot.clickOn("#record-copy-md");
        String clip = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertThat(clip).contains("GO").contains(record.sha256());

        // both runs of the walkthrough were kept in the history, as the CLI keeps its runs
        await(() -> {
            try {
                return RunHistory.atDefaultLocation().list("demo-pipe").runs().size() == 2;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void historyListsSavedRunsAndTheDiffShowsTheChangedVerdict(FxRobot robot) throws Exception {
        await(() -> window.viewModel() != null);
        var checklist = window.viewModel().checklist();
        RunHistory h = RunHistory.atDefaultLocation();
        h.save(dev.greenlight.ui.history.HistoryViewModelTest.report(checklist, java.time.Instant.parse("2025-03-01T10:00:00Z"),
                "aaa1111", Status.PASS), List.of());
        h.save(dev.greenlight.ui.history.HistoryViewModelTest.report(checklist, java.time.Instant.parse("2025-03-02T10:00:00Z"),
                "bbb2222", Status.FAIL), List.of());
        robot.clickOn("#mode-history");
        HistoryView view = robot.lookup("#history").queryAs(HistoryView.class);
        await(() -> view.table().getItems().size() == 2);
        assertThat(view.table().getItems()).extracting(r -> r.summary().sha()).containsExactly("bbb2222", "aaa1111");
        assertThat(robot.lookup(".section-bar").queryAll()).hasSize(6);

        robot.interact(() -> view.table().getSelectionModel().selectAll());
        robot.clickOn("#history-compare");
        await(() -> robot.lookup(".diff-change").tryQuery().isPresent());
        Node card = robot.lookup(".diff-change").query();
        assertThat(card.getUserData()).isEqualTo("dockerfile-v3");
        assertThat(card.getStyleClass()).contains("diff-regression");
        assertThat(robot.from(card).lookup(".diff-statuses").queryAs(Label.class).getText()).isEqualTo("✔ PASS  →  ✖ FAIL");
        assertThat(robot.from(card).lookup(".diff-reason").queryAll()).extracting(n -> ((Label) n).getText())
                .containsExactly("Dockerfile.v3 exists.", "Dockerfile.v3 is missing.");
        assertThat(text(robot, "#diff-summary")).isEqualTo("1 changed · 1 for the worse · 3 unchanged");

        robot.interact(() -> view.table().getSelectionModel().clearSelection());
        robot.clickOn("#history-since-green");
        await(() -> text(robot, "#diff-runs").contains("aaa1111") && text(robot, "#diff-runs").contains("bbb2222"));
    }

    @Test
    void onCallMatchesTheDocumentsFourMessagesToTheRightItemsAndRunsThem(FxRobot robot) throws Exception {
        Path sample = dev.greenlight.wiring.SampleCheckout.materialise(tmp.resolve("sample"));
        AppConfig cfg = new AppConfig("bundled:unified-pipe-v3.3", sample, s -> null, "Live log tails are not available.",
                (t, m) -> true, null);
        robot.interact(() -> {
            window.close();
            stage.close();
            stage = new Stage();
            window = new MainWindow(stage, cfg, new DialogService(), url -> { });
            window.show();
        });
        await(() -> window.viewModel() != null);
        robot.clickOn("#mode-oncall");
        OnCallView view = robot.lookup("#oncall").queryAs(OnCallView.class);
        String[][] cases = {
            {"DefinitionUri: src/aws_step_functions_v3.json not found", "asl-orchestrator-definition-uri"},
            {"ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'", "init-usc-import", "sdm-usc-import",
                "lambda-image-build", "usc-module-check-invoke", "usc-import-errors-in-logs"},
            {"Lambda function not found: ${InitializeStateDataArn}", "orchestrator-substitutions", "distributed-substitutions",
                "sfn-initialize-arn", "sfn-no-placeholders"},
            {"Disk space quota exceeded", "disk-space-step"},
        };
        for (String[] c : cases) {
            await(() -> !window.viewModel().isRunning());
            robot.interact(() -> view.text().setText(c[0]));
            robot.clickOn("#oncall-diagnose");
            List<String> expected = List.of(c).subList(1, c.length);
            await(() -> cardIds(robot).equals(expected));
            // the matched items run, and their verdicts arrive in the cards
            await(() -> expected.stream().allMatch(id -> {
                var s = window.viewModel().item(id).orElseThrow();
                return s.status() != null && !s.running();
            }));
        }
        // on the sample checkout the v3 definition is in place, so the first message's item passes
        assertThat(window.viewModel().item("asl-orchestrator-definition-uri").orElseThrow().status()).isEqualTo(Status.PASS);
        assertThat(window.viewModel().item("disk-space-step").orElseThrow().status()).isEqualTo(Status.PASS);
        assertThat(robot.lookup(".oncall-reason").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".ts-command").queryAll()).extracting(n -> ((TextField) n).getText())
                .contains("sudo rm -rf /usr/share/dotnet /usr/local/lib/android && docker system prune -af --volumes");
    }

    private static List<String> cardIds(FxRobot robot) {
        return robot.lookup(".oncall-match").queryAll().stream().map(n -> String.valueOf(n.getUserData())).toList();
    }
}

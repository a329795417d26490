package dev.greenlight.ui;

import dev.greenlight.app.AppConfig;
import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.ui.checklist.ChecklistView;
import dev.greenlight.ui.oncall.OnCallView;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import javafx.stage.Window;
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

import static dev.greenlight.ui.MainWindowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/** What a person reads when something cannot be done: a sentence with what to do, details folded. */
@ExtendWith(ApplicationExtension.class)
class PlainWordsTest {
    @TempDir
    Path tmp;
    UiFixture fixture;
    MainWindow window;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fixture = new UiFixture(tmp);
        Path settings = Files.createDirectories(fixture.home.resolve("greenlight")).resolve("settings.json");
        Files.writeString(settings, "{\"editorCommand\": \"no-such-editor-greenlight --line {line} {file}\"}");
        Files.writeString(fixture.checklist, UiFixture.CHECKLIST.replace(
                "why: The v3 Lambda image is built from backend/Dockerfile.v3.",
                "why: \"The v3 Lambda image is built from backend/Dockerfile.v3; without it the state fails with 'Lambda function not found: $${InitializeStateDataArn}'.\""));
        window = new MainWindow(stage, fixture.config(null), new DialogService(), url -> { });
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide);
            window.close();
        });
        fixture.restoreHome();
    }

    private static List<DialogPane> dialogs() {
        return Window.getWindows().stream().filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                .map(w -> (DialogPane) w.getScene().getRoot()).toList();
    }

    @Test
    void anEditorThatCannotStartIsToldWithTheEditorCommandSettingNotAStackTrace(FxRobot robot) throws Exception {
        await(() -> window.viewModel() != null);
        robot.interact(() -> robot.lookup("#checklist").queryAs(ChecklistView.class).select("definition-uri"));
        robot.interact(() -> window.viewModel().runItem("definition-uri"));
        await(() -> window.viewModel().item("definition-uri").orElseThrow().result() != null);
        await(() -> robot.lookup(".evidence-where").tryQuery().isPresent());
        robot.interact(() -> ((javafx.scene.control.ButtonBase) robot.lookup(".evidence-where").query()).fire());
        await(() -> !dialogs().isEmpty());
        String sentence = dialogs().get(0).getContentText();
        assertThat(sentence).contains("template.yaml", "\"editorCommand\"", "settings.json")
                .doesNotContain("Cannot run program", "Exception", "error=2");
    }

    @Test
    void anEscapedPlaceholderInItemTextShowsAsCloudFormationWouldShowIt(FxRobot robot) throws Exception {
        await(() -> window.viewModel() != null);
        robot.interact(() -> robot.lookup("#checklist").queryAs(ChecklistView.class).select("dockerfile-v3"));
        await(() -> robot.lookup(".description").tryQuery().isPresent());
        String text = robot.lookup(".description").queryAs(Label.class).getText();
        assertThat(text).contains("Lambda function not found: ${InitializeStateDataArn}").doesNotContain("$${");
    }

    @Test
    void onCallGivesTheResultsTheRoomWhenNoLogCanBeShownAndANewDiagnosisStartsAtTheTop(FxRobot robot) throws Exception {
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
        robot.interact(() -> view.text().setText("ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'"));
        robot.clickOn("#oncall-diagnose");
        await(() -> robot.lookup("#oncall-logs-note .folded-sentence").tryQuery().isPresent());
        await(() -> !window.viewModel().isRunning());
        Node logs = robot.lookup("#oncall-logs").tryQuery().orElse(null);
        assertThat(logs == null || logs.getScene() == null).as("no log pane when there is no log to show").isTrue();
        String note = robot.lookup("#oncall-logs-note .folded-sentence").queryAs(Label.class).getText();
        assertThat(note).contains("Diagnose again").doesNotContain("Status Code", "Request ID", "Exception");

        ScrollPane scroll = robot.lookup("#oncall-scroll").queryAs(ScrollPane.class);
        robot.interact(() -> scroll.setVvalue(1));
        robot.interact(() -> view.text().setText("Lambda function not found: ${InitializeStateDataArn}"));
        robot.clickOn("#oncall-diagnose");
        await(() -> robot.lookup(".oncall-match").queryAll().stream().anyMatch(n -> "sfn-initialize-arn".equals(n.getUserData())));
        assertThat(scroll.getVvalue()).as("a new diagnosis starts at its best match").isZero();
    }
}

package dev.greenlight.ui;

import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.engine.Status;
import dev.greenlight.ui.checklist.ChecklistView;
import dev.greenlight.ui.checklist.ItemState;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.textfield.CustomTextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real main window on the demo checklist. */
@ExtendWith(ApplicationExtension.class)
public class MainWindowTest {
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

    public static void await(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
    }

    private void loaded() throws TimeoutException {
        await(() -> window.viewModel() != null);
    }

    private void select(FxRobot robot, String itemId) {
        robot.interact(() -> robot.lookup("#checklist").queryAs(ChecklistView.class).select(itemId));
    }

    private ItemState item(String id) {
        return window.viewModel().item(id).orElseThrow();
    }

    private static List<String> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void runAllTurnsItemsFromNotRunIntoVerdicts(FxRobot robot) throws Exception {
        loaded();
        assertThat(item("template-present").status()).isNull();
        robot.clickOn("#checklist").press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await(() -> window.viewModel().lastReportProperty().get() != null);
        assertThat(item("template-present").status()).isEqualTo(Status.PASS);
        assertThat(item("definition-uri").status()).isEqualTo(Status.PASS);
        assertThat(item("dockerfile-v3").status()).as(() -> item("dockerfile-v3").result().result().reason()).isEqualTo(Status.FAIL);
        assertThat(item("smoke-test").status()).isEqualTo(Status.MANUAL);
        assertThat(robot.lookup("#status-counts").queryAs(Label.class).getText()).contains("2 pass").contains("1 fail");
    }

    @Test
    void selectingAnItemShowsItsEvidenceWithTheMatchingLineHighlighted(FxRobot robot) throws Exception {
        loaded();
        robot.clickOn("#run-all");
        await(() -> window.viewModel().lastReportProperty().get() != null);
        select(robot, "definition-uri");
        await(() -> !robot.lookup(".snippet-hit").queryAll().isEmpty());
        assertThat(robot.lookup("#verdict-reason").queryAs(Label.class).getText())
                .isEqualTo("Found “DefinitionUri: src/aws_step_functions_v3.json” in backend/template.yaml.");
        assertThat(robot.lookup(".evidence-where").queryAs(javafx.scene.control.Hyperlink.class).getText())
                .isEqualTo("backend/template.yaml:9");
        Node hit = robot.lookup(".snippet-hit").query();
        assertThat(robot.from(hit).lookup(".snippet-text").queryAs(Label.class).getText())
                .contains("DefinitionUri: src/aws_step_functions_v3.json");
        assertThat(texts(robot, ".verdict-note")).anyMatch(t -> t.contains("backend/template.yaml:9 (the checklist says line 7)"));
    }

    @Test
    void aFailingItemShowsTheTroubleshootingEntryThatMatchesItsFailureFirst(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> window.viewModel().runItem("dockerfile-v3"));
        await(() -> item("dockerfile-v3").status() == Status.FAIL);
        select(robot, "dockerfile-v3");
        await(() -> !robot.lookup(".ts-entry").queryAll().isEmpty());
        List<String> titles = texts(robot, ".ts-title");
        assertThat(titles).containsExactly("Restore the Dockerfile from main", "List the Dockerfiles in the backend",
                "Check the image tags in ECR");
        Node first = robot.lookup(".ts-entry").query();
        assertThat(first.getStyleClass()).contains("ts-match");
        assertThat(robot.lookup(".ts-command").queryAll()).allSatisfy(n ->
                assertThat(((javafx.scene.control.TextField) n).getText()).doesNotContain("${"));
    }

    @Test
    void copyPutsTheResolvedCommandOnTheClipboard(FxRobot robot) throws Exception {
        loaded();
        select(robot, "dockerfile-v3");
        await(() -> !robot.lookup(".ts-copy").queryAll().isEmpty());
        Button copy = robot.lookup(".ts-copy").queryAs(Button.class);
        robot.clickOn(copy);
        String clip = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(clip).isEqualTo("ls -la backend/");

        robot.clickOn(robot.lookup(".ts-command").nth(2).queryAs(javafx.scene.control.TextField.class));
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        String clip2 = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(clip2).isEqualTo("git checkout origin/main -- backend/Dockerfile.v3");
    }

    @Test
    void runningALocalCommandStreamsItsOutputAndExitCode(FxRobot robot) throws Exception {
        loaded();
        select(robot, "definition-uri");
        await(() -> !robot.lookup(".ts-run").queryAll().isEmpty());
        robot.clickOn(robot.lookup(".ts-run").queryAs(Button.class));
        await(() -> !robot.lookup(".ts-status").queryAll().isEmpty()
                && robot.lookup(".ts-status").queryAs(Label.class).getText().startsWith("Exit code"));
        assertThat(robot.lookup(".ts-status").queryAs(Label.class).getText()).startsWith("Exit code 0");
        assertThat(robot.lookup(".ts-output").queryAs(javafx.scene.control.TextArea.class).getText())
                .containsPattern("9:\\s+DefinitionUri: src/aws_step_functions_v3.json");
    }

    @Test
    void aTickWithItsNoteSurvivesARestart(FxRobot robot) throws Exception {
        loaded();
        select(robot, "smoke-test");
        await(() -> robot.lookup("#sign-off-note").tryQuery().isPresent());
        robot.clickOn("#sign-off-note").write("execution abc-123 succeeded");
        robot.clickOn("#sign-off-button");
        await(() -> item("smoke-test").status() == Status.DONE);
        assertThat(item("smoke-test").signOff().user()).isEqualTo(System.getProperty("user.name"));

        // a new window on a new stage, same data directory: what a restart sees (after the saves the
        // app waits for before it exits)
        java.util.concurrent.CompletableFuture<?>[] closing = new java.util.concurrent.CompletableFuture<?>[1];
        robot.interact(() -> {
            closing[0] = window.close();
            stage.close();
        });
        closing[0].get(20, TimeUnit.SECONDS);
        robot.interact(() -> {
            Stage second = new Stage();
            stage = second;
            window = new MainWindow(second, fixture.config(null), new DialogService(), url -> { });
            window.show();
        });
        loaded();
        assertThat(item("smoke-test").status()).isEqualTo(Status.DONE);
        assertThat(item("smoke-test").signOff().note()).isEqualTo("execution abc-123 succeeded");
        select(robot, "smoke-test");
        await(() -> robot.lookup("#sign-off-retract").tryQuery().isPresent());
        assertThat(robot.lookup("#sign-off-who").queryAs(Label.class).getText()).startsWith("☑ Signed off by ")
                .endsWith(": execution abc-123 succeeded");
    }

    @Test
    void aProductionStageTurnsTheContextBarLoudAndCommandsFollowTheNewValue(FxRobot robot) throws Exception {
        loaded();
        select(robot, "dockerfile-v3");
        await(() -> robot.lookup(".ts-command").queryAll().size() == 3);
        assertThat(robot.lookup("#production-badge").query().isVisible()).isFalse();
        robot.interact(() -> window.contextViewModel().variables().stream().filter(v -> v.name().equals("stage"))
                .findFirst().orElseThrow().valueProperty().set("prod"));
        await(() -> robot.lookup(".ts-command").queryAll().size() == 3 && robot.lookup(".ts-command").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.TextField) n).getText().endsWith("backend-workflow-prod")));
        assertThat(robot.lookup("#production-badge").query().isVisible()).isTrue();
        assertThat(robot.lookup("#context-bar").query().getStyleClass()).contains("production");
    }

    @Test
    void spaceSignsOffTheSelectedManualItemWithItsNoteAndRefusesWithoutOne(FxRobot robot) throws Exception {
        loaded();
        select(robot, "smoke-test");
        robot.interact(() -> robot.lookup("#checklist").query().requestFocus());
        robot.type(KeyCode.SPACE);
        await(() -> window.viewModel().messageProperty().get().startsWith("Write in the note what you checked"));
        assertThat(item("smoke-test").signOff()).isNull();
        robot.interact(() -> window.viewModel().setNote("smoke-test", "execution abc-123 succeeded"));
        robot.interact(() -> robot.lookup("#checklist").query().requestFocus());
        robot.type(KeyCode.SPACE);
        await(() -> item("smoke-test").status() == Status.DONE);
        robot.type(KeyCode.SPACE);
        await(() -> item("smoke-test").status() == Status.MANUAL);
        assertThat(item("smoke-test").signOff()).isNull();
    }

    @SuppressWarnings("unchecked")
    private static CheckComboBox<Status> statusFilter(FxRobot robot) {
        return robot.lookup("#status-filter").queryAs(CheckComboBox.class);
    }

    private static List<String> shownItems(ChecklistView tree) {
        return tree.getRoot().getChildren().stream().flatMap(sec -> sec.getChildren().stream())
                .map(t -> ((ItemState) t.getValue()).id()).toList();
    }

    @Test
    void filterBySeveralStatusesLeavesOnlyMatchingItems(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> window.viewModel().runAll());
        await(() -> window.viewModel().lastReportProperty().get() != null);
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(robot.lookup("#filter").query().isFocused()).isTrue();
        assertThat((Object) robot.lookup("#filter").query()).isInstanceOf(CustomTextField.class);
        robot.interact(() -> statusFilter(robot).getCheckModel().check(Status.FAIL));
        ChecklistView tree = robot.lookup("#checklist").queryAs(ChecklistView.class);
        assertThat(shownItems(tree)).containsExactly("dockerfile-v3");
        robot.interact(() -> statusFilter(robot).getCheckModel().check(Status.MANUAL));
        assertThat(shownItems(tree)).containsExactly("dockerfile-v3", "smoke-test");
        assertThat(statusFilter(robot).getTitle()).isEqualTo("✖ fail, ☐ manual");
    }

    @Test
    void aFilterThatMatchesNothingSaysSoAndEscClearsIt(FxRobot robot) throws Exception {
        loaded();
        assertThat(robot.lookup("#no-match").query().isVisible()).isFalse();
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("zebra");
        await(() -> robot.lookup("#no-match").query().isVisible());
        assertThat(robot.lookup("#no-match").queryAs(Label.class).getText()).startsWith("No item matches “zebra”.");
        robot.type(KeyCode.ESCAPE);
        await(() -> !robot.lookup("#no-match").query().isVisible());
        assertThat(shownItems(robot.lookup("#checklist").queryAs(ChecklistView.class))).hasSize(4);
    }

    @Test
    void aChangedStageDimsEveryVerdictAndTheDetailSaysWhichRunItCameFrom(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> window.viewModel().runAll());
        await(() -> window.viewModel().lastReportProperty().get() != null);
        select(robot, "definition-uri");
        await(() -> robot.lookup("#verdict-reason").tryQuery().isPresent());
        assertThat(robot.lookup("#stale-note").tryQuery()).isEmpty();
        robot.interact(() -> window.contextViewModel().variables().stream().filter(v -> v.name().equals("stage"))
                .findFirst().orElseThrow().valueProperty().set("qa"));
        await(() -> robot.lookup("#stale-note").tryQuery().isPresent());
        assertThat(robot.lookup("#stale-note").queryAs(Label.class).getText())
                .isEqualTo("Stale — from an earlier run with stage=dev (now stage=qa). Run it again to check the current target.");
        assertThat(robot.lookup(".glyph.stale").queryAll()).hasSize(3);
        robot.interact(() -> window.viewModel().runItem("definition-uri"));
        await(() -> robot.lookup("#stale-note").tryQuery().isEmpty() && !item("definition-uri").running());
        assertThat(robot.lookup(".glyph.stale").queryAll()).hasSize(2);
    }

    @Test
    void withoutAwsTheContextBarSaysLocalChecksOnlyAndTheButtonGoesToTheProfileBox(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> {
            window.contextViewModel().awsInEnvironmentProperty().set(false);
            window.contextViewModel().profiles().clear();
        });
        assertThat(robot.lookup("#aws-banner").query().isVisible()).isTrue();
        assertThat(robot.lookup("#aws-banner-text").queryAs(Label.class).getText())
                .isEqualTo("AWS not configured — local checks only. Set a profile or region to check the deployed stack.");
        assertThat(robot.lookup("#aws-identity").query().isVisible()).isFalse();
        robot.clickOn("#aws-banner-set");
        await(() -> robot.lookup("#aws-profile").query().isFocused()
                || ((javafx.scene.control.ComboBox<?>) robot.lookup("#aws-profile").query()).getEditor().isFocused());
        // typing a profile and pressing Enter commits it, which also re-resolves the context
        robot.write("dev").type(KeyCode.ENTER);
        await(() -> "dev".equals(window.contextViewModel().profileProperty().get()));
        assertThat(robot.lookup("#aws-banner").query().isVisible()).isFalse();
        assertThat(robot.lookup("#aws-identity").query().isVisible()).isTrue();
    }

    @Test
    void theWindowHasTheGreenlightIconInEverySize() throws Exception {
        loaded();
        assertThat(stage.getIcons()).extracting(i -> (int) i.getWidth()).containsExactly(16, 32, 48, 64, 128, 256);
    }

    /** The texts of the toasts showing now (labels in the window, over its content). */
    private static List<String> notifications(FxRobot robot) {
        return robot.lookup(".toast").queryAll().stream()
                .map(n -> ((Label) n).getText()).filter(t -> t != null && !t.isBlank()).toList();
    }

    @Test
    void aFinishedRunAndACopiedCommandAreToldInANotificationThatDoesNotBlock(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> window.viewModel().runAll());
        await(() -> window.viewModel().lastReportProperty().get() != null);
        await(() -> notifications(robot).contains("Run finished: 1 FAIL."));
        assertThat(robot.lookup(".toasts").query().isMouseTransparent()).as("a toast never takes a click").isTrue();
        select(robot, "dockerfile-v3");
        await(() -> !robot.lookup(".ts-copy").queryAll().isEmpty());
        // the entry that matches the failure comes first; fire, not click: below the failing verdict the button may be scrolled out of the 800 px window
        robot.interact(() -> robot.lookup(".ts-copy").queryAs(Button.class).fire());
        await(() -> notifications(robot).contains("Copied: git checkout origin/main -- backend/Dockerfile.v3"));
    }
}

package dev.greenlight.ui;

import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.ui.checklist.ChecklistView;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.walkthrough.WalkthroughView;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.util.ArrayList;
import java.util.List;

import static dev.greenlight.ui.MainWindowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The window driven from the keyboard alone: every shortcut, the Tab order, where the focus stays. */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {
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

    private ChecklistView tree(FxRobot robot) throws Exception {
        await(() -> window.viewModel() != null);
        ChecklistView tree = robot.lookup("#checklist").queryAs(ChecklistView.class);
        robot.interact(tree::requestFocus);
        return tree;
    }

    private ItemState item(String id) {
        return window.viewModel().item(id).orElseThrow();
    }

    private static void ctrl(FxRobot robot, KeyCode... keys) {
        robot.press(KeyCode.CONTROL).press(keys);
        List<KeyCode> up = new ArrayList<>(List.of(keys));
        java.util.Collections.reverse(up);
        robot.release(up.toArray(KeyCode[]::new)).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean showing(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> n.getScene() != null && n.isVisible()).orElse(false);
    }

    @Test
    void ctrlOneToFourSwitchBetweenTheFourModes(FxRobot robot) throws Exception {
        tree(robot);
        ctrl(robot, KeyCode.DIGIT3);
        await(() -> showing(robot, "#history"));
        ctrl(robot, KeyCode.DIGIT4);
        await(() -> showing(robot, "#oncall"));
        ctrl(robot, KeyCode.DIGIT2);
        await(() -> showing(robot, "#walkthrough"));
        ctrl(robot, KeyCode.DIGIT1);
        await(() -> showing(robot, "#checklist") && !showing(robot, "#walkthrough"));
    }

    @Test
    void tabReachesTheModesTheListAndTheDetailsAndArrowsPickAMode(FxRobot robot) throws Exception {
        tree(robot);
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            robot.press(KeyCode.TAB).release(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            Node owner = window.scene().getFocusOwner();
            if (owner != null && owner.getId() != null) {
                reached.add(owner.getId());
            }
        }
        assertThat(reached).contains("mode-checklist", "checklist", "run-all", "filter", "run-item-button");
        // the modes are one group, like tabs: Tab reaches the shown one, the arrows the others
        while (!"mode-checklist".equals(window.scene().getFocusOwner().getId())) {
            robot.press(KeyCode.TAB).release(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.scene().getFocusOwner().getId()).isEqualTo("mode-walkthrough");
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        await(() -> showing(robot, "#walkthrough"));
    }

    @Test
    void walkthroughKeysGoNextAndBackRunSignOffAndOpenTheRecord(FxRobot robot) throws Exception {
        tree(robot);
        ctrl(robot, KeyCode.DIGIT2);
        await(() -> showing(robot, "#walkthrough"));
        WalkthroughView wt = robot.lookup("#walkthrough").queryAs(WalkthroughView.class);
        await(() -> window.viewModel().lastReportProperty().get() != null && !window.viewModel().isRunning());
        int start = wt.model().indexProperty().get();

        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        await(() -> wt.model().indexProperty().get() == start + 1);
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        await(() -> wt.model().indexProperty().get() == start);

        robot.interact(() -> wt.model().goTo("dockerfile-v3"));
        var before = item("dockerfile-v3").result();
        ctrl(robot, KeyCode.R);
        await(() -> item("dockerfile-v3").result() != before && !item("dockerfile-v3").running());

        robot.interact(() -> wt.model().goTo("smoke-test"));
        ctrl(robot, KeyCode.S);
        assertThat(window.scene().getFocusOwner().getId()).as("no note yet: the cursor goes to the note box").isEqualTo("wt-note");
        robot.write("watched execution wf-7 finish in the console");
        ctrl(robot, KeyCode.S);
        await(() -> item("smoke-test").signedOff());

        ctrl(robot, KeyCode.G);
        await(() -> wt.model().recordProperty().get() != null);
    }

    @Test
    void afterRunAllIsClickedTheFocusStaysOutOfTheFilterBox(FxRobot robot) throws Exception {
        tree(robot);
        robot.clickOn("#run-all");
        await(() -> window.viewModel().lastReportProperty().get() != null && !window.viewModel().isRunning());
        CustomTextField filter = robot.lookup("#filter").queryAs(CustomTextField.class);
        assertThat(filter.isFocused()).as("the filter box has the focus").isFalse();
        robot.write("x");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(filter.getText()).as("a key after Run all filters the list").isEmpty();
    }

    @Test
    void ctrlShiftEnterRunsTheSelectedSectionOnly(FxRobot robot) throws Exception {
        ChecklistView tree = tree(robot);
        robot.interact(() -> tree.select("dockerfile-v3"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT, KeyCode.CONTROL);
        await(() -> item("dockerfile-v3").result() != null && !window.viewModel().isRunning());
        assertThat(item("template-present").result()).as("another section's item").isNull();
    }

    @Test
    void theKeysSheetListsTheModeAndWalkthroughShortcuts(FxRobot robot) throws Exception {
        tree(robot);
        robot.press(KeyCode.F1).release(KeyCode.F1);
        await(() -> Window.getWindows().stream().anyMatch(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane));
        DialogPane pane = (DialogPane) Window.getWindows().stream().filter(w -> w.getScene() != null
                && w.getScene().getRoot() instanceof DialogPane).findFirst().orElseThrow().getScene().getRoot();
        String sheet = ((Label) pane.getContent()).getText();
        robot.interact(() -> pane.getScene().getWindow().hide());
        assertThat(sheet).contains("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Alt+→", "Alt+←", "Ctrl+R", "Ctrl+S", "Ctrl+G",
                "Ctrl+Shift+Enter", "Ctrl+Enter", "Ctrl+F", "Esc", "Space", "Enter", "Tab", "F1");
    }

    /** The keys the window had before this test class; here so that every shortcut is driven once. */
    @Test
    void enterRunsTheSelectedItemCtrlEnterRunsAllAndEscStops(FxRobot robot) throws Exception {
        ChecklistView tree = tree(robot);
        robot.interact(() -> tree.select("template-present"));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        await(() -> item("template-present").result() != null && !window.viewModel().isRunning());
        assertThat(item("dockerfile-v3").result()).isNull();
        ctrl(robot, KeyCode.ENTER);
        await(() -> item("dockerfile-v3").result() != null && !window.viewModel().isRunning());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        assertThat(window.viewModel().isRunning()).isFalse();
    }
}

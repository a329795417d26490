package dev.greenlight.ui;

import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main window at the smallest and the largest size it is made for (1024×640, 2560×1440): nothing
 * a person needs is cut — no tool bar button shows "R…", and no item title is cut while the window
 * has room for it.
 */
@ExtendWith(ApplicationExtension.class)
class WindowSizesTest {
    /** Two titles that differ only at the end: cut, they looked identical. */
    static final String LONG_TITLE = "Dockerfile for the v3 image exists and builds the Lambda container from the public ECR Python base image";

    @TempDir
    Path tmp;
    UiFixture fixture;
    MainWindow window;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fixture = new UiFixture(tmp);
        Files.writeString(fixture.checklist, UiFixture.CHECKLIST.replace(
                "title: Dockerfile for the v3 image exists", "title: " + LONG_TITLE));
        window = new MainWindow(stage, fixture.config(null), new DialogService(), url -> { });
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.close());
        fixture.restoreHome();
    }

    private void size(FxRobot robot, double w, double h) throws Exception {
        MainWindowTest.await(() -> window.viewModel() != null);
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
        MainWindowTest.await(() -> Math.abs(window.scene().getWidth() - w) < 40);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text a label or button shows now: "R…" when JavaFX cut it. */
    static String shown(Labeled l) {
        Node t = l.lookup(".text");
        return t instanceof Text text ? text.getText() : "";
    }

    @Test
    void atTheSmallestSizeRunAllAndEveryShownToolbarButtonShowItsWholeText(FxRobot robot) throws Exception {
        size(robot, 1024, 640);
        Button runAll = robot.lookup("#run-all").queryAs(Button.class);
        assertThat(runAll.isVisible() && runAll.getScene() != null).as("Run all stays in the bar").isTrue();
        for (String id : List.of("#run-all", "#run-section", "#run-item", "#stop", "#keys", "#theme-toggle")) {
            Optional<Node> b = robot.lookup(id).tryQuery();
            // a button that does not fit is in the overflow menu, whole; one in the bar shows its whole text
            if (b.isPresent() && b.get().isVisible() && b.get().getScene() != null && b.get().localToScene(b.get().getBoundsInLocal()).getMaxX() <= window.scene().getWidth()) {
                Labeled l = (Labeled) b.get();
                assertThat(shown(l)).as("the text %s shows", id).isEqualTo(l.getText());
            }
        }
    }

    @Test
    void atTheLargestSizeALongItemTitleIsShownWhole(FxRobot robot) throws Exception {
        size(robot, 2560, 1440);
        TreeCell<?> cell = robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() instanceof dev.greenlight.ui.checklist.ItemState s && s.id().equals("dockerfile-v3"))
                .findFirst().orElseThrow();
        Labeled title = (Labeled) cell.lookup(".cell-title");
        assertThat(shown(title)).isEqualTo(LONG_TITLE);
    }
}

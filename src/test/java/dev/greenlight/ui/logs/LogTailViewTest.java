package dev.greenlight.ui.logs;

import dev.greenlight.ui.MainWindowTest;
import dev.greenlight.ui.TestLogTail;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class LogTailViewTest {
    static final String GROUP = "/aws/lambda/backend-workflow-dev-orchestrator";
    final TestLogTail tail = new TestLogTail(100_000);
    LogTailModel model;
    LogTailView view;
    ToggleButton other;

    @Start
    void start(Stage stage) {
        model = new LogTailModel(5_000, 1_000);
        view = new LogTailView(List.of(GROUP), (groups, since, filter) -> tail, null, () -> null, null, model);
        other = new ToggleButton("other control");
        other.setId("other");
        stage.setScene(new Scene(new VBox(other, view), 900, 600));
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::dispose);
    }

    @Test
    void showsAppendedEventsAndStaysResponsiveWhile50000LinesArrive(FxRobot robot) throws Exception {
        robot.clickOn("#log-start");
        assertThat(model.followingProperty().get()).isTrue();
        tail.add(GROUP, 1_000L, "START RequestId: abc", "a");
        tail.add(GROUP, 1_001L, "[ERROR] KeyError: 'execution_id'", "b");
        MainWindowTest.await(() -> view.list().getItems().size() == 2);
        assertThat(view.list().getItems()).extracting(LogLine::message)
                .containsExactly("START RequestId: abc", "[ERROR] KeyError: 'execution_id'");
        assertThat(view.list().getItems().get(1).error()).isTrue();

        Thread feeder = tail.feed(GROUP, 50_000);
        robot.clickOn("#other");
        assertThat(other.isSelected()).isTrue();
        feeder.join();
        MainWindowTest.await(() -> model.receivedProperty().get() == 50_002);
        assertThat(model.lines()).hasSize(5_000);
        assertThat(model.lines().get(0).message()).isEqualTo("INFO line 45001");
        assertThat(model.lines().get(4_999).message()).isEqualTo("[ERROR] line 50000");
        assertThat(model.trimmedProperty().get()).isEqualTo(45_002);
    }

    @Test
    void scrollingUpPausesFollowingAndTheFilterNarrowsTheLines(FxRobot robot) throws Exception {
        robot.clickOn("#log-start");
        for (int i = 1; i <= 200; i++) {
            tail.add(GROUP, i, (i % 50 == 0 ? "[ERROR] boom " : "INFO tick ") + i, "e" + i);
        }
        MainWindowTest.await(() -> view.list().getItems().size() == 200);
        assertThat(view.followToggle().isSelected()).isTrue();
        robot.clickOn("#log-list").type(KeyCode.PAGE_UP);
        assertThat(view.followToggle().isSelected()).isFalse();

        robot.clickOn("#log-filter").write("boom");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.list().getItems()).extracting(LogLine::message)
                .containsExactly("[ERROR] boom 50", "[ERROR] boom 100", "[ERROR] boom 150", "[ERROR] boom 200");
    }

    @Test
    void copiesTheSelectedLines(FxRobot robot) throws Exception {
        robot.clickOn("#log-start");
        tail.add(GROUP, 0, "first", "1");
        tail.add(GROUP, 0, "second", "2");
        MainWindowTest.await(() -> view.list().getItems().size() == 2);
        robot.interact(() -> view.list().getSelectionModel().selectAll());
        robot.clickOn("#log-list").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        String clip = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(clip.lines()).hasSize(2);
        assertThat(clip).contains("first").contains("second").contains(GROUP);
    }
}

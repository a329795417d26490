package dev.greenlight.app;

import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class DialogServiceTest {
    final DialogService dialogs = new DialogService();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("owner"), 400, 300));
        stage.show();
        dialogs.owner(stage);
    }

    @Test
    void aFailureFromAWorkerThreadShowsOneSentenceWithTheDetailsCollapsed(FxRobot robot) throws Exception {
        Thread t = new Thread(() -> dialogs.failure("Your settings could not be saved: disk full.",
                new java.io.IOException("No space left on device")));
        t.start();
        t.join();
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.getContentText()).isEqualTo("Your settings could not be saved: disk full.");
        assertThat(pane.isExpanded()).isFalse();
        assertThat(((TextArea) pane.getExpandableContent()).getText()).contains("No space left on device");
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
    }
}

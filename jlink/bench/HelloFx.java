import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The start-up baseline for jlink/bench/bench.sh: the smallest JavaFX window, run on the image's
 * runtime. It quits as soon as the window has been shown, so a timed run measures
 * "process start to first window on screen" plus shutdown.
 */
public final class HelloFx extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Hello");
        stage.setScene(new Scene(new Label("Hello, JavaFX"), 320, 120));
        stage.setOnShown(e -> Platform.runLater(Platform::exit));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}

package dev.greenlight.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The baseline of {@link FirstFrameBenchmark}: the smallest JavaFX window (as
 * {@code jlink/bench/HelloFx.java}), started from a plain main class like Greenlight's
 * {@code Main}, so it also runs with JavaFX on the class path. It stays open; the probe ends it.
 */
public final class HelloWindow {
    private HelloWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The window. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("Hello");
            stage.setScene(new Scene(new Label("Hello, JavaFX"), 320, 120));
            stage.show();
        }
    }
}

package dev.greenlight.app;

import dev.greenlight.ui.checklist.ChecklistViewModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import java.util.Locale;

/** Counts per status, the run's message, elapsed time, and a save problem when there is one. */
final class StatusBar extends HBox {
    private final Label counts = new Label();
    private final Label message = new Label();
    private final Label elapsed = new Label();
    private final Label saveProblem = new Label();
    private final Timeline clock;
    private ChecklistViewModel vm;
    private final javafx.beans.property.StringProperty hint = new javafx.beans.property.SimpleStringProperty("");

    StatusBar() {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setSpacing(16);
        setPadding(new Insets(4, 12, 4, 12));
        setAlignment(Pos.CENTER_LEFT);
        counts.setId("status-counts");
        counts.getStyleClass().add("status-counts");
        message.setId("status-message");
        message.setMinWidth(0);
        saveProblem.getStyleClass().add("save-problem");
        elapsed.setId("status-elapsed");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(counts, message, spacer, saveProblem, elapsed);
        clock = new Timeline(new KeyFrame(Duration.millis(250), e -> tick()));
        clock.setCycleCount(Timeline.INDEFINITE);
    }

    void bind(ChecklistViewModel model) {
        this.vm = model;
        counts.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.countsProperty().get() == null ? "" : model.countsProperty().get().statusLine(), model.countsProperty()));
        message.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.messageProperty().get().isEmpty() ? hint.get() : model.messageProperty().get(),
                model.messageProperty(), hint));
        saveProblem.textProperty().bind(model.saveProblemProperty());
        model.runningProperty().addListener((o, a, running) -> {
            if (running) {
                clock.play();
            } else {
                clock.stop();
                elapsed.setText("Last run " + secs(model.lastDurationMsProperty().get()));
            }
        });
        elapsed.setText("");
    }

    /** Forgets the view-model (a checklist is being replaced). */
    void unbind() {
        vm = null;
        counts.textProperty().unbind();
        counts.setText("");
        message.textProperty().unbind();
        elapsed.setText("");
    }

    /** Shown until the view-model has something to say (a run starts). */
    void message(String text) {
        hint.set(text);
        if (vm == null) {
            message.setText(text);
        }
    }

    private void tick() {
        if (vm != null && vm.isRunning()) {
            elapsed.setText("Elapsed " + secs(System.currentTimeMillis() - vm.runStartedMillisProperty().get()));
        }
    }

    private static String secs(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

}

package dev.greenlight.app;

import dev.greenlight.ui.checklist.ChecklistViewModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.util.Duration;

import java.util.Locale;

/**
 * ControlsFX's status bar with counts per status on the left, the run's message as its text, and a
 * save problem and the elapsed time on the right.
 */
final class StatusBar extends org.controlsfx.control.StatusBar {
    private final Label counts = new Label();
    private final Label elapsed = new Label();
    private final Label saveProblem = new Label();
    private final Timeline clock;
    private final StringProperty hint = new SimpleStringProperty("");
    private ChecklistViewModel vm;

    StatusBar() {
        setId("status-bar");
        counts.setId("status-counts");
        counts.getStyleClass().add("status-counts");
        saveProblem.getStyleClass().add("save-problem");
        elapsed.setId("status-elapsed");
        setText("");
        getLeftItems().addAll(counts, new Separator(Orientation.VERTICAL));
        getRightItems().addAll(saveProblem, elapsed);
        clock = new Timeline(new KeyFrame(Duration.millis(250), e -> tick()));
        clock.setCycleCount(Timeline.INDEFINITE);
    }

    void bind(ChecklistViewModel model) {
        this.vm = model;
        counts.textProperty().bind(Bindings.createStringBinding(
                () -> model.countsProperty().get() == null ? "" : compact(model.countsProperty().get()), model.countsProperty()));
        javafx.scene.control.Tooltip all = new javafx.scene.control.Tooltip();
        all.textProperty().bind(Bindings.createStringBinding(
                () -> model.countsProperty().get() == null ? "" : model.countsProperty().get().statusLine(), model.countsProperty()));
        counts.setTooltip(all);
        textProperty().bind(Bindings.createStringBinding(
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
        clock.stop();
        counts.textProperty().unbind();
        counts.setText("");
        textProperty().unbind();
        setText(hint.get());
        saveProblem.textProperty().unbind();
        saveProblem.setText("");
        elapsed.setText("");
    }

    /** Shown until the view-model has something to say (a run starts). */
    void message(String text) {
        hint.set(text);
        if (vm == null) {
            setText(text);
        }
    }

    /** The sentence shown: the run's message or the hint. */
    String message() {
        return getText();
    }

    /**
     * The counts without the zeros (fail always, so "0 fail" is said): all nine took 600 px and
     * pushed the run's message and the last run's time out of a 1024 px window.
     */
    static String compact(dev.greenlight.ui.checklist.StatusCounts c) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (dev.greenlight.engine.Status st : dev.greenlight.engine.Status.values()) {
            if (c.count(st) > 0 || st == dev.greenlight.engine.Status.FAIL) {
                parts.add(dev.greenlight.ui.checklist.StatusGlyphs.glyph(st) + " " + c.count(st) + " " + st.name().toLowerCase(Locale.ROOT));
            }
        }
        return String.join("   ", parts);
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

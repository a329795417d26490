package dev.greenlight.app;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Short messages ("Run finished: 1 FAIL.", "Copied: …") shown for a few seconds as one line over
 * the status bar, which has no buttons: stacked at the bottom right they covered the buttons of the
 * log pane and the walkthrough. They take neither focus nor clicks.
 *
 * <p>Drawn inside the window rather than as popup windows (such as ControlsFX
 * {@code Notifications}): each popup is a new window and scene whose styling takes the FX thread
 * 100–180 ms. A label in the window's own scene costs one small CSS pass.
 */
final class Toasts {
    static final int MAX_SHOWN = 1;
    private final VBox layer = new VBox(8);
    private final Duration showFor;

    Toasts(Duration showFor) {
        this.showFor = showFor;
        layer.getStyleClass().add("toasts");
        layer.setAlignment(Pos.BOTTOM_CENTER);
        layer.setPadding(new Insets(0, 0, 3, 0));
        layer.setPickOnBounds(false);
        layer.setMouseTransparent(true);
        layer.setFillWidth(false);
    }

    /** The window content with the toast layer over it. */
    StackPane over(javafx.scene.Parent content) {
        StackPane stack = new StackPane(content, layer);
        StackPane.setAlignment(layer, Pos.BOTTOM_CENTER);
        return stack;
    }

    void show(String text) {
        Label toast = new Label(text);
        toast.getStyleClass().add("toast");
        toast.setWrapText(false);
        toast.setMaxWidth(640);
        while (layer.getChildren().size() >= MAX_SHOWN) {
            layer.getChildren().remove(0);
        }
        layer.getChildren().add(toast);
        FadeTransition out = new FadeTransition(Duration.millis(400), toast);
        out.setToValue(0);
        SequentialTransition life = new SequentialTransition(new PauseTransition(showFor), out);
        life.setOnFinished(e -> layer.getChildren().remove(toast));
        life.play();
    }
}

package dev.greenlight.ui;

import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/**
 * A failure as a person reads it in a pane: one plain sentence (what happened, what to do), and the
 * technical text (SDK messages, exception chains) folded under "Details", closed until asked for.
 */
public final class Folded {
    private Folded() {
    }

    public static VBox sentence(String sentence, String details) {
        Label l = new Label(sentence);
        l.setWrapText(true);
        l.getStyleClass().add("folded-sentence");
        VBox box = new VBox(4, l);
        box.getStyleClass().add("folded");
        if (details != null && !details.isBlank()) {
            TextArea text = new TextArea(details.strip());
            text.setEditable(false);
            text.setWrapText(true);
            text.setPrefRowCount(Math.min(8, (int) details.lines().count() + 1));
            text.getStyleClass().add("mono");
            TitledPane more = new TitledPane("Details", text);
            more.setExpanded(false);
            more.setAnimated(false);
            more.getStyleClass().add("folded-details");
            box.getChildren().add(more);
        }
        return box;
    }
}

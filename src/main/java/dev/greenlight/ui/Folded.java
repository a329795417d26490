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
            box.getChildren().add(details(details));
        }
        return box;
    }

    /** The technical text alone, closed under "Details": for a pane whose sentence is shown elsewhere. */
    public static TitledPane details(String details) {
        TextArea text = new TextArea(details == null ? "" : details.strip());
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(Math.min(8, (int) text.getText().lines().count() + 1));
        text.getStyleClass().add("mono");
        TitledPane more = new TitledPane("Details", text);
        more.setExpanded(false);
        more.setAnimated(false);
        more.getStyleClass().add("folded-details");
        return more;
    }

    /** An exception's message, or its class when it has none: the text that goes under "Details". */
    public static String detailOf(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (b.length() > 0) {
                b.append("\ncaused by: ");
            }
            b.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return b.toString();
    }
}

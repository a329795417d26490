package dev.greenlight.app;

import dev.greenlight.model.Problem;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** What the checklist side shows when a checklist file could not be loaded: one sentence, then each problem. */
final class LoadProblemsPane {
    private LoadProblemsPane() {
    }

    static VBox of(String ref, List<Problem> problems) {
        Label head = new Label("The checklist " + ref + " could not be loaded: " + problems.size()
                + (problems.size() == 1 ? " problem." : " problems.") + " Fix the file and open it again.");
        head.setWrapText(true);
        head.getStyleClass().add("problems-head");
        ListView<Problem> list = new ListView<>();
        list.setId("load-problems");
        list.getItems().setAll(problems);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.format());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        VBox box = new VBox(8, head, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        return box;
    }
}

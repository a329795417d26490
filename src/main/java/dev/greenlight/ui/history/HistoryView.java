package dev.greenlight.ui.history;

import dev.greenlight.ui.charts.SectionBar;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/**
 * Run history mode: the runs of the checklist (date, sha, account, stage, counts, green, and a
 * stacked bar of verdicts per section), "Compare" for two selected runs, "What changed since the
 * last green run", and the diff below.
 */
public final class HistoryView extends BorderPane {
    private final HistoryViewModel model;
    private final TableView<HistoryRow> table = new TableView<>();
    private final DiffView diff = new DiffView();
    private final Button compare = new Button("Compare selected");
    private final Button sinceGreen = new Button("What changed since the last green run");

    public HistoryView(HistoryViewModel model) {
        this.model = model;
        setId("history");
        getStylesheets().add(HistoryView.class.getResource("/dev/greenlight/ui/modes.css").toExternalForm());
        table.setId("history-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(model.rows());
        table.setPlaceholder(new Label("No runs kept yet."));
        // ordered by what a person looks for first: when, whether it was green, what failed;
        // where it ran after that (the Verdicts column lists fails first, never cut off)
        table.getColumns().add(text("When", 140, r -> DiffView.WHEN.format(r.summary().startedAt())));
        table.getColumns().add(text("Green", 80, r -> r.summary().completeGreen() ? "✔ yes" : r.summary().green()
                ? "✔ partial" : r.summary().cancelled() ? "stopped" : "✖ no"));
        table.getColumns().add(text("Verdicts", 280, HistoryRow::counts));
        table.getColumns().add(text("Kind", 70, r -> r.summary().kindLabel()));
        table.getColumns().add(text("SHA", 110, r -> r.summary().sha() == null ? "—"
                : r.summary().sha().substring(0, Math.min(10, r.summary().sha().length()))
                + (Boolean.TRUE.equals(r.summary().dirty()) ? " +dirty" : "")));
        table.getColumns().add(text("Stage", 70, r -> nz(r.summary().stage())));
        table.getColumns().add(text("Account", 110, r -> nz(r.summary().account())));
        TableColumn<HistoryRow, HistoryRow> bars = new TableColumn<>("Per section");
        bars.setPrefWidth(340);
        bars.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        bars.setCellFactory(c -> new TableCell<>() {
            private final SectionBar bar = new SectionBar(36, 12);

            @Override
            protected void updateItem(HistoryRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                } else {
                    bar.show(r.sections());
                    setGraphic(bar);
                }
            }
        });
        table.getColumns().add(bars);

        compare.setId("history-compare");
        compare.setTooltip(new Tooltip("Select two runs (Ctrl+click)"));
        compare.disableProperty().bind(javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compare.setOnAction(e -> {
            List<HistoryRow> sel = List.copyOf(table.getSelectionModel().getSelectedItems());
            if (sel.size() == 2) {
                model.diff(sel.get(0).runId(), sel.get(1).runId());
            }
        });
        sinceGreen.setId("history-since-green");
        sinceGreen.getStyleClass().add("accent");
        sinceGreen.setOnAction(e -> model.sinceLastGreen());
        Button refresh = new Button("Refresh");
        refresh.setId("history-refresh");
        refresh.setOnAction(e -> model.refresh());
        Label message = new Label();
        message.setId("history-message");
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, sinceGreen, compare, spacer, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.control.TitledPane details = dev.greenlight.ui.Folded.details("");
        details.setId("history-details");
        details.visibleProperty().bind(model.detailProperty().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        ((javafx.scene.control.TextArea) details.getContent()).textProperty().bind(model.detailProperty());
        VBox top = new VBox(6, bar, message, details);
        top.setPadding(new Insets(10, 12, 8, 12));
        model.diffProperty().addListener((o, a, d) -> diff.show(d));
        SplitPane split = new SplitPane(table, diff);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        setTop(top);
        setCenter(split);
    }

    public HistoryViewModel model() {
        return model;
    }

    public TableView<HistoryRow> table() {
        return table;
    }

    private static TableColumn<HistoryRow, String> text(String name, double width, Function<HistoryRow, String> f) {
        TableColumn<HistoryRow, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        return c;
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }
}

package dev.greenlight.app;

import dev.greenlight.engine.Status;
import dev.greenlight.ui.checklist.StatusGlyphs;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The window's tool bar: the run buttons, the run's progress, the filter and status filter, the
 * theme switch and the keys sheet. A JavaFX {@link ToolBar}: what does not fit goes into its
 * overflow menu ("»") from the right, whole, instead of every button's text being cut ("R…").
 * Commands are added with {@link #addCommand}, before the filter.
 */
final class MainToolbar {
    final Button runAll = command("Run all", "run-all", "Run every item (Ctrl+Enter)");
    final Button runSection = command("Run section", "run-section", "Run the selected section (Ctrl+Shift+Enter)");
    final Button runItem = command("Run item", "run-item", "Run the selected item (Enter in the list)");
    final Button stop = command("Stop", "stop", "Stop the run (Esc)");
    final ProgressBar progress = new ProgressBar(0);
    final CustomTextField filter = (CustomTextField) TextFields.createClearableTextField();
    final CheckComboBox<Status> statusFilter = new CheckComboBox<>();
    final ToggleButton dark = new ToggleButton("☾ Dark");
    final Button keys = command("Keys", "keys", "Every keyboard shortcut (F1)");
    private final ToolBar bar = new ToolBar();
    private final Region spacer = new Region();

    MainToolbar(Consumer<List<Status>> statusesChecked) {
        Label brand = new Label("● Greenlight");
        brand.getStyleClass().add("brand");
        brand.setMinWidth(Region.USE_PREF_SIZE);
        runAll.getStyleClass().add("accent");
        progress.setId("progress");
        progress.setPrefWidth(140);
        progress.setMinWidth(60);
        filter.setId("filter");
        filter.setPromptText("Filter items (Ctrl+F)");
        filter.setPrefColumnCount(16);
        statusFilter.setId("status-filter");
        statusFilter.getItems().addAll(Status.values());
        statusFilter.setTitle("All statuses");
        statusFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(Status s) {
                return s == null ? "" : StatusGlyphs.glyph(s) + " " + StatusGlyphs.label(s);
            }

            @Override
            public Status fromString(String string) {
                return null;
            }
        });
        statusFilter.setTooltip(new Tooltip("Show only items with the ticked statuses; none ticked shows all"));
        statusFilter.setMaxWidth(220);
        statusFilter.getCheckModel().getCheckedItems().addListener((ListChangeListener<Status>) c -> {
            List<Status> checked = List.copyOf(statusFilter.getCheckModel().getCheckedItems());
            statusFilter.setTitle(checked.isEmpty() ? "All statuses" : checked.stream()
                    .map(s -> StatusGlyphs.glyph(s) + " " + StatusGlyphs.label(s)).collect(Collectors.joining(", ")));
            statusesChecked.accept(checked);
        });
        dark.setId("theme-toggle");
        dark.setTooltip(new Tooltip("Dark theme"));
        dark.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(spacer, Priority.ALWAYS);
        spacer.setMinWidth(0);
        bar.setId("toolbar");
        bar.getStyleClass().add("toolbar");
        bar.getItems().setAll(brand, runAll, runSection, runItem, stop, progress, spacer, filter, statusFilter, dark, keys);
    }

    /** The bar to put at the top of the window. */
    ToolBar node() {
        return bar;
    }

    /**
     * Adds a command button after the run controls (before the progress bar), e.g. "New checklist
     * from this checkout…". Its text is never cut: it overflows into the menu whole.
     */
    void addCommand(Button b) {
        b.setMinWidth(Region.USE_PREF_SIZE);
        bar.getItems().add(bar.getItems().indexOf(progress), b);
    }

    /** Adds a status node (a short label) just before the filter. */
    void addStatus(Node n) {
        bar.getItems().add(bar.getItems().indexOf(filter), n);
    }

    void setRunControls(boolean running, boolean noChecklist) {
        runAll.setDisable(running || noChecklist);
        runSection.setDisable(running || noChecklist);
        runItem.setDisable(running || noChecklist);
        stop.setDisable(!running);
    }

    private static Button command(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        // a button either shows its whole text or moves into the overflow menu
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}

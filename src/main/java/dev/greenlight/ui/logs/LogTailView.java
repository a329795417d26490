package dev.greenlight.ui.logs;

import dev.greenlight.engine.logs.LogTailFactory;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A live tail of an item's log groups: start/stop, a time range (since the deploy, the last 10
 * minutes, or a custom number of minutes), a text filter, error lines highlighted, and a
 * virtualised list that follows new lines until the person scrolls up. Events are pulled from the
 * tail's bounded buffer every 100 ms, at most a batch at a time.
 */
public final class LogTailView extends VBox {
    static final String SINCE_DEPLOY = "Since deploy";
    static final String LAST_10 = "Last 10 min";
    static final String CUSTOM = "Custom…";

    /**
     * Lines are taken from the tail ten times a second, not every frame: each batch costs a layout
     * and a repaint of the list, and at 60 batches a second a 1,000 lines/s stream takes a third of
     * a core on the FX and render threads. Up to 10 × the model's batch a second.
     */
    static final long PUMP_INTERVAL_NANOS = 100_000_000L;

    private final LogTailModel model;
    private final ListView<LogLine> list = new ListView<>();
    private final ToggleButton follow = new ToggleButton("Follow");
    private final Button startStop = new Button("Start tail");
    private final ChoiceBox<String> range = new ChoiceBox<>();
    private final TextField minutes = new TextField("60");
    private final TextField filter = new TextField();
    private final Label status = new Label();
    private final AnimationTimer pump;
    private ScrollBar vbar;

    /**
     * @param groups      the resolved log group names
     * @param factory     starts tails; null when log tails are not available, with {@code unavailable} saying why
     * @param deployTime  when the stack was last deployed, or null when unknown
     */
    public LogTailView(List<String> groups, LogTailFactory factory, String unavailable, Supplier<Instant> deployTime,
                       String filterPattern, LogTailModel model) {
        this(groups, factory, unavailable, deployTime, filterPattern, model, Runnable::run, Runnable::run);
    }

    /**
     * @param deployTime blocking (it may ask AWS); called on {@code background}
     * @param fx         runs on the FX thread
     */
    public LogTailView(List<String> groups, LogTailFactory factory, String unavailable, Supplier<Instant> deployTime,
                       String filterPattern, LogTailModel model, Executor background, Executor fx) {
        this.model = model;
        getStyleClass().add("log-tail");
        setSpacing(6);
        setPadding(new Insets(6));

        range.getItems().addAll(SINCE_DEPLOY, LAST_10, CUSTOM);
        range.setValue(SINCE_DEPLOY);
        range.setTooltip(new Tooltip("Where the tail starts"));
        minutes.setPrefColumnCount(4);
        minutes.setTooltip(new Tooltip("Minutes back"));
        minutes.visibleProperty().bind(range.valueProperty().isEqualTo(CUSTOM));
        minutes.managedProperty().bind(minutes.visibleProperty());
        filter.setPromptText("Filter lines");
        filter.setId("log-filter");
        model.filterProperty().bind(filter.textProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        follow.setSelected(true);
        follow.setTooltip(new Tooltip("Keep the newest line in view; scrolling up pauses it"));
        Button copy = new Button("Copy");
        copy.setTooltip(new Tooltip("Copy the selected lines (Ctrl+C)"));
        copy.setOnAction(e -> copySelection());

        Label groupsLabel = new Label(groups.isEmpty() ? "Log group unknown" : String.join(", ", groups));
        groupsLabel.getStyleClass().add("log-groups");
        startStop.setId("log-start");
        startStop.setDefaultButton(false);
        if (factory == null || groups.isEmpty()) {
            startStop.setDisable(true);
        }
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("log-status");
        if (factory == null) {
            status.textProperty().unbind();
            status.setText(unavailable);
        }
        startStop.textProperty().bind(javafx.beans.binding.Bindings.when(model.followingProperty())
                .then("Stop tail").otherwise("Start tail"));
        startStop.setOnAction(e -> {
            if (model.followingProperty().get()) {
                model.stop();
                if (!status.textProperty().isBound()) {
                    status.textProperty().bind(model.statusProperty());
                }
            } else if (SINCE_DEPLOY.equals(range.getValue())) {
                startStop.setDisable(true);
                status.textProperty().unbind();
                status.setText("Looking up when the stack was last deployed…");
                background.execute(() -> {
                    Instant deployed;
                    try {
                        deployed = deployTime.get();
                    } catch (RuntimeException ex) {
                        deployed = null;
                    }
                    Instant d = deployed;
                    fx.execute(() -> {
                        startStop.setDisable(false);
                        status.textProperty().bind(model.statusProperty());
                        Instant since = d != null ? d : Instant.now().minus(Duration.ofMinutes(60));
                        model.start(() -> factory.follow(groups, since, filterPattern));
                        if (d == null) {
                            status.textProperty().unbind();
                            status.setText("The deploy time is not known (no stack found); showing the last 60 minutes. "
                                    + model.statusProperty().get());
                        }
                    });
                });
            } else {
                Instant since = since();
                model.start(() -> factory.follow(groups, since, filterPattern));
            }
        });

        HBox bar = new HBox(6, startStop, range, minutes, filter, follow, copy);
        bar.setAlignment(Pos.CENTER_LEFT);

        list.setId("log-list");
        list.setItems(model.visible());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getStyleClass().add("log-list");
        list.setFixedCellSize(22);
        // cells no wider than the list: no horizontal bar to hide the newest line; Copy gives the full text
        list.setCellFactory(v -> new ListCell<>() {
            {
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(LogLine l, boolean empty) {
                super.updateItem(l, empty);
                getStyleClass().remove("log-error");
                if (empty || l == null) {
                    setText(null);
                } else {
                    setText(l.time() + "  " + l.message());
                    if (l.error()) {
                        getStyleClass().add("log-error");
                    }
                }
            }
        });
        Label placeholder = new Label(factory == null ? unavailable : "No lines yet. Start the tail to follow "
                + (groups.isEmpty() ? "the log" : String.join(", ", groups)) + ".");
        placeholder.setWrapText(true);
        placeholder.setPadding(new Insets(12));
        placeholder.maxWidthProperty().bind(list.widthProperty().subtract(24));
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setPrefHeight(260);
        list.setMinHeight(160);
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0 || e.getTextDeltaY() > 0) {
                follow.setSelected(false);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.PAGE_UP || e.getCode() == KeyCode.HOME) {
                follow.setSelected(false);
            }
            if (KeyCombination.keyCombination("Shortcut+C").match(e)) {
                copySelection();
                e.consume();
            }
        });
        list.skinProperty().addListener((o, a, b) -> hookScrollBar());
        follow.selectedProperty().addListener((o, a, b) -> {
            if (b) {
                scrollToEnd();
            }
        });
        javafx.scene.control.TitledPane details = dev.greenlight.ui.Folded.details("");
        details.setId("log-details");
        details.visibleProperty().bind(model.detailProperty().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        ((javafx.scene.control.TextArea) details.getContent()).textProperty().bind(model.detailProperty());
        getChildren().addAll(groupsLabel, bar, list, status, details);
        pump = new AnimationTimer() {
            private boolean settle;
            private long lastPump;

            @Override
            public void handle(long now) {
                if (now - lastPump < PUMP_INTERVAL_NANOS) {
                    if (settle && follow.isSelected()) {
                        scrollToEnd();
                    }
                    settle = false;
                    return;
                }
                lastPump = now;
                int added = model.pump();
                // scroll again one frame after the last batch: the list has laid the new rows out by then
                if ((added > 0 || settle) && follow.isSelected()) {
                    scrollToEnd();
                }
                settle = added > 0;
            }
        };
        sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                pump.stop();
            } else {
                pump.start();
            }
        });
    }

    private Instant since() {
        String r = range.getValue();
        if (CUSTOM.equals(r)) {
            try {
                return Instant.now().minus(Duration.ofMinutes(Math.max(1, Long.parseLong(minutes.getText().strip()))));
            } catch (NumberFormatException e) {
                minutes.setText("60");
                return Instant.now().minus(Duration.ofMinutes(60));
            }
        }
        return Instant.now().minus(Duration.ofMinutes(10));
    }

    private void hookScrollBar() {
        for (var n : list.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar sb && sb.getOrientation() == Orientation.VERTICAL) {
                vbar = sb;
                // grabbing the scroll bar pauses; letting go at the bottom resumes. Only the person's
                // input counts: appending lines moves the bar too, and must not pause anything.
                sb.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> follow.setSelected(false));
                sb.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
                    if (sb.getValue() >= sb.getMax() - 1e-3) {
                        follow.setSelected(true);
                    }
                });
            }
        }
    }

    private void scrollToEnd() {
        int n = list.getItems().size();
        if (n > 0) {
            list.scrollTo(n - 1);
            if (vbar != null) {
                vbar.setValue(vbar.getMax());
            }
        }
    }

    private void copySelection() {
        String text = list.getSelectionModel().getSelectedItems().stream().map(LogLine::text)
                .collect(Collectors.joining("\n"));
        if (!text.isEmpty()) {
            ClipboardContent c = new ClipboardContent();
            c.putString(text);
            Clipboard.getSystemClipboard().setContent(c);
        }
    }

    /** Stops the tail for good; the pane is being thrown away. */
    public void dispose() {
        pump.stop();
        model.stop();
    }

    public LogTailModel model() {
        return model;
    }

    public ListView<LogLine> list() {
        return list;
    }

    public ToggleButton followToggle() {
        return follow;
    }
}

package dev.greenlight.app;

import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Variables;
import dev.greenlight.store.RunHistory;
import dev.greenlight.ui.charts.ColdStartPane;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.detail.DetailContext;
import dev.greenlight.ui.detail.DetailView;
import dev.greenlight.ui.history.HistoryRecorder;
import dev.greenlight.ui.history.HistoryView;
import dev.greenlight.ui.history.HistoryViewModel;
import dev.greenlight.ui.oncall.OnCallView;
import dev.greenlight.ui.oncall.OnCallViewModel;
import dev.greenlight.ui.walkthrough.SignOffs;
import dev.greenlight.ui.walkthrough.WalkthroughView;
import dev.greenlight.ui.walkthrough.WalkthroughViewModel;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.SegmentedButton;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The app's modes and the switch between them: the checklist (the main window's tree and detail),
 * the release walkthrough, the run history and on-call. Mode views are made when first shown and
 * made again when another checklist is opened. Also keeps every run in the run history.
 */
final class Modes {
    enum Mode { CHECKLIST, WALKTHROUGH, HISTORY, ONCALL }

    private final Consumer<Node> center;
    private final Node checklistPane;
    private final Executor background;
    private final Supplier<String> callerArn;
    private final Supplier<Variables> variables;
    private final Function<String, String> consoleUrl;
    private final Consumer<String> statusMessage;
    private final Supplier<Window> owner;
    private final SegmentedButton switcher = new SegmentedButton();
    private final Label hint = new Label();
    private final HBox strip = new HBox(12, switcher, hint);
    private final ToggleButton checklist = toggle("Checklist", "mode-checklist", "Every item, with details (the tree) (Ctrl+1)");
    private final ToggleButton walkthrough = toggle("Walkthrough", "mode-walkthrough",
            "Release walkthrough: one item at a time, sign-offs, go/no-go record (Ctrl+2)");
    private final ToggleButton history = toggle("History", "mode-history", "Runs kept on disk; compare two (Ctrl+3)");
    private final ToggleButton oncall = toggle("On-call", "mode-oncall", "Paste an error: the items it points at, run, with logs (Ctrl+4)");
    private final HistoryRecorder recorder = new HistoryRecorder(RunHistory.atDefaultLocation(), r -> background().execute(r),
            FxBridge.FX, m -> statusMessage().accept(m), r -> historySaved());
    private BiFunction<String, String, Path> saveAs = this::chooseFile;
    private ChecklistViewModel vm;
    private DetailContext ctx;
    private ChangeListener<RunReport> keep;
    private WalkthroughView walkthroughView;
    private HistoryView historyView;
    private OnCallView onCallView;
    private Mode mode = Mode.CHECKLIST;

    Modes(Consumer<Node> center, Node checklistPane, Executor background, Supplier<String> callerArn,
          Supplier<Variables> variables, Function<String, String> consoleUrl, Consumer<String> statusMessage,
          Supplier<Window> owner) {
        this.center = center;
        this.checklistPane = checklistPane;
        this.background = background;
        this.callerArn = callerArn;
        this.variables = variables;
        this.consoleUrl = consoleUrl;
        this.statusMessage = statusMessage;
        this.owner = owner;
        switcher.setId("modes");
        switcher.getButtons().setAll(checklist, walkthrough, history, oncall);
        checklist.setSelected(true);
        checklist.setOnAction(e -> show(Mode.CHECKLIST));
        walkthrough.setOnAction(e -> show(Mode.WALKTHROUGH));
        history.setOnAction(e -> show(Mode.HISTORY));
        oncall.setOnAction(e -> show(Mode.ONCALL));
        hint.getStyleClass().add("muted");
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.setPadding(new Insets(4, 12, 4, 12));
        strip.getStyleClass().add("mode-strip");
        strip.getStylesheets().add(Modes.class.getResource("/dev/greenlight/ui/modes.css").toExternalForm());
        enable(false);
    }

    private Executor background() {
        return background;
    }

    private Consumer<String> statusMessage() {
        return statusMessage;
    }

    /** The row with the mode switch and one line on what the current mode is for. */
    HBox strip() {
        return strip;
    }

    /** For tests: where exports go instead of a file chooser. */
    void setSaveAs(BiFunction<String, String, Path> chooser) {
        this.saveAs = chooser == null ? this::chooseFile : chooser;
    }

    /** A checklist was opened: the modes start over with it; every run from now on is kept. */
    void loaded(ChecklistViewModel model, DetailContext context, DetailView mainDetail) {
        unloaded();
        vm = model;
        ctx = context;
        mainDetail.setExtras(s -> ColdStartPane.forItem(s, ctx));
        ChecklistViewModel kept = model;
        keep = (o, a, r) -> {
            if (r != null) {
                recorder.save(r, () -> SignOffs.current(kept.items()));
            }
        };
        model.lastReportProperty().addListener(keep);
        enable(true);
        show(Mode.CHECKLIST);
    }

    /** The checklist is being replaced or closed. */
    void unloaded() {
        if (vm != null && keep != null) {
            vm.lastReportProperty().removeListener(keep);
        }
        if (walkthroughView != null) {
            walkthroughView.model().close();
            walkthroughView.detail().show(null);
        }
        if (onCallView != null) {
            onCallView.dispose();
        }
        walkthroughView = null;
        historyView = null;
        onCallView = null;
        vm = null;
        keep = null;
        enable(false);
        show(Mode.CHECKLIST);
    }

    private Runnable onShow = () -> { };

    /** Called on every mode switch (the app looks at the checkout again then). */
    void setOnShow(Runnable r) {
        onShow = r;
    }

    void show(Mode m) {
        mode = m;
        onShow.run();
        (switch (m) {
            case CHECKLIST -> checklist;
            case WALKTHROUGH -> walkthrough;
            case HISTORY -> history;
            case ONCALL -> oncall;
        }).setSelected(true);
        hint.setText(switch (m) {
            case CHECKLIST -> "Every item with its evidence, remedies and logs.";
            case WALKTHROUGH -> "One item at a time; the machine checks ahead, you confirm and sign off; a go/no-go record at the end.";
            case HISTORY -> "Every run is kept; compare two, or see what changed since the last green run.";
            case ONCALL -> "Paste an error: the items it points at run, with their evidence, remedies and logs.";
        });
        if (m == Mode.CHECKLIST || vm == null) {
            center.accept(checklistPane);
            return;
        }
        switch (m) {
            case WALKTHROUGH -> {
                if (walkthroughView == null) {
                    DetailView d = new DetailView(ctx, consoleUrl);
                    d.setExtras(s -> ColdStartPane.forItem(s, ctx));
                    WalkthroughViewModel wm = new WalkthroughViewModel(vm, System.getProperty("user.name", "unknown"), callerArn);
                    walkthroughView = new WalkthroughView(wm, d, background, FxBridge.FX, (what, ext) -> saveAs.apply(what, ext));
                    wm.open();
                }
                center.accept(walkthroughView);
            }
            case HISTORY -> {
                if (historyView == null) {
                    historyView = new HistoryView(new HistoryViewModel(recorder.history(), vm.checklist(), background, FxBridge.FX));
                }
                historyView.model().refresh();
                center.accept(historyView);
            }
            case ONCALL -> {
                if (onCallView == null) {
                    onCallView = new OnCallView(new OnCallViewModel(vm, variables, background, FxBridge.FX), ctx, consoleUrl);
                }
                center.accept(onCallView);
            }
            default -> center.accept(new Label());
        }
    }

    /** Switches by keyboard: like clicking the mode's button, which is disabled until a checklist is open. */
    void select(Mode m) {
        ToggleButton b = switch (m) {
            case CHECKLIST -> checklist;
            case WALKTHROUGH -> walkthrough;
            case HISTORY -> history;
            case ONCALL -> oncall;
        };
        if (!b.isDisabled()) {
            show(m);
        }
    }

    /** The walkthrough view while one is made (for its keys), else null. */
    WalkthroughView walkthrough() {
        return walkthroughView;
    }

    Mode mode() {
        return mode;
    }

    void close() {
        unloaded();
    }

    private void historySaved() {
        if (historyView != null) {
            historyView.model().refresh();
        }
    }

    private void enable(boolean on) {
        walkthrough.setDisable(!on);
        history.setDisable(!on);
        oncall.setDisable(!on);
    }

    private Path chooseFile(String what, String ext) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save the go/no-go record as " + what);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, "*." + ext));
        String id = vm == null ? "greenlight" : vm.checklist().id();
        fc.setInitialFileName("go-no-go-" + id + "-" + LocalDate.now() + "." + ext);
        File f = fc.showSaveDialog(owner.get());
        if (f == null) {
            return null;
        }
        Path p = f.toPath();
        return p.getFileName().toString().contains(".") ? p : p.resolveSibling(p.getFileName() + "." + ext);
    }

    private static ToggleButton toggle(String text, String id, String tip) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        // reachable with Tab like every other control (Ctrl+1…4 switch directly)
        b.setFocusTraversable(true);
        return b;
    }
}

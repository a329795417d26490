package dev.greenlight.ui.walkthrough;

import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.checklist.StatusGlyphs;
import dev.greenlight.ui.detail.DetailView;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Walkthrough mode: a header with the progress line, the current item's verdict in large type and
 * the buttons (Back, Run, Mark done with note, Next), above the detail pane of that item (evidence,
 * troubleshooting, logs — the same pane as in the checklist). "Finish" shows the go/no-go record.
 */
public final class WalkthroughView extends BorderPane {
    private final WalkthroughViewModel model;
    private final DetailView detail;
    private final Label verdict = new Label();
    private final Label title = new Label();
    private final Label position = new Label();
    private final Label message = new Label();
    private final TextField note = new TextField();
    private final Button back = new Button("← Back");
    private final Button run = new Button("Run");
    private final Button done = new Button("Sign off with note");
    private final Button retract = new Button("Retract sign-off");
    private final Label signed = new Label();
    private final Button next = new Button("Next →");
    private final Button finish = new Button("Go/no-go record");
    private final VBox header;
    private final RecordPane recordPane;
    private final ChangeListener<Object> refresh = (o, a, b) -> refresh();
    private ItemState watched;

    /**
     * @param saveAs asks where to save (a description like "Markdown" and an extension like "md");
     *               null when the person cancels
     */
    public WalkthroughView(WalkthroughViewModel model, DetailView detail, Executor background, Executor fx,
                           BiFunction<String, String, Path> saveAs) {
        this.model = model;
        this.detail = detail;
        // one note box for a sign-off: the header's; the detail pane's own sign-off box would be a second
        detail.setSignOffShown(false);
        setId("walkthrough");
        getStyleClass().add("walkthrough");
        getStylesheets().add(WalkthroughView.class.getResource("/dev/greenlight/ui/modes.css").toExternalForm());
        recordPane = new RecordPane(model, background, fx, saveAs);

        Label progress = new Label();
        progress.setId("walkthrough-progress");
        progress.getStyleClass().add("walkthrough-progress");
        progress.textProperty().bind(model.progressProperty());
        position.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, progress, spacer, position);
        top.setAlignment(Pos.CENTER_LEFT);

        verdict.setId("walkthrough-verdict");
        verdict.getStyleClass().add("walkthrough-verdict");
        verdict.setMinWidth(Region.USE_PREF_SIZE);
        title.getStyleClass().add("walkthrough-title");
        title.setWrapText(true);
        HBox big = new HBox(16, verdict, title);
        big.setAlignment(Pos.CENTER_LEFT);

        back.setId("wt-back");
        back.setTooltip(new Tooltip("The item before (Alt+←)"));
        run.setId("wt-run");
        run.setTooltip(new Tooltip("Check this item again (Ctrl+R)"));
        note.setId("wt-note");
        note.setPromptText("Note: what you checked, where, ticket…");
        HBox.setHgrow(note, Priority.ALWAYS);
        done.setId("wt-done");
        done.setTooltip(new Tooltip("Sign this item off as you, with the note (saved at once), and go to the next (Ctrl+S)"));
        retract.setId("wt-retract");
        retract.setTooltip(new Tooltip("Take the sign-off back (kept in the session's audit trail)"));
        retract.setOnAction(e -> model.retractCurrent());
        signed.setId("wt-signed");
        signed.setWrapText(true);
        signed.getStyleClass().add("muted");
        signed.managedProperty().bind(signed.textProperty().isNotEmpty());
        signed.visibleProperty().bind(signed.textProperty().isNotEmpty());
        note.textProperty().addListener((o, a, b) -> refresh());
        next.setId("wt-next");
        next.getStyleClass().add("accent");
        next.setTooltip(new Tooltip("The next item (Alt+→)"));
        finish.setId("wt-finish");
        finish.setTooltip(new Tooltip("The go/no-go record (Ctrl+G)"));
        back.setOnAction(e -> model.back());
        run.setOnAction(e -> model.runCurrent());
        done.setOnAction(e -> {
            if (model.markDone(note.getText())) {
                note.clear();
            }
        });
        note.setOnAction(e -> done.fire());
        next.setOnAction(e -> {
            if (model.atEndProperty().get()) {
                finish.fire();
            } else {
                model.next();
            }
        });
        finish.setOnAction(e -> model.finish());
        retract.managedProperty().bind(retract.visibleProperty());
        HBox buttons = new HBox(8, back, run, note, done, retract, next, finish);
        buttons.setAlignment(Pos.CENTER_LEFT);
        message.setId("wt-message");
        message.getStyleClass().add("muted");
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());

        header = new VBox(10, top, big, signed, buttons, message);
        header.setPadding(new Insets(14, 20, 12, 20));
        header.getStyleClass().add("walkthrough-header");

        model.currentProperty().addListener((o, a, s) -> show(s));
        model.atEndProperty().addListener((o, a, b) -> refresh());
        model.recordProperty().addListener((o, a, r) -> layoutFor(r != null));
        show(model.current());
        layoutFor(model.recordProperty().get() != null);
    }

    /** Next item (or the record at the end), as the Next button; for the keyboard. */
    public void next() {
        fireIfEnabled(next);
    }

    public void back() {
        fireIfEnabled(back);
    }

    public void runCurrent() {
        fireIfEnabled(run);
    }

    /** Signs off with the typed note; with no note yet, puts the cursor in the note box instead. */
    public void signOff() {
        if (done.isDisabled() && !note.isDisabled()) {
            note.requestFocus();
            return;
        }
        fireIfEnabled(done);
    }

    /** The go/no-go record. */
    public void record() {
        fireIfEnabled(finish);
    }

    private static void fireIfEnabled(Button b) {
        if (!b.isDisabled() && b.getScene() != null) {
            b.fire();
        }
    }

    public WalkthroughViewModel model() {
        return model;
    }

    public DetailView detail() {
        return detail;
    }

    private void layoutFor(boolean record) {
        if (record) {
            recordPane.refresh();
            setTop(null);
            setCenter(recordPane);
        } else {
            setTop(header);
            setCenter(detail);
        }
    }

    private void show(ItemState s) {
        if (watched != null) {
            watched.statusProperty().removeListener(refresh);
            watched.runningProperty().removeListener(refresh);
            watched.signOffProperty().removeListener(refresh);
            watched.staleSignOffProperty().removeListener(refresh);
        }
        watched = s;
        note.clear();
        if (s != null) {
            s.statusProperty().addListener(refresh);
            s.runningProperty().addListener(refresh);
            s.signOffProperty().addListener(refresh);
            s.staleSignOffProperty().addListener(refresh);
        }
        detail.show(s);
        refresh();
    }

    private void refresh() {
        ItemState s = watched;
        verdict.getStyleClass().removeIf(c -> c.startsWith("status-"));
        if (s == null) {
            verdict.setText("");
            title.setText("This checklist has no items.");
            return;
        }
        verdict.setText((s.running() ? StatusGlyphs.RUNNING_GLYPH : StatusGlyphs.glyph(s.status())) + " "
                + WalkthroughViewModel.verdictWord(s));
        verdict.getStyleClass().add(s.running() ? "status-running" : StatusGlyphs.styleClass(s.status()));
        title.setText(dev.greenlight.engine.Variables.unescape(s.item().title()));
        position.setText(model.position());
        run.setDisable(s.item().check() == null || s.running());
        boolean signable = model.canSignOff(s);
        // one deliberate action: no note, no sign-off (and the note box empties after each one)
        done.setDisable(!signable || note.getText().isBlank());
        note.setDisable(!signable);
        retract.setVisible(model.canRetract(s));
        var t = s.signOff();
        signed.getStyleClass().remove("stale-note");
        if (t == null) {
            signed.setText(s.notNeeded() == null ? "" : s.notNeeded());
        } else if (s.staleSignOff() != null) {
            signed.setText(s.staleSignOff());
            signed.getStyleClass().add("stale-note");
        } else {
            signed.setText("Signed off by " + t.user() + " at " + t.at() + (t.awsArn() == null ? "" : " as " + t.awsArn())
                    + ": " + t.note());
        }
        back.setDisable(model.indexProperty().get() == 0);
        next.setText(model.atEndProperty().get() ? "Finish →" : "Next →");
    }
}

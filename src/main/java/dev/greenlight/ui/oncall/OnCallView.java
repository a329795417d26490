package dev.greenlight.ui.oncall;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.model.LogSource;
import dev.greenlight.oncall.SymptomMatcher;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.checklist.StatusGlyphs;
import dev.greenlight.ui.detail.DetailContext;
import dev.greenlight.ui.detail.EvidenceView;
import dev.greenlight.ui.logs.LogTailModel;
import dev.greenlight.ui.logs.LogTailView;
import dev.greenlight.ui.troubleshoot.TroubleshootView;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * On-call mode: paste an error, "Diagnose", and see the items it points at — best first, each with
 * why it matched, its fresh verdict and evidence, and its remedies — above one log tail over the
 * log groups of all of them.
 */
public final class OnCallView extends BorderPane {
    /** The failure messages of the source document, offered as examples. */
    public static final List<String> EXAMPLES = List.of(
            "DefinitionUri: src/aws_step_functions_v3.json not found",
            "ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'",
            "Lambda function not found: ${InitializeStateDataArn}",
            "Disk space quota exceeded");

    private final OnCallViewModel model;
    private final DetailContext ctx;
    private final Function<String, String> consoleUrl;
    private final TextArea text = new TextArea();
    private final VBox cards = new VBox(10);
    private final VBox logsHolder = new VBox();
    private final List<Runnable> detach = new ArrayList<>();
    private final SplitPane split;
    private final ScrollPane scroll;
    private final VBox logsNote = new VBox();
    /** Where the person left the divider, for the next diagnosis and the next time the mode is made. */
    private static double divider = 0.68;
    private LogTailView logs;
    private int logsGeneration;

    public OnCallView(OnCallViewModel model, DetailContext ctx, Function<String, String> consoleUrl) {
        this.model = model;
        this.ctx = ctx;
        this.consoleUrl = consoleUrl;
        setId("oncall");
        getStylesheets().add(OnCallView.class.getResource("/dev/greenlight/ui/modes.css").toExternalForm());
        text.setId("oncall-text");
        text.setPromptText("Paste an error message or a log line, e.g. ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'");
        text.setPrefRowCount(3);
        text.setWrapText(true);
        Button diagnose = new Button("Diagnose");
        diagnose.setId("oncall-diagnose");
        diagnose.getStyleClass().add("accent");
        diagnose.setOnAction(e -> model.diagnose(text.getText(), true));
        Button again = new Button("Run these items again");
        again.setId("oncall-run");
        again.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.matches()));
        again.setOnAction(e -> model.runMatched());
        MenuButton examples = new MenuButton("Examples");
        examples.setId("oncall-examples");
        for (String ex : EXAMPLES) {
            MenuItem mi = new MenuItem(ex);
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> {
                text.setText(ex);
                diagnose.fire();
            });
            examples.getItems().add(mi);
        }
        Label message = new Label();
        message.setId("oncall-message");
        message.setWrapText(true);
        message.getStyleClass().add("muted");
        message.textProperty().bind(model.messageProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, diagnose, again, spacer, examples);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, text, buttons, message);
        top.setPadding(new Insets(12, 14, 8, 14));

        cards.setId("oncall-matches");
        cards.setPadding(new Insets(8, 14, 14, 14));
        cards.setMaxWidth(1400);
        scroll = new ScrollPane(cards);
        scroll.setId("oncall-scroll");
        scroll.setFitToWidth(true);
        scroll.setMinHeight(120);
        logsHolder.setId("oncall-logs");
        logsHolder.setPadding(new Insets(4, 8, 8, 8));
        // small enough that the divider can be dragged down to give the results more room
        logsHolder.setMinHeight(90);
        // the log pane appears only when a matched item names a log group
        split = new SplitPane(scroll);
        split.setOrientation(Orientation.VERTICAL);
        setTop(top);
        setCenter(split);
        model.matches().addListener((javafx.collections.ListChangeListener<OnCallMatch>) c -> rebuild());
    }

    public OnCallViewModel model() {
        return model;
    }

    public TextArea text() {
        return text;
    }

    public LogTailView logTailView() {
        return logs;
    }

    /** Stops the log tail; when the mode is left. */
    public void dispose() {
        detach.forEach(Runnable::run);
        detach.clear();
        if (logs != null) {
            logs.dispose();
            logs = null;
        }
    }

    private void rebuild() {
        dispose();
        cards.getChildren().clear();
        // a new diagnosis starts at its best match, not where the last one was scrolled to
        scroll.setVvalue(0);
        java.util.Set<String> main = model.runnable();
        List<OnCallMatch> shown = model.matches().stream().filter(m -> main.contains(m.itemId())).toList();
        List<OnCallMatch> others = model.matches().stream().filter(m -> !main.contains(m.itemId())).toList();
        for (OnCallMatch m : shown) {
            cards.getChildren().add(card(m));
        }
        if (!others.isEmpty()) {
            VBox list = new VBox(4);
            for (OnCallMatch m : others) {
                Label l = new Label(m.rank() + ". " + dev.greenlight.engine.Variables.unescape(m.state().item().title()) + "  (" + m.itemId() + ") — “" + m.match().matched() + "”");
                l.setWrapText(true);
                l.getStyleClass().add("oncall-other");
                list.getChildren().add(l);
            }
            javafx.scene.control.TitledPane more = new javafx.scene.control.TitledPane(others.size()
                    + " more item(s) whose troubleshooting entries mention this text (not run)", list);
            more.setId("oncall-more");
            more.setExpanded(false);
            cards.getChildren().add(more);
        }
        logsNote.getChildren().clear();
        logsNote.setId("oncall-logs-note");
        cards.getChildren().add(logsNote);
        rebuildLogs(shown);
    }

    private VBox card(OnCallMatch m) {
        ItemState s = m.state();
        Label rank = new Label(String.valueOf(m.rank()));
        rank.getStyleClass().add("oncall-rank");
        Label glyph = new Label();
        glyph.getStyleClass().add("status-chip");
        Label title = new Label(dev.greenlight.engine.Variables.unescape(s.item().title()));
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        Label id = new Label(s.item().sectionId() + " / " + s.id());
        id.getStyleClass().addAll("muted", "mono", "oncall-item-id");
        VBox titles = new VBox(2, title, id);
        HBox.setHgrow(titles, Priority.ALWAYS);
        HBox head = new HBox(10, rank, glyph, titles);
        head.setAlignment(Pos.CENTER_LEFT);
        Label matched = new Label(m.match().matched());
        matched.getStyleClass().addAll("mono", "oncall-matched");
        Label why = new Label(m.match().kind() == SymptomMatcher.Kind.SYMPTOM ? "symptom:" : "troubleshooting entry:");
        why.getStyleClass().add("kv-key");
        why.setMinWidth(Region.USE_PREF_SIZE);
        HBox whyRow = new HBox(6, why, matched);
        whyRow.setAlignment(Pos.CENTER_LEFT);
        VBox verdict = new VBox(4);
        VBox card = new VBox(8, head, whyRow, verdict);
        card.getStyleClass().add("oncall-match");
        card.setUserData(s.id());
        if (!m.remedies().isEmpty()) {
            card.getChildren().addAll(heading("Remedies"),
                    new TroubleshootView(m.remedies(), ctx.checkout(), ctx::confirm, ctx.awsAccountLabel()));
        }
        Runnable update = () -> fillVerdict(s, glyph, verdict);
        ChangeListener<Object> l = (o, a, b) -> update.run();
        s.resultProperty().addListener(l);
        s.runningProperty().addListener(l);
        s.statusProperty().addListener(l);
        detach.add(() -> {
            s.resultProperty().removeListener(l);
            s.runningProperty().removeListener(l);
            s.statusProperty().removeListener(l);
        });
        update.run();
        return card;
    }

    private void fillVerdict(ItemState s, Label glyph, VBox box) {
        glyph.getStyleClass().removeIf(c -> c.startsWith("status-") && !c.equals("status-chip"));
        glyph.setText(s.running() ? StatusGlyphs.RUNNING_GLYPH : StatusGlyphs.glyph(s.status()));
        glyph.getStyleClass().add(s.running() ? "status-running" : StatusGlyphs.styleClass(s.status()));
        box.getChildren().clear();
        ItemResult r = s.result();
        if (s.running()) {
            box.getChildren().add(muted("Checking…"));
            return;
        }
        if (r == null) {
            box.getChildren().add(muted(s.item().check() == null ? "A person checks this item." : "Not run yet."));
            return;
        }
        Label reason = new Label(r.result().reason());
        reason.setWrapText(true);
        reason.getStyleClass().addAll("verdict-reason", "oncall-reason", StatusGlyphs.styleClass(r.status()));
        box.getChildren().add(reason);
        if (r.result().expected() != null || r.result().actual() != null) {
            Label ea = new Label("expected: " + r.result().expected() + "\nbut was:  " + r.result().actual());
            ea.setWrapText(true);
            ea.getStyleClass().add("mono");
            box.getChildren().add(ea);
        }
        r.result().evidence().forEach(e -> box.getChildren().add(new EvidenceView(e, ctx, consoleUrl)));
    }

    /** One tail over every log group the matched items name, resolved off the FX thread. */
    private void rebuildLogs(List<OnCallMatch> ms) {
        int gen = ++logsGeneration;
        List<LogSource> sources = new ArrayList<>();
        ms.forEach(m -> sources.addAll(m.state().item().logs()));
        split.getItems().remove(logsHolder);
        if (sources.isEmpty()) {
            return;
        }
        logsNote.getChildren().setAll(muted("Logs: finding the log groups of the matched items…"));
        ctx.background().execute(() -> {
            Set<String> groups = new LinkedHashSet<>();
            List<String> problems = new ArrayList<>();
            String filter = null;
            for (LogSource src : sources) {
                try {
                    groups.add(ctx.logGroup(src));
                } catch (Exception e) {
                    String what = src.group() != null ? Variables.unescape(src.group()) : "the log group of " + src.function();
                    problems.add(what + ": " + e.getMessage()
                            + (e.getCause() == null || e.getCause().getMessage() == null ? "" : "\n    " + e.getCause().getMessage()));
                }
            }
            LogTailFactory factory = null;
            String unavailable = null;
            String details = String.join("\n", problems);
            if (groups.isEmpty()) {
                unavailable = "Logs: Greenlight could not name the log groups of the matched items, so no log is shown."
                        + " Connect to the AWS account of the stack in the bar above (profile and region), then Diagnose again.";
            } else {
                try {
                    factory = ctx.logTails();
                    unavailable = factory == null ? ctx.logTailsUnavailable() : null;
                } catch (RuntimeException e) {
                    unavailable = "Logs: live log tails cannot start here. Check the AWS profile and region in the bar above, then Diagnose again.";
                    details = (details.isEmpty() ? "" : details + "\n") + e.getMessage();
                }
            }
            String why = details;
            LogTailFactory f = factory;
            String u = unavailable;
            ctx.fx().execute(() -> {
                if (gen != logsGeneration) {
                    return;
                }
                if (u != null) {
                    // nothing to show: one line under the results instead of a pane that takes their room
                    logsNote.getChildren().setAll(dev.greenlight.ui.Folded.sentence(u, why));
                    return;
                }
                logsNote.getChildren().clear();
                logs = new LogTailView(List.copyOf(groups), f, null, ctx::deployTime, null, new LogTailModel(),
                        ctx.background(), ctx.fx());
                VBox.setVgrow(logs, Priority.ALWAYS);
                logsHolder.getChildren().setAll(heading("Logs of the matched items"), logs);
                split.getItems().add(logsHolder);
                split.setDividerPositions(divider);
                split.getDividers().get(0).positionProperty().addListener((o, a, b) -> divider = b.doubleValue());
            });
        });
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("muted");
        return l;
    }
}

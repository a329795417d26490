package dev.greenlight.ui.detail;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.Item;
import dev.greenlight.model.LogSource;
import dev.greenlight.model.Troubleshoot;
import dev.greenlight.store.SessionStore.Tick;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.checklist.StatusGlyphs;
import dev.greenlight.ui.logs.LogTailModel;
import dev.greenlight.ui.logs.LogTailView;
import dev.greenlight.ui.troubleshoot.TroubleshootEntry;
import dev.greenlight.ui.troubleshoot.TroubleshootView;
import dev.greenlight.ui.troubleshoot.TroubleshootViewModel;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The selected item: description, the verdict in one sentence, expected against actual, evidence
 * with snippets, drift notes, the sign-off of a manual item, troubleshooting and log tails.
 * Rebuilt when the selection or the item's verdict changes (once per turn of the FX queue).
 */
public final class DetailView extends ScrollPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final DetailContext ctx;
    private final Function<String, String> consoleUrl;
    private final VBox content = new VBox(12);
    private ItemState shown;
    /**
     * Changes of the shown item are applied once per turn of the FX queue: a verdict arrives with
     * "running" turning off, and rebuilding the pane for each (new nodes, their CSS) would stall
     * the FX thread twice for one change.
     */
    private final ChangeListener<Object> refresh = (o, a, b) -> rebuildSoon();
    /** The sign-off box is rebuilt only when the sign-off changes: a note being typed survives a run. */
    private final ChangeListener<Object> signOffChanged = (o, a, b) -> {
        signOffBox = null;
        rebuildSoon();
    };
    /** The queued rebuild, if any; a rebuild made meanwhile (another item shown) makes it moot. */
    private Object pendingRebuild;
    private VBox signOffBox;
    /** Parts kept while the same item is shown: its description, and the evidence of one verdict. */
    private Label description;
    private ItemResult evidenceOf;
    private List<javafx.scene.Node> evidence = List.of();
    private VBox logsHolder;
    private VBox tsHolder;
    private String tsKey;
    private LogTailView logs;
    private Function<ItemState, javafx.scene.Node> extras = s -> null;
    private boolean signOffShown = true;
    private javafx.scene.Node extra;

    public DetailView(DetailContext ctx, Function<String, String> consoleUrl) {
        this.ctx = ctx;
        this.consoleUrl = consoleUrl;
        setId("detail");
        getStyleClass().add("detail");
        setFitToWidth(true);
        content.setPadding(new Insets(16, 20, 20, 20));
        content.getStyleClass().add("detail-content");
        // long lines stay readable on a 2560 px screen
        content.setMaxWidth(1400);
        setContent(content);
        showNothing();
    }

    /**
     * Whether this pane offers the sign-off box: the walkthrough has its own note box and buttons, and
     * two note boxes for one sign-off made people type the note twice.
     */
    public void setSignOffShown(boolean on) {
        signOffShown = on;
        signOffBox = null;
        if (shown != null) {
            rebuildSoon();
        }
    }

    public void show(ItemState s) {
        if (s != null && s == shown) {
            return;
        }
        if (shown != null) {
            shown.resultProperty().removeListener(refresh);
            shown.signOffProperty().removeListener(signOffChanged);
            shown.runningProperty().removeListener(refresh);
            shown.staleNoteProperty().removeListener(refresh);
            shown.staleSignOffProperty().removeListener(signOffChanged);
            shown.statusProperty().removeListener(signOffChanged);
        }
        shown = s;
        signOffBox = null;
        description = null;
        evidenceOf = null;
        evidence = List.of();
        if (s == null) {
            pendingRebuild = null;
            disposeLogs();
            showNothing();
            return;
        }
        s.resultProperty().addListener(refresh);
        s.signOffProperty().addListener(signOffChanged);
        s.runningProperty().addListener(refresh);
        s.staleNoteProperty().addListener(refresh);
        s.staleSignOffProperty().addListener(signOffChanged);
        s.statusProperty().addListener(signOffChanged);
        disposeLogs();
        rebuild();
        setVvalue(0);
    }

    /**
     * Adds a pane of its own to items it returns a node for (the cold-start chart of logs-cold-start
     * items); made once per shown item, and closed when the item is left if it is {@link AutoCloseable}.
     */
    public void setExtras(Function<ItemState, javafx.scene.Node> extras) {
        this.extras = extras == null ? s -> null : extras;
    }

    public ItemState shown() {
        return shown;
    }

    private void showNothing() {
        content.getChildren().setAll(muted("Select an item on the left to see its verdict, evidence and remedies."));
    }

    private void rebuildSoon() {
        if (pendingRebuild != null) {
            return;
        }
        Object token = new Object();
        pendingRebuild = token;
        ctx.fxNextTurn().execute(() -> {
            if (pendingRebuild == token) {
                rebuild();
            }
        });
    }

    private void rebuild() {
        pendingRebuild = null;
        ItemState s = shown;
        Item item = s.item();
        List<javafx.scene.Node> nodes = new ArrayList<>();
        nodes.add(header(s));
        if (item.description() != null && !item.description().isBlank()) {
            if (description == null) {
                description = new Label(dev.greenlight.engine.Variables.unescape(item.description().strip()));
                description.setWrapText(true);
                description.getStyleClass().add("description");
            }
            nodes.add(description);
        }
        nodes.add(verdict(s));
        if (!item.gate()) {
            Label w = muted("Watching (gate: false): it runs and is recorded, but never blocks a GO or the exit code.");
            w.setId("watch-hint");
            ctx.background().execute(() -> java.util.Optional.ofNullable(ctx.watchHint(item.id())).ifPresent(h -> ctx.fx().execute(() -> w.setText(h))));
            nodes.add(w);
        }
        ItemResult r = s.result();
        if (r != null && r.result().evidence().size() > 0) {
            // the same verdict keeps its evidence views (snippets included): a run starting or a
            // note changing does not rebuild them
            if (evidenceOf != r) {
                evidenceOf = r;
                evidence = new ArrayList<>();
                evidence.add(heading("Evidence"));
                r.result().evidence().forEach(e -> evidence.add(new EvidenceView(e, ctx, consoleUrl)));
            }
            nodes.addAll(evidence);
        }
        if (extra == null) {
            extra = extras.apply(s);
        }
        if (extra != null) {
            nodes.add(extra);
        }
        boolean mayBeSigned = s.signOff() != null
                || dev.greenlight.signoff.SignOffPolicy.refusal(s.item(), s.verdict(), "note") == null;
        if (signOffShown && mayBeSigned) {
            nodes.add(heading("Sign-off"));
            if (signOffBox == null) {
                signOffBox = signOff(s);
            }
            nodes.add(signOffBox);
        }
        if (!item.troubleshoot().isEmpty()) {
            nodes.add(heading("Troubleshooting"));
            Result result = r == null ? null : r.result();
            String key = result == null ? "" : result.status() + "\n" + result.reason() + "\n" + result.actual();
            // keep the entries (and any command output in them) unless the verdict they are ordered by changed
            if (tsHolder == null || !key.equals(tsKey)) {
                tsKey = key;
                VBox holder = new VBox(muted("Resolving variables…"));
                holder.setId("troubleshoot-holder");
                tsHolder = holder;
                List<Troubleshoot> entries = item.troubleshoot();
                ctx.background().execute(() -> {
                    Variables v;
                    try {
                        v = ctx.variables();
                    } catch (RuntimeException e) {
                        v = null;
                    }
                    List<TroubleshootEntry> resolved = TroubleshootViewModel.entries(entries, result, v);
                    ctx.fx().execute(() -> {
                        if (shown == s && tsHolder == holder) {
                            holder.getChildren().setAll(new TroubleshootView(resolved, ctx.checkout(), ctx::confirm, ctx.awsAccountLabel(), ctx::notify));
                        }
                    });
                });
            }
            nodes.add(tsHolder);
        }
        if (!item.logs().isEmpty()) {
            nodes.add(heading("Logs"));
            if (logsHolder == null) {
                logsHolder = new VBox(muted("Resolving log groups…"));
                logsHolder.setId("logs-holder");
                ctx.background().execute(() -> {
                    ResolvedGroups g = resolveGroups(item);
                    ctx.fx().execute(() -> {
                        if (shown == s && logsHolder != null) {
                            if (g.groups().isEmpty()) {
                                // nothing to follow: the sentence and the folded detail, not a dead tail pane
                                logsHolder.getChildren().setAll(dev.greenlight.ui.Folded.sentence(g.unavailable(), g.details()));
                            } else {
                                logs = logTail(g);
                                logsHolder.getChildren().setAll(logs);
                                if (!g.details().isBlank()) {
                                    logsHolder.getChildren().add(dev.greenlight.ui.Folded.details(g.details()));
                                }
                            }
                        }
                    });
                });
            }
            nodes.add(logsHolder);
        }
        content.getChildren().setAll(nodes);
    }

    private void disposeLogs() {
        if (logs != null) {
            logs.dispose();
        }
        logs = null;
        if (extra instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // an extra pane stopping its own background work; nothing to tell anyone
            }
        }
        extra = null;
        logsHolder = null;
        tsHolder = null;
        tsKey = null;
    }

    private record ResolvedGroups(List<String> groups, List<String> problems, String filter,
                                  dev.greenlight.engine.logs.LogTailFactory factory, String unavailable, String details) {
    }

    /** Blocking: naming a group may ask AWS for the stack's resources, and making a tail factory opens a session. */
    private ResolvedGroups resolveGroups(Item item) {
        List<String> groups = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String filter = null;
        for (LogSource src : item.logs()) {
            filter = src.filter() != null ? src.filter() : filter;
            try {
                groups.add(ctx.logGroup(src));
            } catch (Exception e) {
                String what = src.group() != null ? Variables.unescape(src.group()) : "the log group of " + src.function();
                problems.add(what + ": " + dev.greenlight.ui.Folded.detailOf(e));
            }
        }
        dev.greenlight.engine.logs.LogTailFactory factory = null;
        String unavailable = null;
        if (groups.isEmpty()) {
            return new ResolvedGroups(groups, problems, filter, null,
                    "Greenlight could not name this item's log group, so no log can be shown. Check the AWS profile and"
                            + " region in the context bar (and that the stack is deployed), then select the item again.",
                    String.join("\n", problems));
        }
        String details = String.join("\n", problems);
        try {
            factory = ctx.logTails();
            if (factory == null) {
                unavailable = ctx.logTailsUnavailable();
            }
        } catch (RuntimeException e) {
            unavailable = "Live log tails are not available. Check the AWS profile and region in the context bar.";
            details = (details.isEmpty() ? "" : details + "\n") + dev.greenlight.ui.Folded.detailOf(e);
        }
        return new ResolvedGroups(groups, problems, filter, unavailable == null ? factory : null, unavailable, details);
    }

    private LogTailView logTail(ResolvedGroups r) {
        LogTailView v = new LogTailView(r.groups(), r.factory(), r.unavailable(), ctx::deployTime, r.filter(),
                new LogTailModel(), ctx.background(), ctx.fx());
        return v;
    }

    private HBox header(ItemState s) {
        Status st = s.status();
        Label glyph = new Label(s.running() ? StatusGlyphs.RUNNING_GLYPH : StatusGlyphs.glyph(st));
        glyph.getStyleClass().addAll("status-chip", StatusGlyphs.styleClass(st));
        if (s.stale() && !s.running()) {
            glyph.getStyleClass().add("stale");
        }
        glyph.setMinWidth(Region.USE_PREF_SIZE);
        Label chip = new Label(s.running() ? "running" : StatusGlyphs.label(st));
        chip.setMinWidth(Region.USE_PREF_SIZE);
        chip.getStyleClass().addAll("status-chip-text", StatusGlyphs.styleClass(st));
        Label title = new Label(dev.greenlight.engine.Variables.unescape(s.item().title()));
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        Label id = new Label(s.item().sectionId() + " / " + s.item().id());
        id.getStyleClass().addAll("muted", "mono");
        VBox titles = new VBox(2, title, id);
        HBox.setHgrow(titles, Priority.ALWAYS);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox h = new HBox(10, glyph, titles);
        h.setAlignment(Pos.CENTER_LEFT);
        if (s.item().check() != null) {
            Button run = new Button("Run item");
            run.setId("run-item-button");
            run.setMinWidth(Region.USE_PREF_SIZE);
            run.setOnAction(e -> ctx.runItem(s.id()));
            run.setDisable(s.running());
            h.getChildren().addAll(spacer, chip, run);
            dev.greenlight.engine.Runner.Access access = ctx.access(s.item().check().type());
            if (access != dev.greenlight.engine.Runner.Access.READ) {
                boolean invoke = access == dev.greenlight.engine.Runner.Access.INVOKE;
                Button allow = new Button(invoke ? "Allow invoke & run" : "Allow command & run");
                allow.setId("allow-run-button");
                allow.setMinWidth(Region.USE_PREF_SIZE);
                allow.setDisable(s.running());
                allow.setOnAction(e -> {
                    String what = invoke ? "This check invokes a Lambda function: it runs code in the AWS account "
                            + ctx.awsAccountLabel() + "." : "This check runs a local command in " + ctx.checkout() + ".";
                    if (ctx.confirm("Allow this check once?", what + "\n\nRun “" + s.item().title() + "” with that allowed, this once?")) {
                        ctx.runItemAllowing(s.id());
                    }
                });
                h.getChildren().add(allow);
            }
        } else {
            h.getChildren().addAll(spacer, chip);
        }
        return h;
    }

    private VBox verdict(ItemState s) {
        VBox box = new VBox(6);
        box.getStyleClass().add("verdict");
        ItemResult r = s.result();
        if (s.running()) {
            box.getChildren().add(muted("Checking…"));
            return box;
        }
        if (s.signedOff()) {
            // the sign-off replaces "Waiting for a person …": nobody is waiting any more
            var t = s.signOff();
            box.getStyleClass().add(StatusGlyphs.styleClass(Status.DONE));
            Label done = new Label("Signed off by " + t.user() + " on " + WHEN.format(t.at())
                    + (t.awsArn() == null ? "" : " as " + t.awsArn()) + ": " + t.note());
            done.setId("verdict-reason");
            done.setWrapText(true);
            done.getStyleClass().add("verdict-reason");
            box.getChildren().add(done);
            if (r != null && r.status() == Status.SKIP) {
                box.getChildren().add(muted("The machine's verdict under it: SKIP — " + r.result().reason()));
            }
            return box;
        }
        if (s.notNeeded() != null) {
            Label nn = new Label(s.notNeeded());
            nn.setId("not-needed");
            nn.setWrapText(true);
            nn.getStyleClass().add("verdict-note");
            box.getChildren().add(nn);
        }
        if (r == null) {
            box.getChildren().add(muted(s.item().check() == null
                    ? "A person checks this item and signs it off below."
                    : "Not run yet. Press Enter to run this item, Ctrl+Enter to run all."));
            return box;
        }
        Result res = r.result();
        box.getStyleClass().add(StatusGlyphs.styleClass(res.status()));
        if (s.stale()) {
            box.getStyleClass().add("stale");
            Label stale = new Label("Stale — " + Character.toLowerCase(s.staleNote().charAt(0)) + s.staleNote().substring(1));
            stale.setId("stale-note");
            stale.setWrapText(true);
            stale.getStyleClass().add("stale-note");
            box.getChildren().add(stale);
        }
        Label reason = new Label(res.reason());
        reason.setId("verdict-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add("verdict-reason");
        box.getChildren().add(reason);
        if (res.expected() != null || res.actual() != null) {
            GridPane g = new GridPane();
            g.setHgap(10);
            g.setVgap(3);
            g.getStyleClass().add("expected-actual");
            int row = 0;
            if (res.expected() != null) {
                g.addRow(row++, keyLabel("expected"), monoWrap(res.expected(), "expected-value"));
            }
            if (res.actual() != null) {
                g.addRow(row, keyLabel("but was"), monoWrap(res.actual(), "actual-value"));
            }
            box.getChildren().add(g);
        }
        for (String n : res.notes()) {
            Label note = new Label("Note: " + n);
            note.setWrapText(true);
            note.getStyleClass().add("verdict-note");
            box.getChildren().add(note);
        }
        if (res.status() != Status.MANUAL) {
            Label when = new Label("Checked " + WHEN.format(r.finishedAt()) + " in " + r.durationMs() + " ms");
            when.getStyleClass().add("muted");
            box.getChildren().add(when);
        }
        return box;
    }

    /**
     * Signed: who, when, the note, and "Retract". Not signed (or signed on something that no longer
     * holds): one note box and "Sign off", which stays disabled until the note says something.
     */
    private VBox signOff(ItemState s) {
        Tick so = s.signOff();
        VBox box = new VBox(6);
        box.getStyleClass().add("sign-off-box");
        if (so != null && s.staleSignOff() == null) {
            Label who = new Label("☑ Signed off by " + so.user() + " on " + WHEN.format(so.at())
                    + (so.awsArn() == null ? "" : " as " + so.awsArn()) + ": " + so.note());
            who.setId("sign-off-who");
            who.setWrapText(true);
            Button retract = new Button("Retract sign-off");
            retract.setId("sign-off-retract");
            retract.setTooltip(new Tooltip("Take the sign-off back; the session's audit trail keeps it"));
            retract.setOnAction(e -> ctx.untick(s.id()));
            box.getChildren().addAll(who, retract);
            return box;
        }
        if (so != null) {
            Label stale = new Label(s.staleSignOff());
            stale.setId("sign-off-stale");
            stale.setWrapText(true);
            stale.getStyleClass().add("stale-note");
            box.getChildren().add(stale);
        }
        TextField note = new TextField(ctx.note(s.id()));
        note.setId("sign-off-note");
        note.setPromptText("Note: what you checked, where, ticket… (required)");
        note.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                ctx.setNote(s.id(), note.getText());
            }
        });
        Button sign = new Button(so == null ? "Sign off" : "Sign off again");
        sign.setId("sign-off-button");
        sign.disableProperty().bind(note.textProperty().isEmpty().or(
                javafx.beans.binding.Bindings.createBooleanBinding(() -> note.getText().isBlank(), note.textProperty())));
        sign.setOnAction(e -> {
            ctx.setNote(s.id(), note.getText());
            ctx.tick(s.id(), note.getText());
        });
        note.setOnAction(e -> sign.fire());
        HBox row = new HBox(8, note, sign);
        HBox.setHgrow(note, javafx.scene.layout.Priority.ALWAYS);
        box.getChildren().addAll(row, muted("Space signs off the selected item in the list with this note, or takes a"
                + " sign-off back."));
        return box;
    }

    public LogTailView logTailView() {
        return logs;
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

    private static Label keyLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add("kv-key");
        return l;
    }

    private static Label monoWrap(String text, String cls) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().addAll("mono", cls);
        return l;
    }
}

package dev.greenlight.ui.history;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.report.RunDiff;
import dev.greenlight.ui.checklist.StatusGlyphs;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What changed between two runs: a line naming both runs, then one card per changed item with the
 * verdict before → after and, side by side, the reason, expected/actual and evidence of each. The
 * evidence is shown as it was recorded, not re-read from today's files.
 */
public final class DiffView extends ScrollPane {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final VBox content = new VBox(10);

    public DiffView() {
        setId("diff-view");
        setFitToWidth(true);
        content.setPadding(new Insets(12, 16, 16, 16));
        setContent(content);
        show(null);
    }

    public void show(RunDiff d) {
        content.getChildren().clear();
        if (d == null) {
            content.getChildren().add(muted("Select two runs and press “Compare”, or ask what changed since the last green run."));
            return;
        }
        Label head = new Label(run("Before", d.before()) + "\n" + run("After", d.after()));
        head.setId("diff-runs");
        head.getStyleClass().add("mono");
        Label counts = new Label(d.changes().size() + " changed · " + d.regressions().size() + " for the worse · "
                + d.unchanged() + " unchanged");
        counts.setId("diff-summary");
        counts.getStyleClass().add("diff-title");
        content.getChildren().addAll(head, counts);
        if (d.changes().isEmpty()) {
            content.getChildren().add(muted("No item's verdict changed."));
        }
        for (RunDiff.Change c : d.changes()) {
            content.getChildren().add(card(c));
        }
    }

    private static String run(String label, RunReport r) {
        var ctx = r.context();
        return label + ": " + WHEN.format(r.startedAt()) + "  sha " + ctx.getOrDefault("git.sha", "?")
                + (ctx.containsKey("aws.account") ? "  account " + ctx.get("aws.account") : "")
                + (ctx.containsKey("stage") ? "  stage " + ctx.get("stage") : "");
    }

    private static VBox card(RunDiff.Change c) {
        Label title = new Label(c.title());
        title.getStyleClass().add("diff-title");
        title.setWrapText(true);
        Label id = new Label(c.sectionId() + " / " + c.itemId());
        id.getStyleClass().addAll("muted", "mono");
        Label change = new Label(switch (c.kind()) {
            case CHANGED -> status(c.before()) + "  →  " + status(c.after());
            case ADDED -> "new item  →  " + status(c.after());
            case REMOVED -> status(c.before()) + "  →  not in the later run";
        });
        change.getStyleClass().addAll("diff-statuses", "mono");
        change.setMinWidth(Label.USE_PREF_SIZE);
        HBox top = new HBox(12, new VBox(2, title, id), change);
        HBox.setHgrow(top.getChildren().get(0), Priority.ALWAYS);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox sides = new HBox(10, side("before", c.before()), side("after", c.after()));
        sides.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        VBox card = new VBox(6, top, sides);
        card.getStyleClass().addAll("diff-change", c.regression() ? "diff-regression" : c.improvement() ? "diff-improvement" : "diff-moved");
        card.setUserData(c.itemId());
        return card;
    }

    private static String status(ItemResult r) {
        return StatusGlyphs.glyph(r.status()) + " " + r.status();
    }

    private static VBox side(String label, ItemResult r) {
        VBox box = new VBox(3);
        box.getStyleClass().add("diff-side");
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPrefWidth(100);
        Label l = new Label(label);
        l.getStyleClass().add("kv-key");
        box.getChildren().add(l);
        if (r == null) {
            box.getChildren().add(muted("—"));
            return box;
        }
        Label reason = wrap(r.result().reason(), StatusGlyphs.styleClass(r.status()));
        reason.getStyleClass().add("diff-reason");
        box.getChildren().add(reason);
        if (r.result().expected() != null) {
            box.getChildren().add(wrap("expected: " + r.result().expected(), "mono"));
        }
        if (r.result().actual() != null) {
            box.getChildren().add(wrap("but was:  " + r.result().actual(), "mono"));
        }
        for (Evidence e : r.result().evidence()) {
            String where = e.file() != null ? e.where() : e.resource() != null ? e.subject() + " " + e.resource() : e.subject();
            box.getChildren().add(wrap("• " + (where == null ? "" : where + "  ") + (e.text() == null ? "" : e.text()), "mono"));
        }
        return box;
    }

    private static Label wrap(String text, String cls) {
        Label l = new Label(text == null ? "" : text);
        l.setWrapText(true);
        l.getStyleClass().add(cls);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("muted");
        return l;
    }
}

package dev.greenlight.ui.walkthrough;

import dev.greenlight.report.GoNoGoRecord;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The go/no-go record at the end of a walkthrough: the decision, why, what it covers, and exports. */
final class RecordPane extends ScrollPane {
    private final WalkthroughViewModel model;
    private final Executor background;
    private final Executor fx;
    private final BiFunction<String, String, Path> saveAs;
    private final VBox content = new VBox(12);
    private final Label status = new Label();

    RecordPane(WalkthroughViewModel model, Executor background, Executor fx, BiFunction<String, String, Path> saveAs) {
        this.model = model;
        this.background = background;
        this.fx = fx;
        this.saveAs = saveAs;
        setId("record-pane");
        setFitToWidth(true);
        content.setPadding(new Insets(20, 24, 24, 24));
        content.setMaxWidth(1200);
        status.setId("record-status");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        setContent(content);
    }

    void refresh() {
        GoNoGoRecord r = model.recordProperty().get();
        content.getChildren().clear();
        if (r == null) {
            return;
        }
        Label decision = new Label(r.decision());
        decision.setId("record-decision");
        decision.getStyleClass().addAll("record-decision", r.go() ? "record-go" : "record-nogo");
        Label sub = new Label(r.go() ? "Every item holds or is signed off." : r.blockers().size()
                + (r.blockers().size() == 1 ? " blocker" : " blockers") + " — the release should not go ahead as is.");
        sub.getStyleClass().add("walkthrough-title");
        sub.setWrapText(true);
        HBox head = new HBox(18, decision, sub);
        head.setAlignment(Pos.CENTER_LEFT);
        content.getChildren().add(head);

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        facts.getStyleClass().add("record-facts");
        int row = 0;
        row = fact(facts, row, "Checklist", r.checklistId() + (r.checklistVersion() == null ? "" : " v" + r.checklistVersion()));
        row = fact(facts, row, "Checkout", r.checkout());
        row = fact(facts, row, "HEAD", r.gitSha() == null ? "not a git checkout" : r.gitSha());
        row = fact(facts, row, "AWS", (r.awsAccount() == null ? "not used" : r.awsAccount())
                + (r.awsRegion() == null ? "" : " · " + r.awsRegion()) + (r.stage() == null ? "" : " · stage " + r.stage()));
        row = fact(facts, row, "Recorded", r.recordedAt() + " by " + r.recordedBy());
        row = fact(facts, row, "Verdicts", r.summary().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", ")));
        row = fact(facts, row, "Sign-offs", String.valueOf(r.signOffs().size()));
        Label hash = fact(facts, row, "SHA-256");
        hash.setId("record-hash");
        hash.setText(r.sha256());
        content.getChildren().add(facts);
        Button md = button("Export Markdown…", "record-export-md", () -> export("Markdown", "md"));
        Button html = button("Export HTML…", "record-export-html", () -> export("HTML (printable)", "html"));
        Button json = button("Export JSON…", "record-export-json", () -> export("JSON", "json"));
        Button copy = button("Copy Markdown", "record-copy-md", () -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(model.markdown());
            Clipboard.getSystemClipboard().setContent(c);
            status.setText("The record is on the clipboard as Markdown, ready for a PR or chat.");
        });
        Button back = button("← Back to the items", "record-back", model::reopen);
        HBox buttons = new HBox(8, md, html, json, copy, back);
        buttons.setAlignment(Pos.CENTER_LEFT);
        content.getChildren().addAll(heading("Export"), buttons, status);
        Label keep = new Label("Keep the SHA-256 where the file's editor cannot reach it (the PR, the release ticket): "
                + "greenlight verify-record FILE recomputes it and shows whether the record was changed.");
        keep.setWrapText(true);
        keep.getStyleClass().add("muted");
        content.getChildren().add(keep);

        if (!r.blockers().isEmpty()) {
            content.getChildren().add(heading("Blockers"));
            VBox list = new VBox(4);
            list.setId("record-blockers");
            r.blockers().forEach(b -> list.getChildren().add(line("✖ " + b, "status-fail")));
            content.getChildren().add(list);
        }
        if (!r.caveats().isEmpty()) {
            content.getChildren().add(heading("Caveats"));
            VBox list = new VBox(4);
            r.caveats().forEach(c -> list.getChildren().add(line("▲ " + c, "status-warn")));
            content.getChildren().add(list);
        }
        if (!r.signOffs().isEmpty()) {
            content.getChildren().add(heading("Signed off"));
            VBox list = new VBox(4);
            r.signOffs().forEach(s -> list.getChildren().add(line("☑ " + s.itemId() + " — " + s.who()
                    + (s.awsCallerArn() == null ? "" : " (" + s.awsCallerArn() + ")") + " at " + s.at()
                    + (s.note().isBlank() ? "" : ": " + s.note()), "status-done")));
            content.getChildren().add(list);
        }

    }

    /** Saves through the chooser; the write runs in the background. */
    void export(String what, String ext) {
        Path file = saveAs.apply(what, ext);
        if (file == null) {
            return;
        }
        status.setText("Writing " + file + "…");
        model.export(file, background).whenComplete((p, e) -> fx.execute(() -> status.setText(e == null
                ? "Saved " + p + "."
                : (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()))));
    }

    private static int fact(GridPane g, int row, String key, String value) {
        fact(g, row, key).setText(value);
        return row + 1;
    }

    private static Label fact(GridPane g, int row, String key) {
        Label k = new Label(key);
        k.getStyleClass().add("kv-key");
        Label v = new Label();
        v.getStyleClass().add("mono");
        v.setWrapText(true);
        g.addRow(row, k, v);
        return v;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-heading");
        return l;
    }

    private static Label line(String text, String cls) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(cls);
        return l;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}

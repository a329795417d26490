package dev.greenlight.ui.walkthrough;

import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.report.RecordFiles;
import dev.greenlight.report.SigningKeys;
import dev.greenlight.report.SshSigner;
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
import java.util.List;
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
    private final javafx.scene.control.CheckBox sign = new javafx.scene.control.CheckBox("Sign with my SSH key");

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
        sign.setId("record-sign");
        sign.setTooltip(new javafx.scene.control.Tooltip("SSHSIG, as git signs commits: git's user.signingkey when"
                + " gpg.format=ssh, else a key Greenlight makes once; the signature goes to FILE.sig"));
        setContent(content);
        model.outOfDateProperty().addListener((o, a, b) -> refresh());
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
        String stale = model.outOfDateProperty().get();
        if (stale != null) {
            Label banner = new Label(stale);
            banner.setId("record-out-of-date");
            banner.setWrapText(true);
            banner.getStyleClass().addAll("stale-note", "record-out-of-date");
            Button rebuild = button("Rebuild the record", "record-rebuild", model::finish);
            rebuild.getStyleClass().add("accent");
            content.getChildren().addAll(banner, rebuild);
        }

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        facts.getStyleClass().add("record-facts");
        int row = 0;
        row = fact(facts, row, "Checklist", r.checklistId() + (r.checklistVersion() == null ? "" : " v" + r.checklistVersion()));
        row = fact(facts, row, "Checkout", r.checkout());
        row = fact(facts, row, "HEAD", r.gitSha() == null ? "not a git checkout" : r.gitSha()
                + (r.gitDirty() ? " — verdicts about the working tree, which has uncommitted changes" : ""));
        if (!r.changedRead().isEmpty()) {
            row = fact(facts, row, "Changed files read", String.join(", ", r.changedRead()));
        }
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
        for (Button b : List.of(md, html, json, copy)) {
            b.setDisable(stale != null);
        }
        buttons.setAlignment(Pos.CENTER_LEFT);
        content.getChildren().addAll(heading("Export"), sign, buttons, status);
        Label keep = new Label("Unsigned, the SHA-256 detects accidental edits only: anyone who edits the file can recompute"
                + " it. Signed, greenlight verify-record --allowed-signers FILE (or ssh-keygen -Y verify) shows who made it"
                + " and that nobody changed it; verify-record also derives the decision again from the items.");
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
        boolean signed = sign.isSelected();
        GoNoGoRecord r = model.recordProperty().get();
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            if (!signed) {
                return null;
            }
            try {
                return SigningKeys.resolve(new SshSigner(), null, null, r == null || r.checkout() == null ? null : Path.of(r.checkout()));
            } catch (SshSigner.SigningException e) {
                throw new IllegalStateException("Could not sign: " + e.getMessage(), e);
            }
        }, background).thenCompose(key -> model.exportRecord(file, background, key))
                .whenComplete((w, e) -> fx.execute(() -> status.setText(e == null
                        ? "Saved " + file + (w.signer() == null ? "." : " and its signature " + RecordFiles.signatureOf(file).getFileName()
                        + ", signed by " + w.signer().principal() + " (the signer is part of the record: its SHA-256 is " + w.sha256() + ").")
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

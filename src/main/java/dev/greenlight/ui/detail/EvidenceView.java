package dev.greenlight.ui.detail;

import dev.greenlight.engine.Evidence;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One piece of evidence: what it is about, where it was found (a link that opens the file at the
 * line, or the AWS console for a resource), the text seen, and for file:line evidence a snippet of
 * the file around the line, read in the background, with the line highlighted.
 */
public final class EvidenceView extends VBox {

    public EvidenceView(Evidence e, DetailContext ctx, java.util.function.Function<String, String> consoleUrl) {
        getStyleClass().add("evidence");
        setSpacing(3);
        Label subject = new Label(e.subject() == null ? "" : e.subject());
        subject.getStyleClass().add("evidence-subject");
        // where it was found matters more than the subject: the subject gives way when space is short
        subject.setMinWidth(60);
        HBox head = new HBox(8, subject);
        head.setAlignment(Pos.CENTER_LEFT);
        if (e.file() != null) {
            Hyperlink where = new Hyperlink(e.where());
            where.getStyleClass().addAll("evidence-where", "mono");
            where.setTooltip(new Tooltip("Open in your editor"));
            where.setOnAction(a -> ctx.openFile(e.file(), e.line() == null ? 1 : e.line()));
            where.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            head.getChildren().add(where);
        }
        getChildren().add(head);
        if (e.resource() != null || (e.file() == null && e.subject() != null && e.region() != null)) {
            VBox aws = new VBox(2);
            aws.getStyleClass().add("evidence-aws");
            aws.getChildren().add(kv("API call", e.subject()));
            if (e.resource() != null) {
                String url = consoleUrl.apply(e.resource());
                if (url != null) {
                    Hyperlink res = new Hyperlink(e.resource());
                    res.getStyleClass().add("mono");
                    res.setTooltip(new Tooltip("Open in the AWS console"));
                    res.setOnAction(a -> ctx.openUrl(url));
                    HBox row = new HBox(6, key("Resource"), res);
                    row.setAlignment(Pos.CENTER_LEFT);
                    aws.getChildren().add(row);
                } else {
                    aws.getChildren().add(kv("Resource", e.resource()));
                }
            }
            if (e.region() != null) {
                aws.getChildren().add(kv("Region", e.region()));
            }
            getChildren().add(aws);
        }
        if (e.file() != null && e.line() != null) {
            VBox snippet = new VBox();
            snippet.getStyleClass().add("snippet");
            Label loading = new Label("Reading " + e.file() + "…");
            loading.getStyleClass().add("muted");
            snippet.getChildren().add(loading);
            getChildren().add(snippet);
            ctx.background().execute(() -> {
                Snippet s = Snippet.read(ctx.checkout(), e.file(), e.line(), 3);
                ctx.fx().execute(() -> fill(snippet, s, e));
            });
        } else if (e.text() != null && !e.text().isBlank()) {
            Label text = new Label(e.text());
            text.setWrapText(true);
            text.getStyleClass().addAll("evidence-text", "mono");
            getChildren().add(text);
        }
    }

    private static void fill(VBox box, Snippet s, Evidence e) {
        box.getChildren().clear();
        if (s.problem() != null) {
            Label p = new Label(s.problem() + (e.text() == null ? "" : ". At the run the line read: " + e.text()));
            p.setWrapText(true);
            p.getStyleClass().add("muted");
            box.getChildren().add(p);
            if (s.lines().isEmpty()) {
                return;
            }
        }
        int width = String.valueOf(s.firstLine() + s.lines().size()).length();
        for (int i = 0; i < s.lines().size(); i++) {
            int n = s.firstLine() + i;
            Label num = new Label(String.format("%" + width + "d", n));
            num.getStyleClass().addAll("snippet-number", "mono");
            Label text = new Label(s.lines().get(i).replace("\t", "    "));
            text.getStyleClass().addAll("snippet-text", "mono");
            HBox row = new HBox(10, num, text);
            row.getStyleClass().add("snippet-line");
            if (n == s.hit()) {
                row.getStyleClass().add("snippet-hit");
            }
            box.getChildren().add(row);
        }
    }

    private static Label key(String k) {
        Label l = new Label(k);
        l.getStyleClass().add("kv-key");
        l.setMinWidth(70);
        return l;
    }

    private static HBox kv(String k, String v) {
        Label value = new Label(v == null ? "" : v);
        value.getStyleClass().add("mono");
        value.setWrapText(true);
        HBox row = new HBox(6, key(k), value);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}

package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Status;
import dev.greenlight.signoff.SignOff;

import java.io.IOException;
import java.io.Writer;

/**
 * The record as one self-contained HTML page: inline CSS, no scripts, no external resources,
 * laid out to print on A4. Every text is HTML-escaped.
 */
public final class HtmlRecordWriter implements RecordWriter {
    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.6em}h1 .go{color:#17692c}h1 .nogo{color:#b3261e}
            table.facts td{padding:2px 12px 2px 0;vertical-align:top}table.facts td:first-child{color:#666}
            .item{border-left:4px solid #ccc;padding:4px 10px;margin:8px 0;page-break-inside:avoid}
            .PASS,.DONE{border-color:#2e7d32}.WARN{border-color:#f9a825}.FAIL,.ERROR{border-color:#c62828}
            .SKIP{border-color:#9e9e9e}.MANUAL{border-color:#0277bd}
            .status{font-weight:bold;font-family:monospace}.ev{font-family:monospace;font-size:12px;white-space:pre-wrap;color:#444}
            .hash{font-family:monospace;word-break:break-all}
            @media print{body{margin:1cm}}
            """;

    @Override
    public void write(GoNoGoRecord r, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        out.write("<title>" + esc(r.decision() + ": " + r.checklistTitle()) + "</title>\n<style>" + CSS + "</style></head>\n<body>\n");
        out.write("<h1><span class=\"" + (r.go() ? "go" : "nogo") + "\">" + r.decision() + "</span> "
                + esc(r.checklistTitle()) + "</h1>\n<table class=\"facts\">\n");
        fact(out, "Checklist", r.checklistId() + (r.checklistVersion() == null ? "" : " " + r.checklistVersion()));
        fact(out, "Checkout", r.checkout());
        fact(out, "HEAD", r.gitSha());
        fact(out, "Verdicts about", r.gitSha() == null ? "a checkout outside git" : r.gitDirty()
                ? "the working tree, which differs from HEAD (uncommitted changes)" : "HEAD (the working tree matched it)");
        if (!r.changedRead().isEmpty()) {
            fact(out, "Changed files read", String.join(", ", r.changedRead()));
        }
        fact(out, "AWS account", r.awsAccount());
        fact(out, "AWS region", r.awsRegion());
        fact(out, "Stage", r.stage());
        fact(out, "Run started", r.startedAt().toString());
        fact(out, "Recorded", r.recordedAt() + " by " + r.recordedBy());
        fact(out, "Summary", MarkdownRecordWriter.summary(r));
        out.write("<tr><td>SHA-256</td><td class=\"hash\">" + esc(r.sha256()) + "</td></tr>\n");
        fact(out, "Integrity", r.signer() == null ? GoNoGoRecord.UNSIGNED
                : "Signed with an SSH key by " + r.signer().principal() + "; signature in FILE.sig");
        out.write("</table>\n");
        var errors = RecordRules.errors(r.items());
        if (!errors.isEmpty()) {
            out.write("<h2>Errors</h2>\n<ul>\n");
            for (var e : errors.entrySet()) {
                out.write("<li>" + esc(e.getKey()) + " <small>(" + esc(String.join(", ", e.getValue())) + ")</small></li>\n");
            }
            out.write("</ul>\n");
        }
        if (!r.blockers().isEmpty()) {
            out.write("<h2>Blockers</h2>\n<ul>\n");
            for (String b : r.blockers()) {
                out.write("<li>" + esc(b) + "</li>\n");
            }
            out.write("</ul>\n");
        }
        out.write("<h2>Items</h2>\n");
        String section = null;
        for (GoNoGoRecord.RecordItem i : r.items()) {
            if (!i.section().equals(section)) {
                section = i.section();
                out.write("<h3>" + esc(section) + "</h3>\n");
            }
            Status s = i.status();
            out.write("<div class=\"item " + s.name() + "\"><span class=\"status\">" + s.name() + "</span> "
                    + esc(i.title()) + " <small>[" + esc(i.id()) + "]</small><br>" + esc(i.reason()) + "\n");
            if (i.expected() != null || i.actual() != null) {
                out.write("<div class=\"ev\">expected: " + esc(i.expected()) + "\n but was: " + esc(i.actual()) + "</div>\n");
            }
            for (Evidence e : i.evidence()) {
                String where = e.where().isEmpty() ? e.subject() : e.where();
                out.write("<div class=\"ev\">at " + esc(where)
                        + (e.text() == null || e.text().isBlank() ? "" : "  " + esc(e.text())) + "</div>\n");
            }
            for (String n : i.notes()) {
                out.write("<div class=\"ev\">note: " + esc(n) + "</div>\n");
            }
            out.write("</div>\n");
        }
        if (!r.notRun().isEmpty()) {
            out.write("<h2>Not run</h2>\n<ul>\n");
            for (GoNoGoRecord.NotRun n : r.notRun()) {
                out.write("<li>" + esc(n.title()) + " [" + esc(n.id()) + "]</li>\n");
            }
            out.write("</ul>\n");
        }
        out.write("<h2>Sign-offs</h2>\n");
        if (r.signOffs().isEmpty()) {
            out.write("<p>None.</p>\n");
        } else {
            out.write("<ul>\n");
            for (SignOff so : r.signOffs()) {
                out.write("<li>[" + esc(so.itemId()) + "] by " + esc(so.who())
                        + (so.awsCallerArn() == null ? "" : " (" + esc(so.awsCallerArn()) + ")")
                        + " at " + esc(so.at().toString()) + (so.note().isBlank() ? "" : ": " + esc(so.note())) + "</li>\n");
            }
            out.write("</ul>\n");
        }
        out.write("</body></html>\n");
    }

    private static void fact(Writer out, String k, String v) throws IOException {
        out.write("<tr><td>" + esc(k) + "</td><td>" + esc(v) + "</td></tr>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}

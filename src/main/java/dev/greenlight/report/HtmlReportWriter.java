package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Section;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A self-contained, printable HTML page: inline CSS, no scripts, no external resources. */
public final class HtmlReportWriter implements ReportWriter {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:60rem;color:#1b1f24;padding:0 1rem}
            h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:2rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
            table.ctx{border-collapse:collapse;margin:.5rem 0 1rem}table.ctx td{padding:.15rem .75rem .15rem 0;vertical-align:top}
            code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#f6f8fa;padding:0 .2rem;border-radius:3px;word-break:break-all}
            .item{border-left:4px solid #d0d7de;padding:.35rem .75rem;margin:.4rem 0;break-inside:avoid}
            .badge{display:inline-block;min-width:4.5rem;font-weight:600;font-size:12px}
            .PASS,.DONE{border-color:#1a7f37}.PASS .badge,.DONE .badge{color:#1a7f37}
            .WARN{border-color:#9a6700}.WARN .badge{color:#9a6700}
            .FAIL,.ERROR{border-color:#cf222e;background:#fff5f5}.FAIL .badge,.ERROR .badge{color:#cf222e}
            .SKIP{border-color:#8c959f}.SKIP .badge{color:#57606a}.MANUAL{border-color:#0969da}.MANUAL .badge{color:#0969da}
            .reason{margin:.15rem 0}.ev,.note{margin:.1rem 0 .1rem 1rem;color:#57606a;font-size:13px}
            .summary{font-weight:600}@media print{body{margin:0}.item{background:none}}
            """;

    @Override
    public void write(RunReport report, Checklist checklist, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + esc(report.checklistTitle())
                + " — Greenlight</title>\n<style>" + CSS + "</style></head><body>\n");
        out.write("<h1>" + esc(report.checklistTitle()) + "</h1>\n<table class=\"ctx\">\n");
        row(out, "checklist", report.checklistId() + (report.checklistVersion() == null ? "" : " " + report.checklistVersion()));
        for (Map.Entry<String, String> e : new TreeMap<>(report.context()).entrySet()) {
            row(out, e.getKey(), e.getValue());
        }
        row(out, "started", report.startedAt().toString());
        out.write("</table>\n<p class=\"summary\">" + esc(TextReportWriter.summaryLine(report)) + "</p>\n");
        for (Section section : checklist.sections()) {
            List<ItemResult> rs = report.results().stream().filter(r -> r.sectionId().equals(section.id())).toList();
            if (rs.isEmpty()) {
                continue;
            }
            out.write("<h2>" + esc(section.title()) + "</h2>\n");
            for (ItemResult r : rs) {
                Status s = r.status();
                out.write("<div class=\"item " + s + "\" id=\"" + esc(r.itemId()) + "\"><span class=\"badge\">" + s.label() + "</span> <b>"
                        + esc(r.title()) + "</b>" + esc(TextReportWriter.marks(r)) + "\n<p class=\"reason\">" + esc(r.result().reason()) + "</p>\n");
                if (s != Status.PASS && (r.result().expected() != null || r.result().actual() != null)) {
                    out.write("<p class=\"ev\">expected <code>" + esc(r.result().expected()) + "</code> but was <code>"
                            + esc(r.result().actual()) + "</code></p>\n");
                }
                for (Evidence e : r.result().evidence()) {
                    String where = e.where().isEmpty() ? e.subject() : e.where();
                    out.write("<p class=\"ev\">at <code>" + esc(where) + "</code>"
                            + (e.text() == null || e.text().isBlank() ? "" : " <code>" + esc(e.text().strip()) + "</code>") + "</p>\n");
                }
                for (String n : r.result().notes()) {
                    out.write("<p class=\"note\">note: " + esc(n) + "</p>\n");
                }
                out.write("</div>\n");
            }
        }
        out.write("</body></html>\n");
    }

    private static void row(Writer out, String k, String v) throws IOException {
        out.write("<tr><td>" + esc(k) + "</td><td><code>" + esc(v) + "</code></td></tr>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}

package dev.greenlight.report;

import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;

import java.io.IOException;
import java.io.Writer;

/** Writes a run as one report format. */
public interface ReportWriter {
    void write(RunReport report, Checklist checklist, Writer out) throws IOException;

    /** The writer for a CLI format name: text, json, junit, md, html, sarif. */
    static ReportWriter forFormat(String format, boolean colour) {
        return switch (format) {
            case "text" -> new TextReportWriter(colour);
            case "json" -> new JsonReportWriter();
            case "junit" -> new JunitReportWriter();
            case "md", "markdown" -> new MarkdownReportWriter();
            case "html" -> new HtmlReportWriter();
            case "sarif" -> new SarifReportWriter();
            default -> throw new IllegalArgumentException("unknown format '" + format + "' (text, json, junit, md, html, sarif)");
        };
    }
}

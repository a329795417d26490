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

/** Markdown for a pull request or a chat: a summary table, then each section with its items. */
public final class MarkdownReportWriter implements ReportWriter {

    @Override
    public void write(RunReport report, Checklist checklist, Writer out) throws IOException {
        out.write("# " + inline(report.checklistTitle()) + "\n\n");
        out.write("| | |\n|---|---|\n");
        out.write("| checklist | `" + report.checklistId() + "`" + (report.checklistVersion() == null ? "" : " " + report.checklistVersion()) + " |\n");
        for (Map.Entry<String, String> e : new TreeMap<>(report.context()).entrySet()) {
            out.write("| " + inline(e.getKey()) + " | `" + code(e.getValue()) + "` |\n");
        }
        String about = TextReportWriter.verdictsAbout(report.context());
        if (about != null) {
            out.write("| verdicts about | " + inline(about) + " |\n");
        }
        out.write("| started | " + report.startedAt() + " |\n");
        out.write("| verdict | **" + TextReportWriter.summaryLine(report) + "** |\n\n");
        for (Section section : checklist.sections()) {
            List<ItemResult> rs = report.results().stream().filter(r -> r.sectionId().equals(section.id())).toList();
            if (rs.isEmpty()) {
                continue;
            }
            out.write("## " + inline(section.title()) + "\n\n");
            for (ItemResult r : rs) {
                out.write("- " + icon(r.status()) + " **" + r.status().label() + "** " + inline(r.title())
                        + inline(TextReportWriter.marks(r)) + " — " + inline(r.result().reason()) + "\n");
                if (r.status() != Status.PASS && (r.result().expected() != null || r.result().actual() != null)) {
                    out.write("  - expected: `" + code(r.result().expected()) + "` but was: `" + code(r.result().actual()) + "`\n");
                }
                for (Evidence e : r.result().evidence()) {
                    String where = e.where().isEmpty() ? e.subject() : e.where();
                    out.write("  - at `" + code(where) + "`" + (e.text() == null || e.text().isBlank() ? "" : ": `" + code(oneLine(e.text())) + "`") + "\n");
                }
                for (String n : r.result().notes()) {
                    out.write("  - note: " + inline(n) + "\n");
                }
            }
            out.write("\n");
        }
    }

    private static String icon(Status s) {
        return switch (s) {
            case PASS, DONE -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
            case ERROR -> "🛑";
            case SKIP -> "⏭️";
            case MANUAL -> "✋";
            case NO_DATA -> "❔";
        };
    }

    /** Escapes Markdown punctuation that would change meaning in running text. */
    static String inline(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
                .replace("`", "\\`").replace("<", "&lt;").replace("[", "\\[").replace("\n", " ");
    }

    /** Inside backticks only backticks and table pipes matter. */
    static String code(String s) {
        return s == null ? "-" : s.replace("`", "'").replace("|", "\\|").replace("\n", " ");
    }

    private static String oneLine(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 200 ? t.substring(0, 197) + "..." : t;
    }
}

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
import java.util.stream.Collectors;

/** The human report: sections, one line per item, evidence and notes under failures. */
public final class TextReportWriter implements ReportWriter {
    private final boolean colour;

    public TextReportWriter(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void write(RunReport report, Checklist checklist, Writer out) throws IOException {
        out.write(bold(report.checklistTitle()) + " (" + report.checklistId()
                + (report.checklistVersion() == null ? "" : " " + report.checklistVersion()) + ")\n");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(report.context()).entrySet()) {
            out.write("  " + e.getKey() + ": " + e.getValue() + "\n");
        }
        Map<String, List<ItemResult>> bySection = report.results().stream()
                .collect(Collectors.groupingBy(ItemResult::sectionId, java.util.LinkedHashMap::new, Collectors.toList()));
        for (Section section : checklist.sections()) {
            List<ItemResult> rs = bySection.get(section.id());
            if (rs == null) {
                continue;
            }
            out.write("\n" + bold(section.title()) + "\n");
            for (ItemResult r : rs) {
                out.write("  " + badge(r.status()) + " " + r.title() + "  [" + r.itemId() + "]\n");
                out.write("         " + r.result().reason() + "\n");
                boolean detailed = r.status() != Status.PASS && r.status() != Status.MANUAL && r.status() != Status.DONE;
                if (detailed && (r.result().expected() != null || r.result().actual() != null)) {
                    out.write("         expected: " + nullToDash(r.result().expected()) + "\n");
                    out.write("          but was: " + nullToDash(r.result().actual()) + "\n");
                }
                List<Evidence> ev = r.result().evidence();
                int shown = detailed ? ev.size() : Math.min(1, ev.size());
                for (int i = 0; i < shown; i++) {
                    Evidence e = ev.get(i);
                    String where = e.where();
                    out.write("         " + dim("at " + (where.isEmpty() ? e.subject() : where)
                            + (e.text() == null || e.text().isBlank() ? "" : "  " + oneLine(e.text()))) + "\n");
                }
                for (String n : r.result().notes()) {
                    out.write("         " + dim("note: " + n) + "\n");
                }
            }
        }
        out.write("\n" + summaryLine(report) + "\n");
    }

    static String summaryLine(RunReport report) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Status, Integer> e : report.summary().entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey());
            }
        }
        return sb + " in " + report.durationMs() + " ms";
    }

    private String badge(Status s) {
        String text = String.format("%-6s", s.name());
        if (!colour) {
            return text;
        }
        String code = switch (s) {
            case PASS, DONE -> "32";
            case WARN -> "33";
            case FAIL, ERROR -> "31;1";
            case SKIP -> "90";
            case MANUAL -> "36";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    private String bold(String s) {
        return colour ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    private String dim(String s) {
        return colour ? "\u001b[2m" + s + "\u001b[0m" : s;
    }

    private static String oneLine(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}

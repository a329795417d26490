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

    /**
     * "HEAD 334fdc8" or "the working tree, not HEAD 334fdc8: …" when files the run read differ from
     * the commit a CI deploy builds; null when the run did not say (not a git checkout).
     */
    static String verdictsAbout(Map<String, String> ctx) {
        String sha = ctx.get("git.sha");
        if (sha == null || !ctx.containsKey("git.dirty")) {
            return null;
        }
        String shortSha = sha.substring(0, Math.min(7, sha.length()));
        String changed = ctx.getOrDefault("git.changedRead", "");
        if (!Boolean.parseBoolean(ctx.get("git.dirty")) && changed.isBlank()) {
            return "HEAD " + shortSha + " (the working tree matches it)";
        }
        return "the working tree, not HEAD " + shortSha + ": it has uncommitted changes"
                + (changed.isBlank() ? " (none in the files this run read)" : "; changed files this run read: " + changed);
    }

    @Override
    public void write(RunReport report, Checklist checklist, Writer out) throws IOException {
        out.write(bold(report.checklistTitle()) + " (" + report.checklistId()
                + (report.checklistVersion() == null ? "" : " " + report.checklistVersion()) + ")\n");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(report.context()).entrySet()) {
            out.write("  " + e.getKey() + ": " + e.getValue() + "\n");
        }
        String about = verdictsAbout(report.context());
        if (about != null) {
            out.write("  " + bold("verdicts about: " + about) + "\n");
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
                out.write("  " + badge(r.status()) + " " + r.title() + "  [" + r.itemId() + "]" + marks(r) + "\n");
                out.write("         " + r.result().reason() + "\n");
                // SKIP and MANUAL say why in the reason; their expected/actual/evidence would only repeat it
                boolean detailed = r.status().blocksRelease() || r.status() == Status.WARN || r.status() == Status.NO_DATA;
                if (detailed && addsToReason(r.result())) {
                    out.write("         expected: " + nullToDash(r.result().expected()) + "\n");
                    out.write("          but was: " + nullToDash(r.result().actual()) + "\n");
                }
                List<Evidence> ev = r.result().evidence().stream().filter(e -> !repeatsReason(e, r.result().reason())).toList();
                int shown = detailed ? ev.size() : r.status().holds() ? Math.min(1, ev.size()) : 0;
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

    /** "(watching)" for a gate: false item; whether a NO DATA blocks. */
    static String marks(ItemResult r) {
        String m = r.watching() ? "  (watching: never blocks)" : "";
        if (r.status() == Status.NO_DATA) {
            m += r.blocking() ? "  (no data blocks a GO)" : "  (no data: a caveat, on-no-data: warn)";
        }
        return m;
    }

    /** Expected or actual says something the reason does not already say. */
    public static boolean addsToReason(dev.greenlight.engine.Result r) {
        String reason = r.reason() == null ? "" : r.reason();
        return r.expected() != null && !reason.contains(r.expected()) || r.actual() != null && !reason.contains(r.actual());
    }

    /** Evidence with no place of its own whose text is the reason again. */
    private static boolean repeatsReason(Evidence e, String reason) {
        boolean nowhere = e.where().isEmpty() && (e.subject() == null || e.subject().isBlank());
        return nowhere && (e.text() == null || e.text().isBlank() || reason != null && reason.contains(e.text().strip()));
    }

    static String summaryLine(RunReport report) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Status, Integer> e : report.summary().entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey().label());
            }
        }
        return sb + " in " + report.durationMs() + " ms";
    }

    private String badge(Status s) {
        String text = String.format("%-6s", s.label());
        if (!colour) {
            return text;
        }
        String code = switch (s) {
            case PASS, DONE -> "32";
            case WARN -> "33";
            case FAIL, ERROR -> "31;1";
            case SKIP -> "90";
            case NO_DATA -> "35";
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

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
import java.util.Locale;

/**
 * JUnit XML, so CI systems show each item as a test: FAIL is a failure, ERROR an error, SKIP and
 * MANUAL are skipped (MANUAL with the message "waiting for a person"), PASS/WARN/DONE pass.
 * One testsuite per section.
 */
public final class JunitReportWriter implements ReportWriter {

    @Override
    public void write(RunReport report, Checklist checklist, Writer out) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        var s = report.summary();
        out.write("<testsuites name=\"" + attr(report.checklistId()) + "\" tests=\"" + report.results().size()
                + "\" failures=\"" + count(report.results(), Kind.FAILURE) + "\" errors=\"" + count(report.results(), Kind.ERROR)
                + "\" skipped=\"" + count(report.results(), Kind.SKIPPED) + "\" time=\"" + seconds(report.durationMs()) + "\">\n");
        for (Section section : checklist.sections()) {
            List<ItemResult> rs = report.results().stream().filter(r -> r.sectionId().equals(section.id())).toList();
            if (rs.isEmpty()) {
                continue;
            }
            long failures = count(rs, Kind.FAILURE);
            long errors = count(rs, Kind.ERROR);
            long skipped = count(rs, Kind.SKIPPED);
            long time = rs.stream().mapToLong(ItemResult::durationMs).sum();
            out.write("  <testsuite name=\"" + attr(section.title()) + "\" id=\"" + attr(section.id()) + "\" tests=\""
                    + rs.size() + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped
                    + "\" time=\"" + seconds(time) + "\">\n");
            for (ItemResult r : rs) {
                out.write("    <testcase classname=\"" + attr(report.checklistId() + "." + section.id()) + "\" name=\""
                        + attr(r.itemId() + ": " + r.title()) + "\" time=\"" + seconds(r.durationMs()) + "\"");
                String body = details(r);
                String label = r.status().label() + (r.watching() ? " (watching: never blocks)" : "");
                switch (kind(r)) {
                    case FAILURE -> out.write(">\n      <failure message=\"" + attr(r.result().reason()) + "\" type=\""
                            + r.status().name() + "\">" + text(body) + "</failure>\n    </testcase>\n");
                    case ERROR -> out.write(">\n      <error message=\"" + attr(r.result().reason()) + "\" type=\"ERROR\">"
                            + text(body) + "</error>\n    </testcase>\n");
                    case SKIPPED -> out.write(">\n      <skipped message=\"" + attr(label + ": " + r.result().reason())
                            + "\"/>\n    </testcase>\n");
                    default -> out.write(">\n      <system-out>" + text(label + ": " + body) + "</system-out>\n    </testcase>\n");
                }
            }
            out.write("  </testsuite>\n");
        }
        out.write("</testsuites>\n");
    }

    private enum Kind { FAILURE, ERROR, SKIPPED, OUT }

    /**
     * A blocking NO DATA is a failure (the gate did not pass); one that only warns is skipped. A
     * watching item never fails the suite: its red verdicts are shown as skipped, labelled watching.
     */
    private static Kind kind(ItemResult r) {
        Status s = r.status();
        if (r.watching()) {
            return s.blocksRelease() || s == Status.NO_DATA || s == Status.SKIP || s == Status.MANUAL ? Kind.SKIPPED : Kind.OUT;
        }
        return switch (s) {
            case FAIL -> Kind.FAILURE;
            case ERROR -> Kind.ERROR;
            case NO_DATA -> r.blocking() ? Kind.FAILURE : Kind.SKIPPED;
            case SKIP, MANUAL -> Kind.SKIPPED;
            default -> Kind.OUT;
        };
    }

    private static long count(List<ItemResult> rs, Kind k) {
        return rs.stream().filter(r -> kind(r) == k).count();
    }

    private static String details(ItemResult r) {
        StringBuilder sb = new StringBuilder(r.result().reason());
        if (r.result().expected() != null || r.result().actual() != null) {
            sb.append("\nexpected: ").append(r.result().expected()).append("\n but was: ").append(r.result().actual());
        }
        for (Evidence e : r.result().evidence()) {
            sb.append("\nat ").append(e.where().isEmpty() ? e.subject() : e.where());
            if (e.text() != null) {
                sb.append("  ").append(e.text());
            }
        }
        r.result().notes().forEach(n -> sb.append("\nnote: ").append(n));
        return sb.toString();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped
                    if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000) {
                        sb.appendCodePoint(cp);
                    } else {
                        sb.append('\uFFFD');
                    }
                }
            }
        });
        return sb.toString();
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }
}

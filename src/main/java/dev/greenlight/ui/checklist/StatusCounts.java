package dev.greenlight.ui.checklist;

import dev.greenlight.engine.Status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How many items have each status; null statuses count as "not run". */
public record StatusCounts(Map<Status, Integer> counts, int notRun, int total) {
    /** Most urgent first: what a person should look at. */
    static final List<Status> URGENCY = List.of(Status.FAIL, Status.ERROR, Status.NO_DATA, Status.WARN, Status.MANUAL,
            Status.SKIP, Status.PASS, Status.DONE);

    public static StatusCounts of(Collection<Status> statuses) {
        Map<Status, Integer> m = new EnumMap<>(Status.class);
        int notRun = 0;
        for (Status s : statuses) {
            if (s == null) {
                notRun++;
            } else {
                m.merge(s, 1, Integer::sum);
            }
        }
        return new StatusCounts(m, notRun, statuses.size());
    }

    public int count(Status s) {
        return counts.getOrDefault(s, 0);
    }

    public Status worst() {
        return URGENCY.stream().filter(s -> count(s) > 0).findFirst().orElse(null);
    }

    /** "3/5 ok · 1 fail · 1 manual": ok counts PASS, WARN and DONE. */
    public String sectionSummary() {
        int ok = count(Status.PASS) + count(Status.WARN) + count(Status.DONE);
        List<String> parts = new ArrayList<>();
        parts.add(ok + "/" + total);
        for (Status s : List.of(Status.FAIL, Status.ERROR, Status.NO_DATA, Status.MANUAL, Status.SKIP)) {
            if (count(s) > 0) {
                parts.add(count(s) + " " + StatusGlyphs.label(s));
            }
        }
        return String.join(" · ", parts);
    }

    /** The status bar's line: every status with its count, then "not run". */
    public String statusLine() {
        List<String> parts = new ArrayList<>();
        for (Status s : Status.values()) {
            parts.add(StatusGlyphs.glyph(s) + " " + count(s) + " " + StatusGlyphs.label(s));
        }
        parts.add(notRun + " not run");
        return String.join("   ", parts);
    }
}

package dev.greenlight.ui.history;

import dev.greenlight.engine.Status;
import dev.greenlight.store.RunSummary;
import dev.greenlight.ui.charts.SectionVerdicts;

import java.util.ArrayList;
import java.util.List;

/** One run in the history list: its summary and its verdicts per section (for the bar). */
public record HistoryRow(RunSummary summary, List<SectionVerdicts> sections) {
    public HistoryRow {
        sections = List.copyOf(sections);
    }

    public String runId() {
        return summary.runId();
    }

    /** "11 pass · 1 fail · 2 manual": the statuses present, worst last. */
    public String counts() {
        List<String> parts = new ArrayList<>();
        for (Status s : List.of(Status.PASS, Status.DONE, Status.WARN, Status.SKIP, Status.NO_DATA, Status.MANUAL, Status.ERROR, Status.FAIL)) {
            int n = summary.counts().get(s);
            if (n > 0) {
                parts.add(n + " " + s.label().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return String.join(" · ", parts);
    }
}

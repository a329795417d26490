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

    /**
     * "1 fail · 2 manual · 11 pass": the statuses present, worst first, so a column too narrow for
     * all of them cuts the passes, not the fail count.
     */
    public String counts() {
        List<String> parts = new ArrayList<>();
        for (Status s : List.of(Status.FAIL, Status.ERROR, Status.NO_DATA, Status.MANUAL, Status.SKIP, Status.WARN, Status.DONE, Status.PASS)) {
            int n = summary.counts().get(s);
            if (n > 0) {
                parts.add(n + " " + s.label().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return String.join(" · ", parts);
    }
}

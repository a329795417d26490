package dev.greenlight.ui.walkthrough;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One report out of the runs of a walkthrough: the run-ahead of every item, then items the person
 * ran again. Each item keeps its newest verdict; the header facts of newer runs win, but a fact only
 * an older run knew (the AWS account, when a later run touched no AWS) is kept. The result is marked
 * cancelled when any verdict it keeps comes from a stopped run, so a stopped run never reads as GO.
 */
public final class MergedReport {
    private MergedReport() {
    }

    /** @param reports oldest first; null when empty */
    public static RunReport of(Checklist checklist, List<RunReport> reports) {
        if (reports.isEmpty()) {
            return null;
        }
        Map<String, ItemResult> newest = new LinkedHashMap<>();
        Map<String, RunReport> from = new LinkedHashMap<>();
        Map<String, String> context = new LinkedHashMap<>();
        Instant start = reports.get(0).startedAt();
        Instant end = start;
        for (RunReport r : reports) {
            for (ItemResult ir : r.results()) {
                newest.put(ir.itemId(), ir);
                from.put(ir.itemId(), r);
            }
            context.putAll(r.context());
            start = r.startedAt().isBefore(start) ? r.startedAt() : start;
            Instant e = r.startedAt().plusMillis(r.durationMs());
            end = e.isAfter(end) ? e : end;
        }
        List<ItemResult> results = new ArrayList<>();
        for (Item i : checklist.items().toList()) {
            ItemResult r = newest.get(i.id());
            if (r != null) {
                results.add(r);
            }
        }
        boolean cancelled = from.values().stream().anyMatch(RunReport::cancelled);
        RunReport last = reports.get(reports.size() - 1);
        return new RunReport(last.checklistId(), last.checklistTitle(), last.checklistVersion(), last.checklistSource(),
                last.checkout(), start, Math.max(0, end.toEpochMilli() - start.toEpochMilli()), context, results, cancelled);
    }
}

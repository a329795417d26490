package dev.greenlight.engine;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run found, in checklist order.
 *
 * @param context facts about what was looked at: checkout, git.sha, aws.account, aws.region, stage …
 */
public record RunReport(String checklistId, String checklistTitle, String checklistVersion, String checklistSource,
                        String checkout, Instant startedAt, long durationMs, Map<String, String> context,
                        List<ItemResult> results, boolean cancelled) {

    public RunReport {
        context = Map.copyOf(context);
        results = List.copyOf(results);
    }

    public Map<Status, Integer> summary() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    /** 0 = no FAIL or ERROR, 1 = at least one FAIL, 2 = an ERROR (the CLI contract). */
    public int exitCode() {
        Map<Status, Integer> s = summary();
        if (s.get(Status.ERROR) > 0) {
            return 2;
        }
        return s.get(Status.FAIL) > 0 ? 1 : 0;
    }
}

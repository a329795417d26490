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

    /**
     * 0 = nothing blocks, 1 = a FAIL or a blocking NO DATA, 2 = an ERROR (the CLI contract). Only
     * gating items count: a watching item ({@code gate: false}) never changes the exit code. A blocking
     * NO DATA is 1, not 0: the deploy was not shown to work, and CI must not read that as a pass; it
     * is not 2 either, because the check could evaluate and nothing was wrong with the input.
     */
    public int exitCode() {
        if (results.stream().anyMatch(r -> r.blocking() && r.status() == Status.ERROR)) {
            return 2;
        }
        return results.stream().anyMatch(ItemResult::blocking) ? 1 : 0;
    }
}

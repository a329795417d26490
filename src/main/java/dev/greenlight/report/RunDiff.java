package dev.greenlight.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two runs of a checklist (two moments, or two stages): items whose verdict
 * changed, with reason and evidence before and after, and items only one run has.
 *
 * <p>"Worse" follows how far a verdict is from a release: PASS and DONE, then WARN, then SKIP and
 * MANUAL (not verified), then FAIL and ERROR. A move between FAIL and ERROR is a change but not a
 * regression; an added item is a regression when it is FAIL or ERROR.
 */
public record RunDiff(RunReport before, RunReport after, List<Change> changes, int unchanged) {

    public enum Kind { CHANGED, ADDED, REMOVED }

    /** One item that differs; {@code before} is null for ADDED, {@code after} null for REMOVED. */
    public record Change(String itemId, String sectionId, String title, Kind kind, ItemResult before, ItemResult after) {

        public Status statusBefore() {
            return before == null ? null : before.status();
        }

        public Status statusAfter() {
            return after == null ? null : after.status();
        }

        public boolean regression() {
            return switch (kind) {
                case CHANGED -> rank(after.status()) > rank(before.status());
                case ADDED -> after.blocking();
                case REMOVED -> false;
            };
        }

        public boolean improvement() {
            return kind == Kind.CHANGED && rank(after.status()) < rank(before.status());
        }
    }

    public RunDiff {
        changes = List.copyOf(changes);
    }

    public static RunDiff between(RunReport before, RunReport after) {
        Map<String, ItemResult> old = new LinkedHashMap<>();
        before.results().forEach(r -> old.put(r.itemId(), r));
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (ItemResult a : after.results()) {
            ItemResult b = old.remove(a.itemId());
            if (b == null) {
                changes.add(new Change(a.itemId(), a.sectionId(), a.title(), Kind.ADDED, null, a));
            } else if (b.status() != a.status()) {
                changes.add(new Change(a.itemId(), a.sectionId(), a.title(), Kind.CHANGED, b, a));
            } else {
                unchanged++;
            }
        }
        for (ItemResult b : old.values()) {
            changes.add(new Change(b.itemId(), b.sectionId(), b.title(), Kind.REMOVED, b, null));
        }
        return new RunDiff(before, after, changes, unchanged);
    }

    public List<Change> regressions() {
        return changes.stream().filter(Change::regression).toList();
    }

    public boolean hasRegressions() {
        return changes.stream().anyMatch(Change::regression);
    }

    static int rank(Status s) {
        return switch (s) {
            case PASS, DONE -> 0;
            case WARN -> 1;
            // NO DATA ranks with "not checked": PASS -> NO DATA is a regression, SKIP -> NO DATA is not news
            case SKIP, MANUAL, NO_DATA -> 2;
            case FAIL, ERROR -> 3;
        };
    }

    /**
     * {@code {"before": {run}, "after": {run}, "unchanged": n, "regressions": n, "changes": [{itemId, section,
     * title, kind, regression, before: {status, reason, expected, actual, evidence[]}|null, after: …}]}}.
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schema", "greenlight-diff/1");
        root.set("before", run(before));
        root.set("after", run(after));
        root.put("unchanged", unchanged);
        root.put("regressions", regressions().size());
        ArrayNode arr = root.putArray("changes");
        for (Change c : changes) {
            ObjectNode o = arr.addObject();
            o.put("itemId", c.itemId());
            o.put("section", c.sectionId());
            o.put("title", c.title());
            o.put("kind", c.kind().name());
            o.put("regression", c.regression());
            o.set("before", verdict(c.before()));
            o.set("after", verdict(c.after()));
        }
        return root;
    }

    private static ObjectNode run(RunReport r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("checklistId", r.checklistId());
        o.put("startedAt", r.startedAt().toString());
        o.put("checkout", r.context().getOrDefault("checkout", r.checkout()));
        o.put("sha", r.context().get("git.sha"));
        o.put("account", r.context().get("aws.account"));
        o.put("stage", r.context().get("stage"));
        return o;
    }

    private static ObjectNode verdict(ItemResult r) {
        if (r == null) {
            return null;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("status", r.status().name());
        o.put("reason", r.result().reason());
        o.put("expected", r.result().expected());
        o.put("actual", r.result().actual());
        ArrayNode ev = o.putArray("evidence");
        for (Evidence e : r.result().evidence()) {
            ev.addObject().put("subject", e.subject()).put("where", e.where()).put("text", e.text());
        }
        return o;
    }
}

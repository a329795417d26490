package dev.greenlight.report;

import dev.greenlight.engine.Status;
import dev.greenlight.report.GoNoGoRecord.RecordItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a GO rests on (records of schema 3 and later). GO only when every gating item is green or
 * signed off; a run that checked none of the post-deploy items (no AWS credentials, no region) is
 * "GO (local only — N post-deploy items not checked: why)", never a plain GO, or NO-GO when the
 * checklist {@code requires: [post-deploy]}. Watching items ({@code gate: false}) never block.
 *
 * @param blockers   why it is NO-GO, one line each; empty for a GO
 * @param notChecked the gating post-deploy items a local-only GO did not check (empty otherwise)
 * @param why        the reasons they were not checked, shortest form ("No AWS region is configured")
 */
public record RecordDecision(List<String> blockers, List<String> notChecked, String why) {
    public static final String LOCAL_ONLY = "local-only";
    public static final String COMPLETE = "complete";

    public RecordDecision {
        blockers = List.copyOf(blockers);
        notChecked = List.copyOf(notChecked);
    }

    public boolean go() {
        return blockers.isEmpty();
    }

    /** "GO", "GO (local only — 18 post-deploy items not checked: No AWS region is configured)" or "NO-GO". */
    public String text() {
        if (!go()) {
            return "NO-GO";
        }
        return notChecked.isEmpty() ? "GO" : "GO (local only — " + notChecked.size() + " post-deploy item"
                + (notChecked.size() == 1 ? "" : "s") + " not checked: " + why + ")";
    }

    /** "complete" or "local-only" (a GO that did not look at the deployed system); null for NO-GO. */
    public String basis() {
        return !go() ? null : notChecked.isEmpty() ? COMPLETE : LOCAL_ONLY;
    }

    static RecordDecision of(List<RecordItem> items, List<String> notRun, boolean cancelled, boolean requiresPostDeploy) {
        List<String> out = new ArrayList<>();
        if (cancelled) {
            out.add("The run was stopped before every item finished.");
        }
        List<RecordItem> gating = items.stream().filter(RecordItem::gate).toList();
        List<RecordItem> postDeploy = gating.stream().filter(RecordItem::postDeploy).toList();
        List<RecordItem> unchecked = postDeploy.stream().filter(i -> i.status() == Status.SKIP).toList();
        // Local only: the run looked at none of the deployed system. A post-deploy item skipped while
        // others were checked is an item not checked like any other (sign it off or let it run).
        boolean localOnly = !unchecked.isEmpty() && unchecked.size() == postDeploy.size();
        java.util.Set<String> groupsDone = new java.util.LinkedHashSet<>();
        for (RecordItem i : gating) {
            if (i.status().blocksRelease()) {
                out.add(i.id() + ": " + i.status() + " - " + i.reason());
            } else if (i.status() == Status.NO_DATA && i.noDataBlocks()) {
                out.add(i.id() + ": NO DATA (on-no-data: block) - " + i.reason());
            } else if (i.oneOf() != null) {
                if (groupsDone.add(i.oneOf()) && !RecordRules.groupMet(items, i.oneOf())) {
                    out.add(i.oneOf() + ": waiting for a sign-off of one of " + RecordRules.alternatives(items, i.oneOf()));
                }
            } else if (i.status() == Status.MANUAL) {
                out.add(i.id() + ": waiting for a sign-off");
            } else if (i.status() == Status.SKIP && !(localOnly && i.postDeploy())) {
                out.add(i.id() + ": not checked (SKIP) - " + i.reason() + " Let it run, or sign it off with a note.");
            }
        }
        String why = reasons(unchecked);
        if (localOnly && requiresPostDeploy) {
            out.add(unchecked.size() + " post-deploy items not checked (" + why
                    + "), and the checklist requires post-deploy: run it with AWS credentials and a region.");
        }
        notRun.forEach(n -> out.add(n + ": not run"));
        return new RecordDecision(out, localOnly && out.isEmpty() ? unchecked.stream().map(RecordItem::id).toList() : List.of(), why);
    }

    /** Caveats of a schema-3 record: WARN, a NO DATA that only warns, watching items not green, unchecked post-deploy items. */
    static List<String> caveats(List<RecordItem> items) {
        List<String> out = new ArrayList<>();
        for (RecordItem i : items) {
            if (!i.gate()) {
                if (i.status() != Status.PASS && i.status() != Status.DONE) {
                    out.add(i.id() + ": " + i.status().label() + " (watching, gate: false; never blocks) - " + i.reason());
                }
            } else if (i.status() == Status.WARN) {
                out.add(i.id() + ": WARN - " + i.reason());
            } else if (i.status() == Status.NO_DATA && !i.noDataBlocks()) {
                out.add(i.id() + ": NO DATA (on-no-data: warn) - " + i.reason());
            } else if (i.status() == Status.SKIP && i.postDeploy()) {
                out.add(i.id() + ": SKIP (post-deploy, not checked) - " + i.reason());
            }
        }
        return out;
    }

    /** The distinct reasons, each cut at its first ':' or ';' or '.', most frequent first, with counts when several. */
    private static String reasons(List<RecordItem> unchecked) {
        Map<String, Long> counts = unchecked.stream().collect(Collectors.groupingBy(i -> shortReason(i.reason()),
                LinkedHashMap::new, Collectors.counting()));
        if (counts.size() == 1) {
            return counts.keySet().iterator().next();
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "));
    }

    static String shortReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "skipped";
        }
        String r = reason.strip();
        if (r.startsWith("Cannot resolve ${") && r.indexOf("}: ") > 0) {
            r = r.substring(r.indexOf("}: ") + 3); // "Cannot resolve ${aws.account}: No AWS region ..." says why after the name
        }
        int cut = r.length();
        for (char c : new char[]{':', ';', '.'}) {
            int i = r.indexOf(c);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        return r.substring(0, cut).strip();
    }
}

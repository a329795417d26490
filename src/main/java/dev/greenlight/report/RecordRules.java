package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Status;
import dev.greenlight.report.GoNoGoRecord.RecordItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a record's decision follows from its items, written once: the record is built with these rules
 * and {@code verify-record} applies them again to the file. One-of groups are one requirement: a
 * group waits until one of its members holds, and its other waiting members are neither blockers
 * nor caveats. A red member is a blocker whatever its group does.
 *
 * <p>These are the rules of records of schema 1 and 2, kept so old records verify as they were
 * made; schema 3 adds NO DATA, watching items and what a GO rests on ({@link RecordDecision}).
 */
public final class RecordRules {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private RecordRules() {
    }

    public static List<String> blockers(List<RecordItem> items, List<String> notRun, boolean cancelled) {
        List<String> out = new ArrayList<>();
        if (cancelled) {
            out.add("The run was stopped before every item finished.");
        }
        Set<String> groupsDone = new LinkedHashSet<>();
        for (RecordItem i : items) {
            if (i.status().blocksRelease()) {
                out.add(i.id() + ": " + i.status() + " - " + i.reason());
            } else if (i.oneOf() != null) {
                if (groupsDone.add(i.oneOf()) && !groupMet(items, i.oneOf())) {
                    out.add(i.oneOf() + ": waiting for a sign-off of one of " + alternatives(items, i.oneOf()));
                }
            } else if (i.status() == Status.MANUAL) {
                out.add(i.id() + ": waiting for a sign-off");
            }
        }
        notRun.forEach(n -> out.add(n + ": not run"));
        return out;
    }

    public static List<String> caveats(List<RecordItem> items) {
        return items.stream()
                .filter(i -> i.status() == Status.WARN || i.status() == Status.SKIP)
                .filter(i -> i.oneOf() == null || i.status() == Status.WARN || !groupMet(items, i.oneOf()))
                .map(i -> i.id() + ": " + i.status() + " - " + i.reason()).toList();
    }

    static boolean groupMet(List<RecordItem> items, String group) {
        return items.stream().anyMatch(i -> group.equals(i.oneOf())
                && (i.status() == Status.PASS || i.status() == Status.WARN || i.status() == Status.DONE));
    }

    static String alternatives(List<RecordItem> items, String group) {
        List<String> ids = items.stream().filter(i -> group.equals(i.oneOf())).map(RecordItem::id).toList();
        return ids.size() < 2 ? String.join("", ids)
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }

    /** Each distinct ERROR message once, with the items that gave it. */
    public static Map<String, List<String>> errors(List<RecordItem> items) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (RecordItem i : items) {
            if (i.verdictStatus() == Status.ERROR) {
                out.computeIfAbsent(i.verdictReason() == null ? "(no message)" : i.verdictReason(), k -> new ArrayList<>()).add(i.id());
            }
        }
        return out;
    }

    /** An image digest a check saw (ECR, Lambda), with where. */
    public record Digest(String item, String digest, String where) {
    }

    /** Every image digest ({@code sha256:…}) in the items' evidence or actual values, once per item. */
    public static List<Digest> imageDigests(List<RecordItem> items) {
        List<Digest> out = new ArrayList<>();
        for (RecordItem i : items) {
            Set<String> seen = new LinkedHashSet<>();
            for (Evidence e : i.evidence()) {
                find(e.text(), seen, d -> out.add(new Digest(i.id(), d, e.resource() != null ? e.resource()
                        : e.where().isEmpty() ? e.subject() : e.where())));
            }
            find(i.actual(), seen, d -> out.add(new Digest(i.id(), d, "actual value")));
        }
        return out;
    }

    private static void find(String text, Set<String> seen, java.util.function.Consumer<String> add) {
        if (text == null) {
            return;
        }
        Matcher m = DIGEST.matcher(text);
        while (m.find()) {
            if (seen.add(m.group())) {
                add.accept(m.group());
            }
        }
    }
}

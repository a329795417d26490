package dev.greenlight.ui.checklist;

import dev.greenlight.model.Item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Says why a verdict no longer describes what the app is pointed at. A run's context is a flat map:
 * {@code var:NAME} for each variable, {@code checkout}, {@code aws.profile}, {@code aws.region},
 * {@code aws.endpoint}, and {@code check} for the item's definition. A verdict whose map differs
 * from the current one is stale until the item runs again.
 */
public final class StaleNote {
    static final String CHECK = "check";

    private StaleNote() {
    }

    /** The current context as it applies to one item: the shared facts plus the item's check definition. */
    static Map<String, String> forItem(Map<String, String> context, Item item) {
        Map<String, String> m = new LinkedHashMap<>(context);
        m.put(CHECK, item.check() == null ? "" : item.check().type() + " " + item.check().params()
                + (item.check().timeoutSeconds() == null ? "" : " timeout=" + item.check().timeoutSeconds())
                + (item.check().failAsWarn() ? " fail-as=warn" : ""));
        return m;
    }

    /**
     * "From an earlier run with stage=dev (now stage=prod)." or null when nothing differs (or the
     * verdict's context is unknown: results saved before contexts were recorded are taken as current).
     */
    static String describe(Map<String, String> then, Map<String, String> now) {
        if (then == null || then.isEmpty()) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>(now.keySet());
        keys.addAll(then.keySet());
        List<String> was = new ArrayList<>();
        List<String> is = new ArrayList<>();
        boolean checkChanged = false;
        for (String k : keys) {
            String a = blank(then.get(k));
            String b = blank(now.get(k));
            if (Objects.equals(a, b)) {
                continue;
            }
            if (k.equals(CHECK)) {
                // a checklist saved before this key existed has no definition to compare
                checkChanged = then.containsKey(CHECK);
                continue;
            }
            was.add(label(k) + "=" + show(a));
            is.add(label(k) + "=" + show(b));
        }
        if (checkChanged) {
            was.add("an earlier version of this check");
        }
        if (was.isEmpty()) {
            return null;
        }
        return "From an earlier run with " + String.join(", ", was)
                + (is.isEmpty() ? "" : " (now " + String.join(", ", is) + ")") + ". Run it again to check the current target.";
    }

    private static String label(String key) {
        if (key.startsWith("var:")) {
            return key.substring(4);
        }
        return switch (key) {
            case "aws.profile" -> "AWS profile";
            case "aws.region" -> "AWS region";
            case "aws.endpoint" -> "AWS endpoint";
            default -> key;
        };
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static String show(String s) {
        return s.isEmpty() ? "(not set)" : s;
    }
}

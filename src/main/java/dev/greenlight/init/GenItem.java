package dev.greenlight.init;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One generated checklist item, kept as the ordered map it is written as. */
final class GenItem {
    private final Map<String, Object> map = new LinkedHashMap<>();
    private final Map<String, Object> check = new LinkedHashMap<>();
    private final List<Map<String, Object>> troubleshoot = new ArrayList<>();

    GenItem(String id, String title) {
        map.put("id", id);
        map.put("title", title);
    }

    String id() {
        return (String) map.get("id");
    }

    GenItem why(String why) {
        map.put("why", why);
        return this;
    }

    GenItem manual() {
        map.put("manual", true);
        return this;
    }

    GenItem check(String type) {
        check.put("type", type);
        return this;
    }

    GenItem with(String key, Object value) {
        check.put(key, value);
        return this;
    }

    GenItem symptoms(String... regexes) {
        map.put("symptoms", List.of(regexes));
        return this;
    }

    GenItem logs(String function) {
        map.put("logs", List.of(Map.of("function", function)));
        return this;
    }

    /** A troubleshooting command; {@code when} is a regex over the failing reason, null for always. */
    GenItem fix(String title, String when, String run) {
        return fix(title, when, run, false);
    }

    GenItem fix(String title, String when, String run, boolean mutating) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("title", title);
        if (when != null) {
            t.put("when", when);
        }
        t.put("run", run);
        if (mutating) {
            t.put("mutating", true);
        }
        troubleshoot.add(t);
        return this;
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>(map);
        Object symptoms = out.remove("symptoms");
        Object logs = out.remove("logs");
        if (!check.isEmpty()) {
            out.put("check", check);
        }
        if (symptoms != null) {
            out.put("symptoms", symptoms);
        }
        if (!troubleshoot.isEmpty()) {
            out.put("troubleshoot", troubleshoot);
        }
        if (logs != null) {
            out.put("logs", logs);
        }
        return out;
    }

    /**
     * A text from the checkout as a checklist writes it literally: {@code ${X}} (an ASL placeholder,
     * a shell variable) would otherwise be read as a checklist variable.
     */
    static String lit(String text) {
        return text == null ? null : text.replace("${", "$${");
    }

    /** CamelCase and odd characters to a readable kebab-case id part: StockTradingStateMachine → stock-trading-state-machine. */
    static String slug(String name) {
        String s = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "x" : s;
    }
}

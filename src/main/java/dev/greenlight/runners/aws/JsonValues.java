package dev.greenlight.runners.aws;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths into JSON that AWS returns (a state machine definition, an invocation's response) and the
 * equals/contains/matches comparisons the AWS runners share.
 */
final class JsonValues {
    private static final Pattern INDEX = Pattern.compile("^(.*?)\\[(\\d+)]$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

    private JsonValues() {
    }

    /**
     * The value at a JSON pointer ({@code /States/X}) or a dot path ({@code States.X.Parameters.FunctionName},
     * {@code Items[0]}). ASL keys that contain dots ({@code Payload.$}) are matched whole, longest first.
     */
    static Optional<JsonNode> at(JsonNode root, String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of(root);
        }
        if (path.startsWith("/")) {
            JsonNode n = root.at(JsonPointer.compile(path));
            return n.isMissingNode() ? Optional.empty() : Optional.of(n);
        }
        return dot(root, path.split("\\."), 0);
    }

    private static Optional<JsonNode> dot(JsonNode node, String[] parts, int from) {
        if (from == parts.length) {
            return Optional.of(node);
        }
        for (int to = parts.length; to > from; to--) {
            String key = String.join(".", java.util.Arrays.copyOfRange(parts, from, to));
            JsonNode next = step(node, key);
            if (next != null) {
                Optional<JsonNode> found = dot(next, parts, to);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode step(JsonNode node, String key) {
        if (node.isObject() && node.has(key)) {
            return node.get(key);
        }
        Matcher m = INDEX.matcher(key);
        if (m.matches()) {
            JsonNode base = m.group(1).isEmpty() ? node : node.isObject() ? node.get(m.group(1)) : null;
            if (base != null && base.isArray() && Integer.parseInt(m.group(2)) < base.size()) {
                return base.get(Integer.parseInt(m.group(2)));
            }
        }
        if (node.isArray() && key.matches("\\d+") && Integer.parseInt(key) < node.size()) {
            return node.get(Integer.parseInt(key));
        }
        return null;
    }

    /** How a value reads in a message: strings bare, everything else as compact JSON, long values cut. */
    static String show(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        String s = n.isTextual() ? n.asText() : n.toString();
        return s.length() > 300 ? s.substring(0, 300) + "… (" + s.length() + " chars)" : s;
    }

    /** Null when the value satisfies every given expectation, else what was wrong (AssertJ style). */
    static String mismatch(JsonNode actual, JsonNode equals, String contains, String matches) {
        if (equals != null && !sameValue(actual, equals)) {
            return "expected: " + show(equals) + "  but was: " + show(actual);
        }
        if (contains != null && !contains(actual, contains)) {
            return "expected to contain: " + contains + "  but was: " + show(actual);
        }
        if (matches != null) {
            String text = actual.isTextual() ? actual.asText() : actual.toString();
            if (!Pattern.compile(matches).matcher(text).find()) {
                return "expected to match: /" + matches + "/  but was: " + show(actual);
            }
        }
        return null;
    }

    /** Strings compare as text (so YAML 3 equals JSON "3" only when both are text), other values structurally. */
    static boolean sameValue(JsonNode actual, JsonNode expected) {
        if (actual.isTextual() && !expected.isContainerNode()) {
            return actual.asText().equals(expected.asText());
        }
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }

    private static boolean contains(JsonNode actual, String wanted) {
        if (actual.isTextual()) {
            return actual.asText().contains(wanted);
        }
        if (actual.isArray()) {
            for (JsonNode n : actual) {
                if (n.isValueNode() && n.asText().equals(wanted)) {
                    return true;
                }
            }
            return false;
        }
        if (actual.isObject()) {
            return actual.has(wanted);
        }
        return actual.asText().contains(wanted);
    }

    /** Every string value (and key) holding a ${...} placeholder, as "pointer: text". */
    static List<String> placeholders(JsonNode root) {
        List<String> out = new ArrayList<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(JsonNode n, String ptr, List<String> out) {
        if (n.isTextual()) {
            if (PLACEHOLDER.matcher(n.asText()).find()) {
                out.add((ptr.isEmpty() ? "/" : ptr) + ": " + n.asText());
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), ptr + "/" + i, out);
            }
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = ptr + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (PLACEHOLDER.matcher(e.getKey()).find()) {
                    out.add(child + ": (key) " + e.getKey());
                }
                walk(e.getValue(), child, out);
            }
        }
    }
}

package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares a value from a checklist with a value found in a document, and shows values the way a
 * person wrote them: {@code !GetAtt Fn.Arn} rather than {@code {"Fn::GetAtt":["Fn","Arn"]}}.
 *
 * <p>Loose comparison (templates) compares scalars as text, so YAML {@code true} equals
 * {@code "true"}; strict comparison (JSON) also requires the same kind of scalar.
 */
final class ValueMatcher {
    private final boolean loose;

    private ValueMatcher(boolean loose) {
        this.loose = loose;
    }

    static final ValueMatcher LOOSE = new ValueMatcher(true);
    static final ValueMatcher STRICT = new ValueMatcher(false);

    boolean same(JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null || expected.isMissingNode() || actual.isMissingNode()) {
            return false;
        }
        if (expected.isNull() || actual.isNull()) {
            return expected.isNull() && actual.isNull();
        }
        if (expected.isArray() || actual.isArray()) {
            if (!expected.isArray() || !actual.isArray() || expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isObject() || actual.isObject()) {
            if (expected.isTextual() && isIntrinsic(actual)) {
                // equals: "!GetAtt Fn.Arn" in a checklist reads as the short form
                return expected.asText().strip().equals(show(actual));
            }
            if (!expected.isObject() || !actual.isObject() || expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!same(e.getValue(), actual.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (!loose && kind(expected) != kind(actual)) {
            return false;
        }
        if (loose && (expected.isNumber() || actual.isNumber())) {
            BigDecimal a = decimal(expected.asText());
            BigDecimal b = decimal(actual.asText());
            if (a != null && b != null) {
                return a.compareTo(b) == 0;
            }
        }
        return expected.asText().equals(actual.asText());
    }

    /**
     * A string contains a substring, an array contains an equal element, an object contains a key.
     * Null when the actual value is a scalar that is not a string (nothing to look inside).
     */
    Boolean contains(JsonNode actual, JsonNode wanted) {
        if (actual.isTextual()) {
            return actual.asText().contains(wanted.isValueNode() ? wanted.asText() : show(wanted));
        }
        if (actual.isArray()) {
            for (JsonNode e : actual) {
                if (same(wanted, e)) {
                    return true;
                }
            }
            return false;
        }
        if (actual.isObject() && !isIntrinsic(actual)) {
            return wanted.isValueNode() && actual.has(wanted.asText());
        }
        return null;
    }

    /** Scalars as plain text; intrinsics in short form; lists and maps in YAML flow style. */
    static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "(absent)";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        if (isIntrinsic(n)) {
            Map.Entry<String, JsonNode> e = n.fields().next();
            String fn = e.getKey().startsWith("Fn::") ? e.getKey().substring(4) : e.getKey();
            JsonNode v = e.getValue();
            if (fn.equals("GetAtt") && v.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode part : v) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(part.isValueNode() ? part.asText() : show(part));
                }
                return "!GetAtt " + sb;
            }
            return "!" + fn + " " + show(v);
        }
        StringBuilder sb = new StringBuilder();
        if (n.isArray()) {
            sb.append('[');
            for (JsonNode e : n) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(show(e));
            }
            return sb.append(']').toString();
        }
        sb.append('{');
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(": ").append(show(e.getValue()));
        }
        return sb.append('}').toString();
    }

    /** A one-key map {@code Ref} / {@code Condition} / {@code Fn::X}: a CloudFormation intrinsic function. */
    static boolean isIntrinsic(JsonNode n) {
        if (n == null || !n.isObject() || n.size() != 1) {
            return false;
        }
        String key = n.fieldNames().next();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    private static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        if (n.isNumber()) {
            return "number";
        }
        return n.getNodeType().name();
    }

    private static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.greenlight.runners.local;

import dev.greenlight.engine.SourceFile;

import java.util.regex.Pattern;

/**
 * The text of a source line for evidence: stripped, and cut to a window around the column when the
 * line is long (minified JSON is one line), and with values of secret-looking keys masked.
 */
final class SourceExcerpt {
    static final int MAX = 160;
    /** Key names whose values are credentials: never shown. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(api[_-]?key|secret|passw(or)?d|token|credential|private[_-]?key|auth[_-]?key).*");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "([\"']?)([A-Za-z0-9_.\\-]+)\\1(\\s*:\\s*)([^,}\\]#]+)");

    private SourceExcerpt() {
    }

    static String line(SourceFile file, int line, int column) {
        String raw = file.line(line);
        String text;
        if (raw.length() <= MAX) {
            text = raw.strip();
        } else {
            int from = Math.max(0, Math.min(column - 1 - MAX / 4, raw.length() - MAX));
            int to = Math.min(raw.length(), from + MAX);
            text = (from > 0 ? "…" : "") + raw.substring(from, to).strip() + (to < raw.length() ? "…" : "");
        }
        return redact(text);
    }

    static String line(SourceFile file, int line) {
        return line(file, line, 1);
    }

    static boolean secretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** Masks the value of every {@code key: value} on the line whose key looks like a credential. */
    static String redact(String text) {
        var m = KEY_VALUE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(2);
            String value = m.group(4).strip();
            boolean mask = secretName(key) && !value.isEmpty() && !value.startsWith("!")
                    && !value.startsWith("{") && !value.startsWith("[") && !value.equals("|") && !value.equals(">");
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    mask ? m.group(1) + key + m.group(1) + m.group(3) + "****" : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}

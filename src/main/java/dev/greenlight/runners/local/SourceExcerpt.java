package dev.greenlight.runners.local;

import dev.greenlight.engine.Redactor;
import dev.greenlight.engine.SourceFile;

/**
 * The text of a source line for evidence: stripped, and cut to a window around the column when the
 * line is long (minified JSON is one line), and with values of secret-looking keys masked.
 */
final class SourceExcerpt {
    static final int MAX = 160;

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

    /** A key whose value is a credential, by the same rule the engine's redactor uses. */
    static boolean secretName(String name) {
        return Redactor.secretName(name);
    }

    /** Masks secret values on the line; template syntax and references stay as written. */
    static String redact(String text) {
        return Redactor.redact(text);
    }
}

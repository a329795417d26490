package dev.greenlight.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a shell command template's {@code ${var}}s so that no substituted VALUE can inject shell
 * syntax, while the template's own syntax (pipes, {@code &&}, quotes, a literal {@code $${HOME}}) stays as written.
 * Used for troubleshooting commands shown for copying and for a {@code command} check's {@code run}.
 *
 * <p>Each value is quoted for where it lands in the template: outside quotes it becomes one word
 * ({@code 'a b; rm -rf /'}); inside {@code "…"} the characters still special there ({@code $ ` " \})
 * are escaped; inside {@code '…'} a {@code '} closes, is escaped and reopens. A plain safe word
 * (letters, digits, {@code -_./:=@+,}) is inserted as is, so common commands read naturally.
 */
public final class CommandText {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@+,-]+");

    private enum Quote { NONE, SINGLE, DOUBLE }

    private CommandText() {
    }

    /**
     * The command with every {@code ${var}} replaced by its quoted value and {@code $${x}} by a
     * literal {@code ${x}}.
     *
     * @throws VariableException when a variable cannot be resolved
     */
    public static String render(String template, Variables vars) throws VariableException {
        if (template == null) {
            return null;
        }
        Matcher m = Variables.REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        Quote state = Quote.NONE;
        while (m.find()) {
            state = scan(template, last, m.start(), state);
            out.append(template, last, m.start());
            if (!m.group(1).isEmpty()) {
                out.append("${").append(m.group(2)).append('}');
            } else {
                out.append(quoteFor(vars.resolve(m.group(2)), state));
            }
            last = m.end();
        }
        out.append(template, last, template.length());
        return out.toString();
    }

    /** A value as one POSIX shell word, unquoted when it is a plain safe word. */
    public static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String quoteFor(String value, Quote state) {
        return switch (state) {
            case NONE -> quote(value);
            case SINGLE -> value.replace("'", "'\\''");
            case DOUBLE -> value.replaceAll("([\\\\$`\"])", "\\\\$1");
        };
    }

    /** The quoting in force after reading {@code text[from, to)} starting in {@code state}. */
    private static Quote scan(String text, int from, int to, Quote state) {
        Quote q = state;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (q) {
                case NONE -> {
                    if (c == '\\') {
                        i++;
                    } else if (c == '\'') {
                        q = Quote.SINGLE;
                    } else if (c == '"') {
                        q = Quote.DOUBLE;
                    }
                }
                case SINGLE -> {
                    if (c == '\'') {
                        q = Quote.NONE;
                    }
                }
                case DOUBLE -> {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        q = Quote.NONE;
                    }
                }
            }
        }
        return q;
    }
}

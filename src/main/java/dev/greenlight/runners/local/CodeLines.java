package dev.greenlight.runners.local;

import dev.greenlight.engine.SourceFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The code part of every line of a source file: comments removed (quotes respected) and, for
 * Python, triple-quoted strings and string-only statements (docstrings) blanked, so a match in
 * a comment or a docstring is never taken for code.
 *
 * <p>Two views with identical lengths per line: {@link #code(int)} keeps the content of ordinary
 * strings ({@code 'action': 'init'} is code), {@link #masked(int)} replaces it with spaces, so a
 * reader looking for syntax ({@code name(}, brackets) can use one and quote from the other by
 * offset.
 */
public final class CodeLines {

    /** How comments and strings are written; {@link #detect(String)} guesses from the file name. */
    public enum Syntax {
        PYTHON, YAML, SHELL, DOCKERFILE, NONE;

        /** The syntax named in a spec; empty for {@code auto} or null, which means "detect". */
        public static Optional<Syntax> named(String name) {
            if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
                return Optional.empty();
            }
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        }

        public static Syntax detect(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".py") || lower.endsWith(".pyi")) {
                return PYTHON;
            }
            if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
                return YAML;
            }
            if (lower.endsWith(".sh") || lower.endsWith(".bash") || lower.endsWith(".env")) {
                return SHELL;
            }
            if (lower.equals("dockerfile") || lower.startsWith("dockerfile.") || lower.endsWith(".dockerfile")) {
                return DOCKERFILE;
            }
            return NONE;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A line that is nothing but string literals (masked): a docstring-like statement. */
    private static final Pattern STRINGS_ONLY = Pattern.compile("\\s*(?:[rRbBuUfF]{0,2}(['\"]) *\\1\\s*)+");
    private static final Pattern BLOCK_SCALAR = Pattern.compile("(?:^|[\\s:\\-?])[|>][+-]?[1-9]?[+-]?\\s*$");

    private final SourceFile file;
    private final Syntax syntax;
    private final List<String> code;
    private final List<String> masked;

    private CodeLines(SourceFile file, Syntax syntax, List<String> code, List<String> masked) {
        this.file = file;
        this.syntax = syntax;
        this.code = List.copyOf(code);
        this.masked = List.copyOf(masked);
    }

    public static CodeLines of(SourceFile file, Syntax syntax) {
        List<String> code = new ArrayList<>();
        List<String> masked = new ArrayList<>();
        switch (syntax) {
            case PYTHON -> python(file.lines(), code, masked);
            case YAML -> yaml(file.lines(), code, masked);
            case SHELL -> shell(file.lines(), code, masked);
            case DOCKERFILE -> file.lines().forEach(l -> {
                String c = l.stripLeading().startsWith("#") ? "" : l;
                code.add(c);
                masked.add(c);
            });
            case NONE -> {
                code.addAll(file.lines());
                masked.addAll(file.lines());
            }
        }
        return new CodeLines(file, syntax, code, masked);
    }

    public SourceFile file() {
        return file;
    }

    public Syntax syntax() {
        return syntax;
    }

    public int size() {
        return code.size();
    }

    /** The code part of a 1-based line (string contents kept); empty for comment-only lines. */
    public String code(int line) {
        return code.get(line - 1);
    }

    /** {@link #code(int)} with the content of string literals replaced by spaces. */
    public String masked(int line) {
        return masked.get(line - 1);
    }

    /** The line as written. */
    public String raw(int line) {
        return file.line(line);
    }

    private static void python(List<String> lines, List<String> code, List<String> masked) {
        int depth = 0;
        char quote = 0;
        boolean triple = false;
        boolean continued = false;
        for (String line : lines) {
            boolean statementStart = depth == 0 && !continued && quote == 0;
            StringBuilder c = new StringBuilder();
            StringBuilder m = new StringBuilder();
            boolean escapedEol = false;
            boolean comment = false;
            int i = 0;
            while (i < line.length()) {
                char ch = line.charAt(i);
                if (quote != 0) {
                    if (ch == '\\') {
                        int len = Math.min(2, line.length() - i);
                        escapedEol = len == 1;
                        appendString(c, m, line.substring(i, i + len), triple);
                        i += len;
                    } else if (ch == quote && (!triple || line.startsWith(String.valueOf(ch).repeat(3), i))) {
                        int len = triple ? 3 : 1;
                        appendDelimiter(c, m, line.substring(i, i + len), triple);
                        quote = 0;
                        i += len;
                    } else {
                        appendString(c, m, String.valueOf(ch), triple);
                        i++;
                    }
                    continue;
                }
                if (ch == '#') {
                    comment = true;
                    break;
                }
                if (ch == '"' || ch == '\'') {
                    quote = ch;
                    triple = line.startsWith(String.valueOf(ch).repeat(3), i);
                    if (triple) {
                        blankPrefix(c, m);
                    }
                    int len = triple ? 3 : 1;
                    appendDelimiter(c, m, line.substring(i, i + len), triple);
                    i += len;
                    continue;
                }
                if ("([{".indexOf(ch) >= 0) {
                    depth++;
                } else if (")]}".indexOf(ch) >= 0 && depth > 0) {
                    depth--;
                }
                c.append(ch);
                m.append(ch);
                i++;
            }
            if (quote != 0 && !triple && !escapedEol) {
                quote = 0; // an unterminated single-quoted string ends with its line
            }
            continued = quote == 0 && !comment && line.endsWith("\\");
            if (statementStart && quote == 0 && depth == 0 && !continued && !m.toString().isBlank()
                    && STRINGS_ONLY.matcher(m).matches()) {
                String blank = " ".repeat(c.length());
                code.add(blank);
                masked.add(blank);
            } else {
                code.add(c.toString());
                masked.add(m.toString());
            }
        }
    }

    /** The r/b/f/u prefix of a triple-quoted string belongs to the blanked string. */
    private static void blankPrefix(StringBuilder c, StringBuilder m) {
        int p = c.length();
        while (p > 0 && p > c.length() - 2 && "rRbBuUfF".indexOf(c.charAt(p - 1)) >= 0) {
            p--;
        }
        if (p < c.length() && (p == 0 || !Character.isLetterOrDigit(c.charAt(p - 1)) && c.charAt(p - 1) != '_')) {
            for (int k = p; k < c.length(); k++) {
                c.setCharAt(k, ' ');
                m.setCharAt(k, ' ');
            }
        }
    }

    private static void appendString(StringBuilder c, StringBuilder m, String s, boolean triple) {
        c.append(triple ? " ".repeat(s.length()) : s);
        m.append(" ".repeat(s.length()));
    }

    private static void appendDelimiter(StringBuilder c, StringBuilder m, String s, boolean triple) {
        String d = triple ? " ".repeat(s.length()) : s;
        c.append(d);
        m.append(d);
    }

    /**
     * YAML: {@code #} starts a comment at the start of a line or after whitespace, outside quotes;
     * block scalars ({@code |}, {@code >}) hold text, where {@code #} is content.
     */
    private static void yaml(List<String> lines, List<String> code, List<String> masked) {
        char quote = 0;
        int blockIndent = -1; // -2: a block scalar was announced, its indentation not yet seen
        int parentIndent = 0;
        for (String line : lines) {
            int indent = indentOf(line);
            if (blockIndent != -1) {
                if (line.isBlank()) {
                    code.add(line);
                    masked.add(line);
                    continue;
                }
                if (blockIndent == -2 && indent > parentIndent) {
                    blockIndent = indent;
                }
                if (blockIndent >= 0 && indent >= blockIndent) {
                    code.add(line);
                    masked.add(line);
                    continue;
                }
                blockIndent = -1;
            }
            StringBuilder c = new StringBuilder();
            StringBuilder m = new StringBuilder();
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                char prev = i == 0 ? ' ' : line.charAt(i - 1);
                if (quote == '\'') {
                    if (ch == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                        c.append("''");
                        m.append("  ");
                        i++;
                        continue;
                    }
                    quote = ch == '\'' ? 0 : quote;
                } else if (quote == '"') {
                    if (ch == '\\' && i + 1 < line.length()) {
                        c.append(line, i, i + 2);
                        m.append("  ");
                        i++;
                        continue;
                    }
                    quote = ch == '"' ? 0 : quote;
                } else if (ch == '#' && Character.isWhitespace(prev)) {
                    break;
                } else if ((ch == '\'' || ch == '"') && (Character.isWhitespace(prev) || "[{,:-?".indexOf(prev) >= 0)) {
                    quote = ch;
                }
                c.append(ch);
                m.append(quote != 0 && ch != quote ? ' ' : ch);
            }
            if (quote == 0 && BLOCK_SCALAR.matcher(c).find()) {
                blockIndent = -2;
                parentIndent = indent;
            }
            code.add(c.toString());
            masked.add(m.toString());
        }
    }

    /** POSIX shell: {@code #} starts a comment at the start of a word, outside quotes and escapes. */
    private static void shell(List<String> lines, List<String> code, List<String> masked) {
        char quote = 0;
        for (String line : lines) {
            StringBuilder c = new StringBuilder();
            StringBuilder m = new StringBuilder();
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                char prev = i == 0 ? ' ' : line.charAt(i - 1);
                if (ch == '\\' && quote != '\'' && i + 1 < line.length()) {
                    c.append(line, i, i + 2);
                    m.append(quote == 0 ? line.substring(i, i + 2) : "  ");
                    i++;
                    continue;
                }
                if (quote != 0) {
                    if (ch == quote) {
                        quote = 0;
                        c.append(ch);
                        m.append(ch);
                    } else {
                        c.append(ch);
                        m.append(' ');
                    }
                    continue;
                }
                if (ch == '#' && (Character.isWhitespace(prev) || ";&|()".indexOf(prev) >= 0)) {
                    break;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                }
                c.append(ch);
                m.append(ch);
            }
            code.add(c.toString());
            masked.add(m.toString());
        }
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}

package dev.greenlight.runners.local;

import dev.greenlight.yaml.LocatedTree;

import java.util.ArrayList;
import java.util.List;

/**
 * The paths checklists use to name a value inside a YAML/JSON document, turned into JSON pointers.
 *
 * <p>Two forms: a JSON pointer ({@code /States/Init/Parameters/FunctionName.$}, which is how a key
 * holding a dot is written) or a dot path ({@code Properties.ImageConfig.Command[0]}), where a key
 * holding a dot may also be quoted in brackets: {@code Parameters["FunctionName.$"]}.
 */
final class DotPath {
    private DotPath() {
    }

    /** The segments of the path, unescaped. */
    static List<String> segments(String path) {
        String p = path == null ? "" : path.strip();
        List<String> out = new ArrayList<>();
        if (p.isEmpty() || p.equals("/")) {
            return out;
        }
        if (p.startsWith("/")) {
            for (String s : p.substring(1).split("/", -1)) {
                out.add(s.replace("~1", "/").replace("~0", "~"));
            }
            return out;
        }
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                flush(cur, out, path);
                i++;
            } else if (c == '[') {
                if (cur.length() > 0) {
                    flush(cur, out, path);
                }
                int close = closingBracket(p, i, path);
                String inside = p.substring(i + 1, close).strip();
                if (inside.length() >= 2 && (inside.charAt(0) == '"' || inside.charAt(0) == '\'')
                        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
                    out.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("\\d+")) {
                    out.add(inside);
                } else {
                    throw new IllegalArgumentException("'[" + inside + "]' in path '" + path
                            + "' is neither an index nor a quoted key");
                }
                i = close + 1;
                if (i < p.length() && p.charAt(i) == '.') {
                    i++;
                }
            } else {
                cur.append(c);
                i++;
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        } else if (p.endsWith(".")) {
            throw new IllegalArgumentException("path '" + path + "' ends with a dot");
        }
        return out;
    }

    static String pointer(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(LocatedTree.segment(s));
        }
        return sb.toString();
    }

    /** A pointer shown to people in dot form where that is unambiguous. */
    static String display(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            if (s.matches("\\d+")) {
                sb.append('[').append(s).append(']');
            } else if (s.contains(".") || s.contains("[") || s.isEmpty()) {
                sb.append("[\"").append(s).append("\"]");
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(s);
            }
        }
        return sb.toString();
    }

    private static void flush(StringBuilder cur, List<String> out, String path) {
        if (cur.length() == 0) {
            throw new IllegalArgumentException("path '" + path + "' has an empty segment");
        }
        out.add(cur.toString());
        cur.setLength(0);
    }

    private static int closingBracket(String p, int open, String path) {
        char quote = 0;
        for (int j = open + 1; j < p.length(); j++) {
            char c = p.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ']') {
                return j;
            }
        }
        throw new IllegalArgumentException("path '" + path + "' has an unclosed '['");
    }
}

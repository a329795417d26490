package dev.greenlight.runners.local;

import dev.greenlight.engine.SourceFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile the way BuildKit does, as far as checks need: parser directives
 * ({@code # escape=`}), comments, line continuations (comment and blank lines inside them are
 * dropped), heredocs, leading {@code --flags} of FROM/COPY/ADD/RUN, and ARG defaults so a
 * {@code FROM ${BASE_IMAGE_URI}} can be shown with its value.
 */
public final class DockerfileParser {

    /**
     * One instruction.
     *
     * @param keyword   upper case ({@code COPY})
     * @param arguments everything after the keyword, continuations joined, trimmed
     * @param flags     leading {@code --x=y} flags (FROM, COPY, ADD, RUN only)
     * @param operands  {@code arguments} without the flags
     * @param line      the 1-based line the instruction starts on
     * @param endLine   the last line it spans
     * @param stage     0-based build stage (-1 before the first FROM)
     */
    public record Instruction(String keyword, String arguments, List<String> flags, String operands,
                              int line, int endLine, int stage) {

        /** {@code COPY --chown=app . /var/task/src/}, whitespace normalised. */
        public String text() {
            return keyword + " " + normalise(arguments);
        }
    }

    /** An {@code ARG name[=default]} declaration; {@code value} is null without a default. */
    public record ArgDeclaration(String name, String value, int line, int stage) {
    }

    /** A parsed Dockerfile. {@code directives} keys are lower case. */
    public record Dockerfile(Map<String, String> directives, char escape, List<Instruction> instructions,
                             List<ArgDeclaration> args) {

        public List<Instruction> instructions(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equalsIgnoreCase(keyword)).toList();
        }

        /** ARGs declared before the first FROM: the only ones a FROM line can use. */
        public Map<String, ArgDeclaration> globalArgs() {
            Map<String, ArgDeclaration> out = new LinkedHashMap<>();
            args.stream().filter(a -> a.stage() < 0).forEach(a -> out.put(a.name(), a));
            return out;
        }
    }

    private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Set<String> WITH_FLAGS = Set.of("FROM", "COPY", "ADD", "RUN");
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([A-Za-z]+)\\s*=\\s*(.*?)\\s*");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][\\w]*)\\2");
    private static final Pattern ARG_PAIR = Pattern.compile("([A-Za-z_][\\w]*)(?:=(\"[^\"]*\"|'[^']*'|\\S*))?");
    private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_]\\w*)(?::?([-+])([^}]*))?}|([A-Za-z_]\\w*))");

    private DockerfileParser() {
    }

    public static Dockerfile parse(SourceFile file) {
        List<String> lines = file.lines();
        Map<String, String> directives = new LinkedHashMap<>();
        int n = 0;
        while (n < lines.size()) {
            Matcher d = DIRECTIVE.matcher(lines.get(n).strip());
            if (!d.matches() || !DIRECTIVES.contains(d.group(1).toLowerCase(Locale.ROOT))
                    || directives.containsKey(d.group(1).toLowerCase(Locale.ROOT))) {
                break;
            }
            directives.put(d.group(1).toLowerCase(Locale.ROOT), d.group(2));
            n++;
        }
        String esc = directives.getOrDefault("escape", "\\");
        char escape = esc.equals("`") ? '`' : '\\';

        List<Instruction> instructions = new ArrayList<>();
        List<ArgDeclaration> args = new ArrayList<>();
        int stage = -1;
        while (n < lines.size()) {
            String first = lines.get(n);
            if (first.isBlank() || first.stripLeading().startsWith("#")) {
                n++;
                continue;
            }
            int start = n + 1;
            StringBuilder joined = new StringBuilder();
            String current = first;
            while (true) {
                String stripped = current.stripTrailing();
                if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape) {
                    joined.append(stripped, 0, stripped.length() - 1);
                    n++;
                    while (n < lines.size() && (lines.get(n).isBlank() || lines.get(n).stripLeading().startsWith("#"))) {
                        n++;
                    }
                    if (n >= lines.size()) {
                        break;
                    }
                    current = lines.get(n);
                } else {
                    joined.append(current);
                    break;
                }
            }
            String[] kv = joined.toString().strip().split("\\s+", 2);
            String keyword = kv[0].toUpperCase(Locale.ROOT);
            String arguments = kv.length > 1 ? kv[1].strip() : "";
            StringBuilder body = new StringBuilder();
            n = heredocs(keyword, arguments, lines, Math.min(n, lines.size() - 1) + 1, body);
            arguments += body;
            if (keyword.equals("FROM")) {
                stage++;
            }
            List<String> flags = new ArrayList<>();
            String operands = arguments;
            if (WITH_FLAGS.contains(keyword)) {
                while (operands.startsWith("--")) {
                    String[] fo = operands.split("\\s+", 2);
                    flags.add(fo[0]);
                    operands = fo.length > 1 ? fo[1].strip() : "";
                }
            }
            if (keyword.equals("ARG")) {
                Matcher a = ARG_PAIR.matcher(operands);
                while (a.find()) {
                    String v = a.group(2);
                    if (v != null && v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                        v = v.substring(1, v.length() - 1);
                    }
                    args.add(new ArgDeclaration(a.group(1), v, start, stage));
                }
            }
            instructions.add(new Instruction(keyword, arguments, flags, operands, start, n, stage));
        }
        return new Dockerfile(directives, escape, instructions, args);
    }

    /**
     * Consumes heredoc bodies ({@code RUN <<EOF ... EOF}) that follow an instruction, appending them
     * to {@code body}; returns the 0-based index of the next unread line.
     */
    private static int heredocs(String keyword, String arguments, List<String> lines, int next, StringBuilder body) {
        if (!WITH_FLAGS.contains(keyword) || keyword.equals("FROM")) {
            return next;
        }
        Matcher h = HEREDOC.matcher(arguments);
        int i = next;
        while (h.find()) {
            boolean stripTabs = !h.group(1).isEmpty();
            String end = h.group(3);
            while (i < lines.size()) {
                String text = lines.get(i++);
                if ((stripTabs ? text.replaceFirst("^\\t+", "") : text).equals(end)) {
                    break;
                }
                body.append('\n').append(text);
            }
        }
        return i;
    }

    /**
     * {@code ${NAME}}, {@code $NAME} and {@code ${NAME:-default}} replaced by the given values;
     * unknown names stay as written.
     */
    public static String expand(String text, Map<String, String> values) {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String value = values.get(name);
            String replacement;
            if (m.group(2) == null) {
                replacement = value == null ? m.group() : value;
            } else if (m.group(2).equals("-")) {
                replacement = value == null || value.isEmpty() ? m.group(3) : value;
            } else {
                replacement = value == null || value.isEmpty() ? "" : m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}

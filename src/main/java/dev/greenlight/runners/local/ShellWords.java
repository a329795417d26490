package dev.greenlight.runners.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a POSIX shell script the way the shell would split it, without running or expanding it:
 * {@code \}-newline continuations are joined, comments ({@code #} at the start of a word, outside
 * quotes) dropped, commands split on newlines, {@code ;}, {@code &&}, {@code ||}, {@code |},
 * {@code &} and parentheses, and words tokenised with single and double quotes removed.
 *
 * <p>Expansions ({@code $VAR}, {@code ${...}}, {@code $(...)}, backticks, GitHub's
 * {@code ${{ expr }}}) are kept literally inside their word. Here-document bodies are skipped, so a
 * {@code cat <<EOF} block that mentions {@code sam deploy} is not a command. Every word carries the
 * 0-based script line it starts on, so callers can point at the file line.
 */
public final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /**
     * One word after quote removal.
     *
     * @param line         0-based line of the script where the word starts
     * @param unquotedMeta characters a shell would have expanded or redirected ({@code * ? [ < > $ `}),
     *                     seen outside quotes; empty for a plain word
     */
    public record Word(String text, int line, String unquotedMeta) {
    }

    /** A simple command: its words in order, starting on {@code line} (0-based). */
    public record Command(List<Word> words, int line) {
        public Command {
            words = List.copyOf(words);
        }

        public List<String> texts() {
            return words.stream().map(Word::text).toList();
        }
    }

    /**
     * The parsed script.
     *
     * @param commentFree the script text with comments removed and continuations joined, for
     *                    substring searches
     * @param problem     why the script is not well-formed shell (an unclosed quote), or null
     */
    public record Script(List<Command> commands, String commentFree, String problem) {
        public Script {
            commands = List.copyOf(commands);
        }
    }

    public static Script parse(String script) {
        return new Scanner(script == null ? "" : script).scan();
    }

    /**
     * Splits one command line into words with POSIX quoting rules.
     *
     * @throws IllegalArgumentException on an unclosed quote or when the text holds more than one command
     */
    public static List<String> split(String line) {
        Script s = parse(line);
        if (s.problem() != null) {
            throw new IllegalArgumentException(s.problem());
        }
        if (s.commands().size() > 1) {
            throw new IllegalArgumentException("more than one command (separated by a newline, ;, &&, ||, | or &)");
        }
        return s.commands().isEmpty() ? List.of() : s.commands().get(0).texts();
    }

    /** Quotes a value so a POSIX shell reads it back as exactly one word with this text. */
    public static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        // inside single quotes nothing is special; a ' itself is closed, escaped and reopened
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** A here-document opened by {@code <<DELIM} or {@code <<-DELIM}; {@code end} is just past the operator. */
    record Heredoc(String delimiter, boolean stripTabs, int end) {
    }

    /** Reads the here-document operator at {@code at} (the first {@code <}); null delimiter when there is none. */
    static Heredoc heredocOperator(String s, int at) {
        int i = at + 2;
        boolean strip = i < s.length() && s.charAt(i) == '-';
        if (strip) {
            i++;
        }
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        StringBuilder delimiter = new StringBuilder();
        while (i < s.length() && " \t\n;|&()<>".indexOf(s.charAt(i)) < 0) {
            char c = s.charAt(i);
            if (c != '\'' && c != '"' && c != '\\') {
                delimiter.append(c);
            }
            i++;
        }
        return new Heredoc(delimiter.length() == 0 ? null : delimiter.toString(), strip, i);
    }

    /** Where the here-document body starting at {@code from} ends: just past its delimiter line. */
    static int heredocEnd(String s, int from, String delimiter, boolean stripTabs) {
        int i = from;
        while (i < s.length()) {
            int end = s.indexOf('\n', i);
            String text = s.substring(i, end < 0 ? s.length() : end);
            i = end < 0 ? s.length() : end + 1;
            String candidate = stripTabs ? text.replaceFirst("^\t+", "") : text;
            if (candidate.stripTrailing().equals(delimiter)) {
                break;
            }
        }
        return i;
    }

    private static final class Scanner {
        private final String s;
        private int i;
        private int line;
        private final List<Command> commands = new ArrayList<>();
        private List<Word> words = new ArrayList<>();
        private StringBuilder word;
        private StringBuilder meta;
        private int wordLine;
        private final List<int[]> comments = new ArrayList<>();
        private final Deque<Heredoc> heredocs = new ArrayDeque<>();
        private String problem;

        Scanner(String s) {
            this.s = s;
        }

        Script scan() {
            while (i < s.length()) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> backslash();
                    case ' ', '\t', '\r' -> {
                        endWord();
                        i++;
                    }
                    case '\n' -> {
                        endWord();
                        endCommand();
                        i++;
                        line++;
                        heredocBodies();
                    }
                    case '#' -> {
                        if (word == null) {
                            int end = s.indexOf('\n', i);
                            end = end < 0 ? s.length() : end;
                            comments.add(new int[]{i, end});
                            i = end;
                        } else {
                            append(c);
                            i++;
                        }
                    }
                    case ';', '(', ')' -> {
                        endWord();
                        endCommand();
                        i++;
                    }
                    case '|' -> {
                        endWord();
                        endCommand();
                        i += peek(1) == '|' ? 2 : 1;
                    }
                    case '&' -> ampersand();
                    case '\'' -> singleQuoted();
                    case '"' -> doubleQuoted();
                    case '$' -> dollar(false);
                    case '`' -> {
                        startWord();
                        meta.append('`');
                        copyBackticks();
                    }
                    case '<' -> {
                        if (peek(1) == '<' && peek(2) != '<') {
                            heredocOperator();
                        } else {
                            startWord();
                            meta.append(c);
                            append(c);
                            i++;
                        }
                    }
                    case '*', '?', '[', '>' -> {
                        startWord();
                        meta.append(c);
                        append(c);
                        i++;
                    }
                    default -> {
                        append(c);
                        i++;
                    }
                }
            }
            endWord();
            endCommand();
            return new Script(commands, commentFree(), problem);
        }

        private char peek(int ahead) {
            int j = i + ahead;
            return j < s.length() ? s.charAt(j) : '\0';
        }

        private void backslash() {
            char next = peek(1);
            if (next == '\n') {
                // a continuation disappears entirely, even inside a word
                i += 2;
                line++;
            } else if (i + 1 < s.length()) {
                append(next);
                i += 2;
            } else {
                append('\\');
                i++;
            }
        }

        private void ampersand() {
            boolean redirect = word != null && word.length() > 0
                    && (word.charAt(word.length() - 1) == '>' || word.charAt(word.length() - 1) == '<');
            if (redirect || peek(1) == '>') {
                startWord();
                meta.append('&');
                append('&');
                i++;
                return;
            }
            endWord();
            endCommand();
            i += peek(1) == '&' ? 2 : 1;
        }

        private void singleQuoted() {
            startWord();
            int startLine = line;
            int end = s.indexOf('\'', i + 1);
            if (end < 0) {
                problem("unclosed single quote starting on line " + (startLine + 1));
                end = s.length();
            }
            String inner = s.substring(i + 1, end);
            word.append(inner);
            line += count(inner, '\n');
            i = Math.min(end + 1, s.length());
        }

        private void doubleQuoted() {
            startWord();
            int startLine = line;
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    return;
                }
                if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                    char next = s.charAt(i + 1);
                    if (next == '\n') {
                        line++;
                    } else {
                        word.append(next);
                    }
                    i += 2;
                } else if (c == '$') {
                    dollar(true);
                } else if (c == '`') {
                    copyBackticks();
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    word.append(c);
                    i++;
                }
            }
            problem("unclosed double quote starting on line " + (startLine + 1));
        }

        /** {@code $(...)} and {@code ${...}} are copied whole: they may hold spaces and quotes. */
        private void dollar(boolean quoted) {
            startWord();
            char next = peek(1);
            if (!quoted) {
                meta.append('$');
            }
            if (next == '(') {
                copyBalanced('(', ')');
            } else if (next == '{') {
                copyBalanced('{', '}');
            } else {
                word.append('$');
                i++;
            }
        }

        private void copyBalanced(char open, char close) {
            int startLine = line;
            word.append('$');
            i++;
            int depth = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\'' || c == '"') {
                    int end = s.indexOf(c, i + 1);
                    end = end < 0 ? s.length() - 1 : end;
                    String raw = s.substring(i, end + 1);
                    word.append(raw);
                    line += count(raw, '\n');
                    i = end + 1;
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                word.append(c);
                i++;
                if (c == open) {
                    depth++;
                } else if (c == close && --depth == 0) {
                    return;
                }
            }
            problem("unclosed $" + open + " starting on line " + (startLine + 1));
        }

        private void copyBackticks() {
            int startLine = line;
            int end = s.indexOf('`', i + 1);
            if (end < 0) {
                problem("unclosed backtick starting on line " + (startLine + 1));
                end = s.length() - 1;
            }
            String raw = s.substring(i, end + 1);
            word.append(raw);
            line += count(raw, '\n');
            i = end + 1;
        }

        private void heredocOperator() {
            endWord();
            Heredoc h = ShellWords.heredocOperator(s, i);
            i = h.end();
            if (h.delimiter() != null) {
                heredocs.add(h);
            }
        }

        /** Skips the bodies of the here-documents opened on the line that just ended. */
        private void heredocBodies() {
            while (!heredocs.isEmpty()) {
                Heredoc h = heredocs.poll();
                int end = heredocEnd(s, i, h.delimiter(), h.stripTabs());
                line += count(s.substring(i, end), '\n');
                i = end;
            }
        }

        private void problem(String p) {
            if (problem == null) {
                problem = p;
            }
        }

        private void startWord() {
            if (word == null) {
                word = new StringBuilder();
                meta = new StringBuilder();
                wordLine = line;
            }
        }

        private void append(char c) {
            startWord();
            word.append(c);
        }

        private void endWord() {
            if (word != null) {
                words.add(new Word(word.toString(), wordLine, meta.toString()));
                word = null;
                meta = null;
            }
        }

        private void endCommand() {
            if (!words.isEmpty()) {
                commands.add(new Command(words, words.get(0).line()));
                words = new ArrayList<>();
            }
        }

        private String commentFree() {
            StringBuilder out = new StringBuilder();
            int from = 0;
            for (int[] c : comments) {
                out.append(s, from, c[0]);
                from = c[1];
            }
            out.append(s.substring(from));
            return out.toString().replace("\\\n", " ");
        }

        private static int count(String text, char c) {
            int n = 0;
            for (int k = 0; k < text.length(); k++) {
                if (text.charAt(k) == c) {
                    n++;
                }
            }
            return n;
        }
    }
}

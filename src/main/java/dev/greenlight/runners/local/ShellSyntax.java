package dev.greenlight.runners.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A shell script split the way bash splits it, keeping what {@link ShellWords} throws away for
 * evaluation: which parts of a word were quoted (quoted expansions are not split into fields),
 * each expansion as a piece of its own ({@code $X}, {@code ${X:-d}}, {@code "${ARR[@]}"},
 * {@code $(cmd)}, GitHub's {@code ${{ expr }}}), array assignments {@code A=(a b)}, redirections
 * ({@code >> "$GITHUB_ENV"}), the operator before each command ({@code &&}, {@code ||}), and the
 * character offset of everything, so a caller can map it to a file line.
 */
final class ShellSyntax {
    private ShellSyntax() {
    }

    /** A piece of a word. */
    sealed interface Piece permits Lit, Param, Subst, Expr {
        int offset();
    }

    /** Literal text; {@code quoted} when it came from quotes or a backslash (never split, never globbed). */
    record Lit(String text, boolean quoted, int offset) implements Piece {
    }

    /**
     * A parameter expansion.
     *
     * @param name {@code X}, {@code 1}, {@code @}, {@code ARR[@]}, {@code #X}
     * @param op   the operator inside braces ({@code :-}, {@code -}, {@code :=}, {@code :+}, {@code //} …), or null
     */
    record Param(String name, String op, String arg, boolean quoted, int offset) implements Piece {
    }

    /** A command substitution {@code $(…)} or {@code `…`} (or arithmetic {@code $((…))}). */
    record Subst(String text, boolean quoted, int offset) implements Piece {
    }

    /** GitHub's {@code ${{ expr }}}, substituted by the runner before the shell sees the script. */
    record Expr(String expr, boolean quoted, int offset) implements Piece {
    }

    /** A word; {@code array} holds the elements of {@code NAME=(…)}, null otherwise. */
    record Word(List<Piece> pieces, int offset, List<Word> array, String source) {
        /** The word when it has no expansion, else null. */
        String literal() {
            StringBuilder b = new StringBuilder();
            for (Piece p : pieces) {
                if (!(p instanceof Lit l)) {
                    return null;
                }
                b.append(l.text());
            }
            return b.toString();
        }

        /** The leading unquoted literal text (for {@code NAME=} detection). */
        String head() {
            return !pieces.isEmpty() && pieces.get(0) instanceof Lit l && !l.quoted() ? l.text() : "";
        }
    }

    record Redirect(String op, Word target) {
    }

    enum Sep { START, NEWLINE, SEMI, AND, OR, PIPE, BACKGROUND, GROUP }

    /**
     * A simple command.
     *
     * @param before the operator that joins it to the command before it
     * @param text   its source text
     */
    record Cmd(List<Word> words, List<Redirect> redirects, Sep before, int offset, String text) {
    }

    record Parsed(List<Cmd> commands, String problem) {
    }

    static Parsed parse(String script) {
        return new Scanner(script == null ? "" : script).scan();
    }

    private static final class Scanner {
        private final String s;
        private int i;
        private final List<Cmd> commands = new ArrayList<>();
        private List<Word> words = new ArrayList<>();
        private List<Redirect> redirects = new ArrayList<>();
        private List<Piece> pieces;
        private StringBuilder lit;
        private boolean litQuoted;
        private int litStart;
        private int wordStart;
        private int cmdStart = -1;
        private Sep pending = Sep.START;
        private String pendingRedirect;
        private final Deque<ShellWords.Heredoc> heredocs = new ArrayDeque<>();
        private String problem;

        Scanner(String s) {
            this.s = s;
        }

        Parsed scan() {
            while (i < s.length()) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> {
                        if (peek(1) == '\n') {
                            i += 2;
                        } else if (i + 1 < s.length()) {
                            appendLit(String.valueOf(s.charAt(i + 1)), true, i);
                            i += 2;
                        } else {
                            appendLit("\\", false, i);
                            i++;
                        }
                    }
                    case ' ', '\t', '\r' -> {
                        endWord();
                        i++;
                    }
                    case '\n' -> {
                        endWord();
                        endCommand(Sep.NEWLINE);
                        i++;
                        heredocBodies();
                    }
                    case '#' -> {
                        if (pieces == null) {
                            int end = s.indexOf('\n', i);
                            i = end < 0 ? s.length() : end;
                        } else {
                            appendLit("#", false, i);
                            i++;
                        }
                    }
                    case ';' -> {
                        endWord();
                        endCommand(Sep.SEMI);
                        i += peek(1) == ';' ? 2 : 1;
                    }
                    case '(' -> {
                        if (pieces != null && pieces.isEmpty() && lit != null && !litQuoted
                                && lit.toString().matches("[A-Za-z_][A-Za-z0-9_]*\\+?=")) {
                            arrayLiteral();
                        } else {
                            endWord();
                            endCommand(Sep.GROUP);
                            i++;
                        }
                    }
                    case ')' -> {
                        endWord();
                        endCommand(Sep.GROUP);
                        i++;
                    }
                    case '|' -> {
                        endWord();
                        boolean or = peek(1) == '|';
                        endCommand(or ? Sep.OR : Sep.PIPE);
                        i += or ? 2 : 1;
                    }
                    case '&' -> {
                        if (peek(1) == '>') {
                            redirect();
                        } else {
                            endWord();
                            boolean and = peek(1) == '&';
                            endCommand(and ? Sep.AND : Sep.BACKGROUND);
                            i += and ? 2 : 1;
                        }
                    }
                    case '<', '>' -> redirect();
                    case '\'' -> {
                        int end = s.indexOf('\'', i + 1);
                        if (end < 0) {
                            problem("unclosed single quote");
                            end = s.length();
                        }
                        // an empty '' is still a word
                        startWord();
                        appendLit(s.substring(i + 1, end), true, i + 1);
                        i = Math.min(end + 1, s.length());
                    }
                    case '"' -> doubleQuoted();
                    case '$' -> dollar(false);
                    case '`' -> backticks(false);
                    default -> {
                        appendLit(String.valueOf(c), false, i);
                        i++;
                    }
                }
            }
            endWord();
            endCommand(Sep.NEWLINE);
            return new Parsed(List.copyOf(commands), problem);
        }

        private char peek(int ahead) {
            int j = i + ahead;
            return j < s.length() ? s.charAt(j) : '\0';
        }

        private void problem(String p) {
            if (problem == null) {
                problem = p;
            }
        }

        private void startWord() {
            if (pieces == null) {
                pieces = new ArrayList<>();
                wordStart = i;
                if (cmdStart < 0) {
                    cmdStart = i;
                }
            }
        }

        private void appendLit(String text, boolean quoted, int at) {
            startWord();
            if (lit != null && litQuoted != quoted) {
                flushLit();
            }
            if (lit == null) {
                lit = new StringBuilder();
                litQuoted = quoted;
                litStart = at;
            }
            lit.append(text);
        }

        private void flushLit() {
            if (lit != null) {
                pieces.add(new Lit(lit.toString(), litQuoted, litStart));
                lit = null;
            }
        }

        private void addPiece(Piece p) {
            startWord();
            flushLit();
            pieces.add(p);
        }

        private Word takeWord() {
            if (pieces == null) {
                return null;
            }
            flushLit();
            Word w = new Word(List.copyOf(pieces), wordStart, null, s.substring(wordStart, Math.min(i, s.length())));
            pieces = null;
            return w;
        }

        private void endWord() {
            Word w = takeWord();
            if (w == null) {
                return;
            }
            if (pendingRedirect != null) {
                redirects.add(new Redirect(pendingRedirect, w));
                pendingRedirect = null;
            } else {
                words.add(w);
            }
        }

        private void endCommand(Sep next) {
            if (!words.isEmpty() || !redirects.isEmpty()) {
                int end = Math.min(i, s.length());
                commands.add(new Cmd(List.copyOf(words), List.copyOf(redirects), pending, cmdStart,
                        s.substring(Math.max(0, cmdStart), Math.max(cmdStart, end)).strip()));
                words = new ArrayList<>();
                redirects = new ArrayList<>();
                pending = next;
            } else if (next == Sep.AND || next == Sep.OR || next == Sep.PIPE) {
                // "a &&" + newline + "b": b still follows the &&
                pending = next;
            }
            cmdStart = -1;
            pendingRedirect = null;
        }

        /** {@code NAME=(a "b c" $d)}: the elements become words of their own. */
        private void arrayLiteral() {
            i++;
            List<Word> elements = new ArrayList<>();
            flushLit();
            List<Piece> head = pieces;
            int headStart = wordStart;
            pieces = null;
            while (i < s.length() && s.charAt(i) != ')') {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    Word w = takeWord();
                    if (w != null) {
                        elements.add(w);
                    }
                    i++;
                } else if (c == '#' && pieces == null) {
                    int end = s.indexOf('\n', i);
                    i = end < 0 ? s.length() : end;
                } else if (c == '\\' && peek(1) == '\n') {
                    i += 2;
                } else if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    end = end < 0 ? s.length() : end;
                    startWord();
                    appendLit(s.substring(i + 1, end), true, i + 1);
                    i = Math.min(end + 1, s.length());
                } else if (c == '"') {
                    doubleQuoted();
                } else if (c == '$') {
                    dollar(false);
                } else {
                    appendLit(String.valueOf(c), false, i);
                    i++;
                }
            }
            Word last = takeWord();
            if (last != null) {
                elements.add(last);
            }
            if (i >= s.length()) {
                problem("unclosed array (");
            }
            i++;
            pieces = head;
            wordStart = headStart;
            Word w = new Word(List.copyOf(head), headStart, List.copyOf(elements), s.substring(headStart, Math.min(i, s.length())));
            pieces = null;
            words.add(w);
        }

        private void doubleQuoted() {
            startWord();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    // "" is an empty word, not no word
                    if (lit == null && (pieces.isEmpty())) {
                        appendLit("", true, i);
                    }
                    return;
                }
                if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                    if (s.charAt(i + 1) != '\n') {
                        appendLit(String.valueOf(s.charAt(i + 1)), true, i);
                    }
                    i += 2;
                } else if (c == '$') {
                    dollar(true);
                } else if (c == '`') {
                    backticks(true);
                } else {
                    appendLit(String.valueOf(c), true, i);
                    i++;
                }
            }
            problem("unclosed double quote");
        }

        private void dollar(boolean quoted) {
            int at = i;
            char next = peek(1);
            if (next == '{' && peek(2) == '{') {
                int close = s.indexOf("}}", i + 3);
                if (close < 0) {
                    appendLit("$", quoted, at);
                    i++;
                    return;
                }
                addPiece(new Expr(s.substring(i + 3, close), quoted, at));
                i = close + 2;
            } else if (next == '(') {
                int end = balanced(i + 1, '(', ')');
                addPiece(new Subst(s.substring(i, end), quoted, at));
                i = end;
            } else if (next == '{') {
                int end = balanced(i + 1, '{', '}');
                String inner = s.substring(i + 2, Math.max(i + 2, end - 1));
                addPiece(braced(inner, quoted, at));
                i = end;
            } else if (Character.isLetter(next) || next == '_') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                addPiece(new Param(s.substring(i + 1, j), null, null, quoted, at));
                i = j;
            } else if (Character.isDigit(next) || "@*#?$!-".indexOf(next) >= 0 && next != '\0') {
                addPiece(new Param(String.valueOf(next), null, null, quoted, at));
                i += 2;
            } else {
                appendLit("$", quoted, at);
                i++;
            }
        }

        private static Param braced(String inner, boolean quoted, int at) {
            if (inner.startsWith("#") && inner.length() > 1) {
                return new Param(inner, "#", null, quoted, at);
            }
            int j = 0;
            while (j < inner.length() && (Character.isLetterOrDigit(inner.charAt(j)) || inner.charAt(j) == '_')) {
                j++;
            }
            if (j == 0 && !inner.isEmpty() && "@*#?$!-".indexOf(inner.charAt(0)) >= 0) {
                j = 1;
            }
            if (j < inner.length() && inner.charAt(j) == '[') {
                int close = inner.indexOf(']', j);
                j = close < 0 ? inner.length() : close + 1;
            }
            String name = inner.substring(0, j);
            String rest = inner.substring(j);
            if (rest.isEmpty()) {
                return new Param(name, null, null, quoted, at);
            }
            for (String op : new String[]{":-", ":=", ":+", ":?", "//", "##", "%%", "-", "=", "+", "?", "/", "#", "%", ":"}) {
                if (rest.startsWith(op)) {
                    return new Param(name, op, rest.substring(op.length()), quoted, at);
                }
            }
            return new Param(name, rest, "", quoted, at);
        }

        /** The index just past the bracket that closes the one at {@code from}. */
        private int balanced(int from, char open, char close) {
            int depth = 0;
            int j = from;
            while (j < s.length()) {
                char c = s.charAt(j);
                if (c == '\\') {
                    j += 2;
                    continue;
                }
                if (c == '\'' && open == '(') {
                    int end = s.indexOf('\'', j + 1);
                    j = end < 0 ? s.length() : end + 1;
                    continue;
                }
                if (c == open) {
                    depth++;
                } else if (c == close && --depth == 0) {
                    return j + 1;
                }
                j++;
            }
            problem("unclosed $" + open);
            return s.length();
        }

        private void backticks(boolean quoted) {
            int end = s.indexOf('`', i + 1);
            if (end < 0) {
                problem("unclosed backtick");
                end = s.length() - 1;
            }
            addPiece(new Subst(s.substring(i, end + 1), quoted, i));
            i = end + 1;
        }

        private void redirect() {
            // a word made only of digits right before the operator is the file descriptor
            String fd = lit != null && pieces != null && pieces.isEmpty() && !litQuoted && lit.toString().matches("[0-9]+")
                    ? lit.toString() : null;
            if (fd != null) {
                lit = null;
                pieces = null;
            } else {
                endWord();
            }
            if (peek(0) == '<' && peek(1) == '<' && peek(2) != '<') {
                heredoc();
                return;
            }
            if (cmdStart < 0) {
                cmdStart = i;
            }
            int j = i;
            while (j < s.length() && "<>&|".indexOf(s.charAt(j)) >= 0) {
                j++;
            }
            String op = s.substring(i, j);
            i = j;
            if (op.endsWith("&") && i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
                int k = i;
                while (k < s.length() && (Character.isDigit(s.charAt(k)) || s.charAt(k) == '-')) {
                    k++;
                }
                redirects.add(new Redirect(op, new Word(List.of(new Lit(s.substring(i, k), false, i)), i, null, s.substring(i, k))));
                i = k;
                return;
            }
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            pendingRedirect = (fd == null ? "" : fd) + op;
        }

        private void heredoc() {
            if (cmdStart < 0) {
                cmdStart = i;
            }
            ShellWords.Heredoc h = ShellWords.heredocOperator(s, i);
            i = h.end();
            if (h.delimiter() != null) {
                heredocs.add(h);
            }
        }

        private void heredocBodies() {
            while (!heredocs.isEmpty()) {
                ShellWords.Heredoc h = heredocs.poll();
                i = ShellWords.heredocEnd(s, i, h.delimiter(), h.stripTabs());
            }
        }
    }
}

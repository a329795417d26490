package dev.greenlight.runners.local;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Runs a shell script on paper: assignments, {@code export}, arrays, {@code ${X:-default}},
 * {@code "${ARR[@]}"}, field splitting, {@code cd}, scripts of the repository called with
 * {@code ./x.sh}, {@code bash x.sh} or {@code source x.sh}, and lines an earlier step writes to
 * {@code $GITHUB_ENV} / {@code $GITHUB_OUTPUT}. It executes nothing: every other command becomes
 * an {@link Invocation} with its arguments as {@link Val}s, so a check can ask what
 * {@code sam deploy} really receives.
 *
 * <p>Branches are not decided: what an {@code if}, a loop, {@code &&} or {@code ||} guards is
 * recorded as conditional, with the condition's text.
 */
final class ShellEval {
    private static final int MAX_CALL_DEPTH = 6;
    private static final Set<String> OPENERS = Set.of("if", "while", "until");
    private static final Set<String> CLOSERS = Set.of("fi", "done", "esac", "}");
    private static final Set<String> SKIPPED = Set.of("then", "do", "else", "elif", "{", "!", "time", "fi", "done", "esac", "}");
    private static final Set<String> DECLARERS = Set.of("export", "declare", "typeset", "local", "readonly");

    /** A script's text and where it is: {@code lineOf} maps a character offset to a 1-based file line. */
    record Source(String file, String text, IntUnaryOperator lineOf) {
        static Source of(String file, String text) {
            List<Integer> breaks = new ArrayList<>();
            for (int k = 0; k < text.length(); k++) {
                if (text.charAt(k) == '\n') {
                    breaks.add(k);
                }
            }
            return new Source(file, text, offset -> {
                int found = java.util.Collections.binarySearch(breaks, offset);
                return (found >= 0 ? found : -found - 1) + 1;
            });
        }
    }

    /** A variable: its value (or array elements), whether children see it, and where it was set. */
    record Binding(Val value, List<Val> array, boolean exported, Val.Hop hop) {
        Val scalar() {
            return array != null ? (array.isEmpty() ? Val.EMPTY : array.get(0)) : value;
        }
    }

    /**
     * An evaluated word and where it is written.
     *
     * @param written the word as the script writes it, quotes removed ({@code ${IMAGE_REPO_URI}})
     */
    record Arg(Val value, String file, int line, String written) {
        String text() {
            return value.render();
        }
    }

    /**
     * A command the script would run.
     *
     * @param via       the calls that led here (a step calling a script), outermost first
     * @param condition the shell condition it depends on, or null
     * @param cwd       the directory it runs in, relative to the checkout root
     */
    record Invocation(List<Arg> args, String file, int line, String text, String condition, List<Val.Hop> via, String cwd) {
        List<String> texts() {
            return args.stream().map(Arg::text).toList();
        }
    }

    /** A {@code NAME=value} line written to {@code $GITHUB_ENV} or {@code $GITHUB_OUTPUT}. */
    record Written(String name, Val value, Val.Hop hop, String condition) {
    }

    /** Reads a file of the checkout by its path from the checkout root, or null when it is not there. */
    interface Files {
        String read(String path);
    }

    private final Files files;
    private final Map<String, Binding> vars;
    private String cwd;
    private final List<Invocation> invocations;
    private final List<Written> envWrites;
    private final List<Written> outputWrites;
    private final List<String> notes;
    private final ActionsExpressions.Scope exprScope;

    /**
     * @param env  the environment the step starts with (exported)
     * @param cwd  the working directory, relative to the checkout root ("" for the root)
     */
    ShellEval(Files files, Map<String, Binding> env, String cwd, ActionsExpressions.Scope exprScope) {
        this(files, new LinkedHashMap<>(env), cwd, exprScope, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    private ShellEval(Files files, Map<String, Binding> vars, String cwd, ActionsExpressions.Scope exprScope,
                      List<Invocation> invocations, List<Written> envWrites, List<Written> outputWrites, List<String> notes) {
        this.files = files;
        this.vars = vars;
        this.cwd = cwd;
        this.exprScope = exprScope;
        this.invocations = invocations;
        this.envWrites = envWrites;
        this.outputWrites = outputWrites;
        this.notes = notes;
    }

    List<Invocation> invocations() {
        return invocations;
    }

    List<Written> envWrites() {
        return envWrites;
    }

    List<Written> outputWrites() {
        return outputWrites;
    }

    /** Things a person should know: a called script that is not in the checkout, a parse problem. */
    List<String> notes() {
        return notes;
    }

    void run(Source src, List<Val> positional, List<Val.Hop> via, String outerCondition, int depth) {
        ShellSyntax.Parsed parsed = ShellSyntax.parse(src.text());
        if (parsed.problem() != null) {
            notes.add(src.file() + ": " + parsed.problem() + "; the script is read up to there");
        }
        Deque<String> blocks = new ArrayDeque<>();
        for (ShellSyntax.Cmd cmd : parsed.commands()) {
            List<ShellSyntax.Word> words = cmd.words();
            int at = 0;
            boolean skipWhole = false;
            while (at < words.size()) {
                String w = words.get(at).literal();
                if (w == null) {
                    break;
                }
                if (OPENERS.contains(w)) {
                    String test = joinLiteral(cmd.text().substring(Math.min(cmd.text().length(), w.length())).strip());
                    blocks.push(w + " " + test + " (" + src.file() + ":" + src.lineOf().applyAsInt(cmd.offset()) + ")");
                    at++;
                } else if (w.equals("for") || w.equals("case") || w.equals("select")) {
                    blocks.push(w + " (" + src.file() + ":" + src.lineOf().applyAsInt(cmd.offset()) + ")");
                    skipWhole = true;
                    break;
                } else if (CLOSERS.contains(w)) {
                    if (!blocks.isEmpty() && !w.equals("}")) {
                        blocks.pop();
                    }
                    at++;
                } else if (w.equals("else") || w.equals("elif")) {
                    if (!blocks.isEmpty()) {
                        String top = blocks.pop();
                        blocks.push("not " + top);
                    }
                    at++;
                    if (w.equals("elif")) {
                        break;
                    }
                } else if (SKIPPED.contains(w)) {
                    at++;
                } else {
                    break;
                }
            }
            if (skipWhole || at >= words.size()) {
                continue;
            }
            String condition = outerCondition;
            if (!blocks.isEmpty()) {
                condition = and(condition, blocks.peek());
            }
            if (cmd.before() == ShellSyntax.Sep.AND || cmd.before() == ShellSyntax.Sep.OR) {
                condition = and(condition, "the command before '" + (cmd.before() == ShellSyntax.Sep.AND ? "&&" : "||")
                        + "' (" + src.file() + ":" + src.lineOf().applyAsInt(cmd.offset()) + ")");
            }
            command(cmd, words.subList(at, words.size()), src, positional, via, condition, depth);
        }
    }

    private static String joinLiteral(String s) {
        String t = s.replaceAll("\\s+", " ");
        if (t.endsWith("; then") || t.endsWith("; do")) {
            t = t.substring(0, t.lastIndexOf(';'));
        }
        return t.length() > 100 ? t.substring(0, 97) + "..." : t;
    }

    private static String and(String a, String b) {
        return a == null ? b : b == null ? a : a + " and " + b;
    }

    private void command(ShellSyntax.Cmd cmd, List<ShellSyntax.Word> words, Source src, List<Val> positional,
                         List<Val.Hop> via, String condition, int depth) {
        int firstCommandWord = 0;
        Map<String, Binding> prefixEnv = new LinkedHashMap<>();
        while (firstCommandWord < words.size() && assignmentName(words.get(firstCommandWord)) != null) {
            firstCommandWord++;
        }
        if (firstCommandWord == words.size()) {
            for (ShellSyntax.Word w : words) {
                assign(w, src, positional, condition, false);
            }
            return;
        }
        for (ShellSyntax.Word w : words.subList(0, firstCommandWord)) {
            String name = assignmentName(w);
            Val v = assignedValue(w, name, src, positional, condition);
            prefixEnv.put(name, new Binding(v, null, true, hop(name + "=", src, w.offset())));
        }
        List<Arg> args = new ArrayList<>();
        for (ShellSyntax.Word w : words.subList(firstCommandWord, words.size())) {
            args.addAll(expand(w, src, positional));
        }
        if (args.isEmpty()) {
            return;
        }
        int line = src.lineOf().applyAsInt(cmd.offset());
        Invocation inv = new Invocation(List.copyOf(args), src.file(), line, cmd.text(), condition, via, cwd);
        invocations.add(inv);
        String name = args.get(0).text();
        if (DECLARERS.contains(name)) {
            declare(name, words.subList(firstCommandWord + 1, words.size()), src, positional, condition);
        } else if (name.equals("unset")) {
            args.subList(1, args.size()).forEach(a -> vars.remove(a.text()));
        } else if (name.equals("cd") && args.size() > 1 && !args.get(1).value().hasSymbols()) {
            cwd = resolve(args.get(1).text());
        } else if ((name.equals("source") || name.equals(".")) && args.size() > 1) {
            call(args.get(1), args.subList(2, args.size()), src, line, via, condition, depth, true, prefixEnv);
        } else if ((name.equals("bash") || name.equals("sh") || name.equals("zsh")) && args.size() > 1) {
            int k = 1;
            while (k < args.size() && args.get(k).text().startsWith("-")) {
                if (args.get(k).text().equals("-c")) {
                    return;
                }
                k++;
            }
            if (k < args.size()) {
                call(args.get(k), args.subList(k + 1, args.size()), src, line, via, condition, depth, false, prefixEnv);
            }
        } else if (name.contains("/") && !name.startsWith("/") && !args.get(0).value().hasSymbols()) {
            call(args.get(0), args.subList(1, args.size()), src, line, via, condition, depth, false, prefixEnv);
        } else if (name.equals("echo") || name.equals("printf")) {
            githubFile(cmd, args, src, condition);
        }
    }

    /** {@code echo "NAME=value" >> "$GITHUB_ENV"} (and {@code $GITHUB_OUTPUT}, and the old {@code ::set-output}). */
    private void githubFile(ShellSyntax.Cmd cmd, List<Arg> args, Source src, String condition) {
        int k = 1;
        while (k < args.size() && args.get(k).text().matches("-[neE]+")) {
            k++;
        }
        if (k >= args.size()) {
            return;
        }
        Val text = Val.join(args.subList(k, args.size()).stream().map(Arg::value).toList());
        Val.Hop hop = hop("", src, cmd.offset());
        String rendered = text.render();
        if (rendered.startsWith("::set-output name=")) {
            int sep = rendered.indexOf("::", 2);
            if (sep > 0) {
                String name = rendered.substring("::set-output name=".length(), sep);
                outputWrites.add(new Written(name, text.from(sep + 2), new Val.Hop("output " + name, hop.file(), hop.line()), condition));
            }
            return;
        }
        for (ShellSyntax.Redirect r : cmd.redirects()) {
            if (!r.op().equals(">>") && !r.op().equals(">")) {
                continue;
            }
            String target = targetName(r.target());
            if (target == null) {
                continue;
            }
            int eq = rendered.indexOf('=');
            if (eq <= 0 || !literalAt(text, eq) || rendered.contains("<<") && rendered.indexOf("<<") < eq) {
                continue;
            }
            String name = rendered.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                continue;
            }
            Val value = text.from(eq + 1);
            if (target.equals("GITHUB_ENV")) {
                envWrites.add(new Written(name, value, new Val.Hop("$GITHUB_ENV " + name, hop.file(), hop.line()), condition));
            } else {
                outputWrites.add(new Written(name, value, new Val.Hop("$GITHUB_OUTPUT " + name, hop.file(), hop.line()), condition));
            }
        }
    }

    /** True when character {@code eq} of the rendered value is literal text (a real {@code =}, not inside a symbol). */
    private static boolean literalAt(Val v, int eq) {
        Val.Part p = v.partAt(eq);
        return p != null && p.symbol() == null;
    }

    private static String targetName(ShellSyntax.Word w) {
        if (w.pieces().size() == 1 && w.pieces().get(0) instanceof ShellSyntax.Param p
                && (p.name().equals("GITHUB_ENV") || p.name().equals("GITHUB_OUTPUT")) && p.op() == null) {
            return p.name();
        }
        return null;
    }


    private void call(Arg script, List<Arg> args, Source src, int line, List<Val.Hop> via, String condition, int depth,
                      boolean sameShell, Map<String, Binding> prefixEnv) {
        if (script.value().hasSymbols()) {
            return;
        }
        String path = resolve(script.text());
        if (depth >= MAX_CALL_DEPTH) {
            notes.add(src.file() + ":" + line + " calls " + path + " deeper than " + MAX_CALL_DEPTH + " scripts; not followed");
            return;
        }
        String text = files.read(path);
        if (text == null) {
            if (script.text().endsWith(".sh") || script.text().startsWith("./")) {
                notes.add(src.file() + ":" + line + " runs " + path + ", which is not in the checkout");
            }
            return;
        }
        List<Val.Hop> chain = new ArrayList<>(via);
        chain.add(new Val.Hop("called as '" + script.text() + "'", src.file(), line));
        List<Val> params = args.stream().map(Arg::value).toList();
        if (sameShell) {
            run(Source.of(path, text), params.isEmpty() ? List.of() : params, chain, condition, depth + 1);
            return;
        }
        Map<String, Binding> childEnv = new LinkedHashMap<>();
        vars.forEach((k, v) -> {
            if (v.exported()) {
                childEnv.put(k, v);
            }
        });
        childEnv.putAll(prefixEnv);
        ShellEval child = new ShellEval(files, childEnv, parentOf(path), exprScope, invocations, envWrites, outputWrites, notes);
        child.cwd = cwd;
        child.run(Source.of(path, text), params, chain, condition, depth + 1);
    }

    private static String parentOf(String path) {
        Path p = Path.of(path).getParent();
        return p == null ? "" : p.toString();
    }

    private String resolve(String rel) {
        Path base = cwd.isEmpty() ? Path.of("") : Path.of(cwd);
        return base.resolve(rel).normalize().toString().replace('\\', '/');
    }

    private void declare(String builtin, List<ShellSyntax.Word> words, Source src, List<Val> positional, String condition) {
        boolean export = builtin.equals("export");
        for (ShellSyntax.Word w : words) {
            String lit = w.literal();
            if (lit != null && lit.startsWith("-")) {
                export |= lit.contains("x");
                continue;
            }
            if (assignmentName(w) != null) {
                assign(w, src, positional, condition, export);
            } else if (lit != null && export && vars.containsKey(lit)) {
                Binding b = vars.get(lit);
                vars.put(lit, new Binding(b.value(), b.array(), true, b.hop()));
            }
        }
    }

    /** {@code NAME} of a {@code NAME=…} / {@code NAME+=…} word, or null. */
    private static String assignmentName(ShellSyntax.Word w) {
        String head = w.head();
        int eq = head.indexOf('=');
        if (eq <= 0) {
            return null;
        }
        String name = head.substring(0, head.charAt(eq - 1) == '+' ? eq - 1 : eq);
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : null;
    }

    private void assign(ShellSyntax.Word w, Source src, List<Val> positional, String condition, boolean export) {
        String name = assignmentName(w);
        boolean append = w.head().contains("+=") && w.head().indexOf("+=") < w.head().indexOf('=') + 1;
        Binding old = vars.get(name);
        boolean exported = export || (old != null && old.exported());
        Val.Hop hop = hop("shell variable " + name, src, w.offset());
        if (w.array() != null) {
            List<Val> elements = new ArrayList<>();
            if (append && old != null && old.array() != null) {
                elements.addAll(old.array());
            }
            for (ShellSyntax.Word e : w.array()) {
                for (Arg a : expand(e, src, positional)) {
                    elements.add(condition == null ? a.value() : a.value().when(condition));
                }
            }
            vars.put(name, new Binding(null, List.copyOf(elements), exported, hop));
            return;
        }
        Val v = assignedValue(w, name, src, positional, condition);
        if (append && old != null) {
            if (old.array() != null) {
                List<Val> elements = new ArrayList<>(old.array());
                elements.add(v);
                vars.put(name, new Binding(null, elements, exported, hop));
                return;
            }
            v = old.scalar().via(old.hop()).concat(v);
        }
        vars.put(name, new Binding(v, null, exported, hop));
    }

    /**
     * The right-hand side of {@code NAME=…}: not split into fields. Under a condition, the parts
     * that come from the variable itself ({@code X="$X more"}) keep their own condition; the rest
     * is there only when the condition holds.
     */
    private Val assignedValue(ShellSyntax.Word w, String name, Source src, List<Val> positional, String condition) {
        String head = w.head();
        int eq = head.indexOf('=');
        List<ShellSyntax.Piece> pieces = new ArrayList<>(w.pieces());
        ShellSyntax.Lit first = (ShellSyntax.Lit) pieces.get(0);
        pieces.set(0, new ShellSyntax.Lit(head.substring(eq + 1), false, first.offset() + eq + 1));
        Val out = Val.EMPTY;
        for (ShellSyntax.Piece p : pieces) {
            Val v = Val.join(pieceValues(p, src, positional));
            boolean self = p instanceof ShellSyntax.Param pp && pp.name().equals(name);
            out = out.concat(condition == null || self ? v : v.when(condition));
        }
        return out;
    }

    /** A word after expansion and field splitting: zero or more arguments. */
    List<Arg> expand(ShellSyntax.Word w, Source src, List<Val> positional) {
        List<Val> fields = new ArrayList<>();
        Val current = null;
        for (ShellSyntax.Piece p : w.pieces()) {
            boolean quoted = p instanceof ShellSyntax.Lit l ? l.quoted()
                    : p instanceof ShellSyntax.Param pp ? pp.quoted()
                    : p instanceof ShellSyntax.Expr e ? e.quoted() : true;
            List<Val> values = pieceValues(p, src, positional);
            boolean many = p instanceof ShellSyntax.Param pp && isList(pp);
            if (quoted && many) {
                // "${A[@]}": one field per element; the first joins the text before it
                for (int k = 0; k < values.size(); k++) {
                    if (k == 0) {
                        current = current == null ? values.get(0) : current.concat(values.get(0));
                    } else {
                        fields.add(current);
                        current = values.get(k);
                    }
                }
                continue;
            }
            Val v = Val.join(values);
            if (quoted) {
                current = current == null ? v : current.concat(v);
                continue;
            }
            String rendered = v.render();
            List<Val> split = v.split();
            boolean breakBefore = !rendered.isEmpty() && v.parts().get(0).symbol() == null
                    && Character.isWhitespace(rendered.charAt(0));
            boolean breakAfter = !rendered.isEmpty() && v.parts().get(v.parts().size() - 1).symbol() == null
                    && Character.isWhitespace(rendered.charAt(rendered.length() - 1));
            if (breakBefore && current != null) {
                fields.add(current);
                current = null;
            }
            for (int k = 0; k < split.size(); k++) {
                if (k == 0) {
                    current = current == null ? split.get(0) : current.concat(split.get(0));
                } else {
                    fields.add(current);
                    current = split.get(k);
                }
            }
            if (breakAfter && current != null) {
                fields.add(current);
                current = null;
            }
        }
        if (current != null) {
            fields.add(current);
        }
        List<Arg> out = new ArrayList<>();
        int wordLine = src.lineOf().applyAsInt(w.offset());
        boolean fromList = w.pieces().stream().anyMatch(p -> p instanceof ShellSyntax.Param pp && isList(pp));
        for (Val f : fields) {
            // an array element is shown where it is written; anything else where the word is
            Val.Hop where = fromList ? f.src() : null;
            String written = fromList ? f.render() : unquoted(w.source());
            out.add(where != null ? new Arg(f, where.file(), where.line(), written) : new Arg(f, src.file(), wordLine, written));
        }
        return out;
    }

    private static String unquoted(String source) {
        try {
            List<String> words = ShellWords.split(source);
            return words.size() == 1 ? words.get(0) : source;
        } catch (IllegalArgumentException e) {
            return source;
        }
    }

    private static boolean isList(ShellSyntax.Param p) {
        return p.op() == null && (p.name().equals("@") || p.name().endsWith("[@]"));
    }

    /** What one piece expands to, before splitting (several values for {@code $@} and {@code ${A[@]}}). */
    private List<Val> pieceValues(ShellSyntax.Piece p, Source src, List<Val> positional) {
        if (p instanceof ShellSyntax.Lit l) {
            return List.of(Val.literal(l.text(), hop("", src, l.offset())));
        }
        if (p instanceof ShellSyntax.Subst s) {
            return List.of(Val.symbol(new Val.Symbol(Val.Kind.COMMAND_OUTPUT, s.text(),
                    "the output of " + s.text()), hop("", src, s.offset())));
        }
        if (p instanceof ShellSyntax.Expr e) {
            return List.of(ActionsExpressions.expression(e.expr(), exprScope, hop("", src, e.offset())));
        }
        return param((ShellSyntax.Param) p, src, positional);
    }

    private List<Val> param(ShellSyntax.Param p, Source src, List<Val> positional) {
        Val.Hop at = hop("", src, p.offset());
        String name = p.name();
        if (p.op() != null && p.op().equals("#") && name.startsWith("#")) {
            return List.of(unknown("${" + name + "}", "the length of " + name.substring(1), at));
        }
        if (name.equals("@") || name.equals("*")) {
            return name.equals("@") ? positional : List.of(Val.join(positional));
        }
        if (name.matches("[0-9]")) {
            int n = Integer.parseInt(name);
            Val v = n >= 1 && n <= positional.size() ? positional.get(n - 1) : null;
            return List.of(withOp(v, p, src, positional, at, "$" + name));
        }
        if (name.endsWith("]")) {
            String base = name.substring(0, name.indexOf('['));
            String index = name.substring(name.indexOf('[') + 1, name.length() - 1);
            Binding b = vars.get(base);
            if (b == null) {
                return index.equals("@") ? List.of() : List.of(withOp(null, p, src, positional, at, base));
            }
            List<Val> elements = b.array() != null ? b.array() : List.of(b.value());
            List<Val> reached = elements.stream().map(e -> e.via(b.hop())).toList();
            if (index.equals("@")) {
                return reached;
            }
            if (index.equals("*")) {
                return List.of(Val.join(reached));
            }
            if (index.matches("[0-9]+")) {
                int k = Integer.parseInt(index);
                return List.of(k < reached.size() ? reached.get(k) : Val.EMPTY);
            }
            return List.of(unknown("${" + name + "}", "element " + index + " of " + base, at));
        }
        Binding b = vars.get(name);
        Val v = b == null ? null : b.scalar().via(b.hop());
        if (v == null) {
            v = runnerVariable(name, at);
        }
        return List.of(withOp(v, p, src, positional, at, name));
    }

    /** Variables every GitHub-hosted run has; {@code GITHUB_SHA} is {@code github.sha}. */
    private static Val runnerVariable(String name, Val.Hop at) {
        if (name.equals("GITHUB_SHA")) {
            return Val.symbol(new Val.Symbol(Val.Kind.SHA, ActionsExpressions.canonical("github.sha"),
                    "the commit's sha ($GITHUB_SHA)"), at);
        }
        if (name.startsWith("GITHUB_") || name.startsWith("RUNNER_") || name.equals("HOME") || name.equals("PATH")) {
            return Val.symbol(new Val.Symbol(Val.Kind.CONTEXT, "${" + name + "}", "$" + name + " of the runner"), at);
        }
        return null;
    }

    private Val withOp(Val v, ShellSyntax.Param p, Source src, List<Val> positional, Val.Hop at, String name) {
        String op = p.op();
        if (op == null) {
            return v != null ? v : unset(name, at);
        }
        boolean emptyOrUnset = v == null || (!v.hasSymbols() && v.render().isEmpty());
        switch (op) {
            case ":-", "-", ":=", "=" -> {
                if (v != null && (op.startsWith(":") ? !emptyOrUnset : true)) {
                    return v;
                }
                return defaultWord(p.arg(), src, positional, p.offset());
            }
            case ":+", "+" -> {
                if (v == null || (op.equals(":+") && emptyOrUnset)) {
                    return Val.EMPTY;
                }
                return defaultWord(p.arg(), src, positional, p.offset());
            }
            case ":?", "?" -> {
                return v != null ? v : unset(name, at);
            }
            default -> {
                return unknown("${" + p.name() + p.op() + p.arg() + "}", "a transformation of " + name, at);
            }
        }
    }

    private Val defaultWord(String arg, Source src, List<Val> positional, int offset) {
        ShellSyntax.Parsed parsed = ShellSyntax.parse("\"" + arg.replace("\"", "\\\"") + "\"");
        if (parsed.commands().isEmpty() || parsed.commands().get(0).words().isEmpty()) {
            return Val.EMPTY;
        }
        Source shifted = new Source(src.file(), src.text(), o -> src.lineOf().applyAsInt(offset));
        List<Val> vals = expand(parsed.commands().get(0).words().get(0), shifted, positional).stream().map(Arg::value).toList();
        return Val.join(vals);
    }

    private static Val unset(String name, Val.Hop at) {
        return Val.symbol(new Val.Symbol(Val.Kind.UNSET, "${" + name + "}",
                "$" + name + ", which nothing before this line sets"), at);
    }

    private static Val unknown(String canonical, String description, Val.Hop at) {
        return Val.symbol(new Val.Symbol(Val.Kind.COMMAND_OUTPUT, canonical, description), at);
    }

    private static Val.Hop hop(String what, Source src, int offset) {
        return new Val.Hop(what, src.file(), src.lineOf().applyAsInt(offset));
    }
}

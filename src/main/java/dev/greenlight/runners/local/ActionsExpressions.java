package dev.greenlight.runners.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * GitHub Actions' {@code ${{ expr }}} as the runner substitutes it, as far as it can be known
 * before the run: {@code env.X} is looked up in the environment the workflow sets, literals are
 * text, and contexts only the run knows ({@code github.sha}, {@code secrets.X}, {@code vars.X},
 * {@code inputs.X}, {@code matrix.X}, {@code steps.id.outputs.x}) become {@link Val.Symbol}s.
 * {@code a || 'default'} keeps the default in the symbol's words. Anything else (comparisons,
 * functions) is a symbol written as the expression itself.
 */
final class ActionsExpressions {
    private ActionsExpressions() {
    }

    /** What an expression may read. */
    record Scope(Function<String, Val> env, BiFunction<String, String, Val> stepOutput) {
        static final Scope NONE = new Scope(n -> null, (s, o) -> null);
    }

    /**
     * Substitutes every {@code ${{ … }}} in a workflow value.
     *
     * @param src where the text is written (its parts point there)
     */
    static Val evaluate(String text, Scope scope, Val.Hop src) {
        if (text == null) {
            return Val.EMPTY;
        }
        List<Val.Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${{", i);
            if (open < 0) {
                parts.add(lit(text.substring(i), src));
                break;
            }
            int close = text.indexOf("}}", open + 3);
            if (close < 0) {
                parts.add(lit(text.substring(i), src));
                break;
            }
            parts.add(lit(text.substring(i, open), src));
            parts.addAll(expression(text.substring(open + 3, close), scope, src).parts());
            i = close + 2;
        }
        return Val.of(parts);
    }

    private static Val.Part lit(String t, Val.Hop src) {
        return new Val.Part(t, null, src, List.of(), null);
    }

    /** The canonical way to write an expression: {@code ${{ a.b }}} with single spaces. */
    static String canonical(String expr) {
        return "${{ " + squash(expr) + " }}";
    }

    /** Rewrites every {@code ${{expr}}} of a text in canonical spacing, so a checklist may write either. */
    static String canonicalText(String text) {
        if (text == null || !text.contains("${{")) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${{", i);
            int close = open < 0 ? -1 : text.indexOf("}}", open + 3);
            if (open < 0 || close < 0) {
                b.append(text.substring(i));
                break;
            }
            b.append(text, i, open).append(canonical(text.substring(open + 3, close)));
            i = close + 2;
        }
        return b.toString();
    }

    private static String squash(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    static Val expression(String raw, Scope scope, Val.Hop src) {
        String expr = squash(raw);
        List<String> alternatives = splitOr(expr);
        if (alternatives.size() > 1) {
            Val first = operand(alternatives.get(0), scope, src);
            if (!first.hasSymbols()) {
                // a known non-empty value wins; an empty one falls through to the next operand
                return first.isEmpty() ? expression(String.join(" || ", alternatives.subList(1, alternatives.size())), scope, src) : first;
            }
            Val.Symbol s = first.symbols().get(0);
            String rest = String.join(" || ", alternatives.subList(1, alternatives.size()));
            return Val.symbol(new Val.Symbol(s.kind(), canonical(expr), s.description() + ", else " + rest), src);
        }
        return operand(expr, scope, src);
    }

    private static Val operand(String expr, Scope scope, Val.Hop src) {
        if (expr.length() >= 2 && expr.startsWith("'") && expr.endsWith("'")) {
            return Val.literal(expr.substring(1, expr.length() - 1).replace("''", "'"), src);
        }
        if (expr.matches("-?[0-9]+(\\.[0-9]+)?|true|false")) {
            return Val.literal(expr, src);
        }
        if (expr.equals("null")) {
            return Val.EMPTY;
        }
        String[] path = dotted(expr);
        if (path == null) {
            return sym(Val.Kind.CONTEXT, expr, "the expression " + canonical(expr), src);
        }
        String head = path[0].toLowerCase(Locale.ROOT);
        switch (head) {
            case "env" -> {
                if (path.length == 2) {
                    Val v = scope.env().apply(path[1]);
                    return v != null ? v : sym(Val.Kind.UNSET, expr, "env." + path[1] + ", which the workflow does not set", src);
                }
            }
            case "github" -> {
                if (path.length == 2 && path[1].equals("sha")) {
                    return sym(Val.Kind.SHA, expr, "the commit's sha (github.sha)", src);
                }
                if (path.length == 4 && path[1].equals("event") && path[2].equals("inputs")) {
                    return sym(Val.Kind.INPUT, expr, "input " + path[3], src);
                }
                return sym(Val.Kind.CONTEXT, expr, expr + ", known when the workflow runs", src);
            }
            case "secrets" -> {
                return sym(Val.Kind.SECRET, expr, "secret " + tail(path), src);
            }
            case "vars" -> {
                return sym(Val.Kind.VARIABLE, expr, "repository variable " + tail(path), src);
            }
            case "inputs" -> {
                return sym(Val.Kind.INPUT, expr, "input " + tail(path), src);
            }
            case "matrix" -> {
                return sym(Val.Kind.MATRIX, expr, "matrix value " + tail(path), src);
            }
            case "steps" -> {
                if (path.length == 4 && path[2].equals("outputs")) {
                    Val v = scope.stepOutput().apply(path[1], path[3]);
                    String what = "output " + path[3] + " of step " + path[1];
                    if (v != null) {
                        String from = v.render();
                        return sym(Val.Kind.STEP_OUTPUT, expr, what + " (" + abbreviate(from) + ")", src);
                    }
                    return sym(Val.Kind.STEP_OUTPUT, expr, what, src);
                }
                return sym(Val.Kind.STEP_OUTPUT, expr, expr, src);
            }
            default -> {
            }
        }
        return sym(Val.Kind.CONTEXT, expr, expr + ", known when the workflow runs", src);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static Val sym(Val.Kind kind, String expr, String description, Val.Hop src) {
        return Val.symbol(new Val.Symbol(kind, canonical(expr), description), src);
    }

    private static String tail(String[] path) {
        return String.join(".", java.util.Arrays.copyOfRange(path, 1, path.length));
    }

    /** {@code a.b.c} or {@code a['b'].c} as segments; null for anything else. */
    private static String[] dotted(String expr) {
        String normal = expr.replaceAll("\\[\\s*'([^']*)'\\s*]", ".$1");
        if (!normal.matches("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_*-]+)*")) {
            return null;
        }
        return normal.split("\\.");
    }

    /** Top-level {@code ||} operands, outside quotes and parentheses. */
    private static List<String> splitOr(String expr) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '|' && i + 1 < expr.length() && expr.charAt(i + 1) == '|') {
                out.add(expr.substring(from, i).strip());
                from = i + 2;
                i++;
            }
        }
        out.add(expr.substring(from).strip());
        return out;
    }
}

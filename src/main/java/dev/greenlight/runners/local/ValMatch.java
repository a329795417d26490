package dev.greenlight.runners.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares a {@link Val} with what a checklist expects, and says why. Three answers besides a
 * match: the value is different (FAIL), the value depends on something only the run knows and
 * could be either (WARN: "depends on secret STACK_NAME"), or the value is right only on one
 * branch of a shell condition (WARN: "only when …").
 *
 * <p>The expected text is written as a checklist writes it: literal text, and
 * {@code ${{ github.sha }}} or {@code ${{ secrets.X }}} for run-time values, in any spacing.
 */
final class ValMatch {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");
    /** Symbols whose run-time text could be a whole list of words (a parameter list read from elsewhere). */
    private static final Set<Val.Kind> OPAQUE = Set.of(Val.Kind.UNSET, Val.Kind.COMMAND_OUTPUT, Val.Kind.INPUT,
            Val.Kind.VARIABLE, Val.Kind.STEP_OUTPUT, Val.Kind.CONTEXT);

    private ValMatch() {
    }

    enum Outcome { MATCH, MISMATCH, UNDECIDED, CONDITIONAL }

    /** @param why a phrase for the reason sentence (empty on a plain match or mismatch) */
    record Verdict(Outcome outcome, String why) {
        boolean ok() {
            return outcome == Outcome.MATCH;
        }
    }

    /**
     * The value equals the expected text; a {@code *} in it stands for any text, so
     * {@code *}{@code /backend-lambda-function:${{ github.sha }}} accepts any registry.
     */
    static Verdict equalsExpected(Val actual, String expected) {
        String want = ActionsExpressions.canonicalText(expected);
        if (actual.render().equals(want) || (want.contains("*") && glob(want).matcher(actual.render()).matches())) {
            return conditional(actual.conditions());
        }
        if (want.contains("*") && !actual.hasSymbols()) {
            return new Verdict(Outcome.MISMATCH, "");
        }
        if (!actual.hasSymbols()) {
            return new Verdict(Outcome.MISMATCH, "");
        }
        // many unknowns make any text possible (and a regex of many wildcards slow to refute)
        if (actual.symbols().size() > 6 || possible(actual).matcher(want).matches()) {
            return new Verdict(Outcome.UNDECIDED, dependsOn(actual));
        }
        return new Verdict(Outcome.MISMATCH, "");
    }

    static Verdict contains(Val actual, String needle) {
        String want = ActionsExpressions.canonicalText(needle);
        String r = actual.render();
        List<String> conditions = null;
        for (int at = r.indexOf(want); at >= 0; at = r.indexOf(want, at + 1)) {
            List<String> c = actual.partsIn(at, at + Math.max(1, want.length())).stream()
                    .map(Val.Part::condition).filter(x -> x != null).distinct().toList();
            if (c.isEmpty()) {
                return new Verdict(Outcome.MATCH, "");
            }
            conditions = conditions == null ? c : conditions;
        }
        if (conditions != null) {
            return conditional(conditions);
        }
        List<Val.Symbol> hiding = opaqueFields(actual);
        if (!hiding.isEmpty()) {
            return new Verdict(Outcome.UNDECIDED, "it may come from "
                    + String.join(", ", hiding.stream().map(Val.Symbol::description).distinct().toList())
                    + ", known only when the workflow runs");
        }
        return new Verdict(Outcome.MISMATCH, "");
    }

    private static Pattern glob(String want) {
        StringBuilder re = new StringBuilder();
        for (String piece : want.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append("[\\s\\S]*");
            }
            re.append(Pattern.quote(piece));
        }
        return Pattern.compile(re.toString());
    }

    /** Where in the rendered value the needle is, or -1. */
    static int indexOf(Val actual, String needle) {
        return actual.render().indexOf(ActionsExpressions.canonicalText(needle));
    }

    private static Verdict conditional(List<String> conditions) {
        return conditions.isEmpty() ? new Verdict(Outcome.MATCH, "")
                : new Verdict(Outcome.CONDITIONAL, "only when " + String.join(" and ", conditions));
    }

    /** Every text the value could have at run time: the commit's sha is hex, anything else unknown is anything. */
    private static Pattern possible(Val v) {
        StringBuilder re = new StringBuilder();
        for (Val.Part p : v.parts()) {
            if (p.symbol() == null) {
                re.append(Pattern.quote(p.text()));
            } else if (p.symbol().kind() == Val.Kind.SHA) {
                re.append("(?:").append(SHA.pattern()).append('|').append(Pattern.quote(p.symbol().canonical())).append(')');
            } else {
                re.append("[\\s\\S]*");
            }
        }
        return Pattern.compile(re.toString());
    }

    private static String dependsOn(Val v) {
        List<String> what = new ArrayList<>();
        for (Val.Symbol s : v.symbols()) {
            if (!what.contains(s.description())) {
                what.add(s.description());
            }
        }
        return "it depends on " + String.join(", ", what) + ", known only when the workflow runs";
    }

    /** Symbols that stand as whole words, and so could stand for any words at run time. */
    private static List<Val.Symbol> opaqueFields(Val v) {
        List<Val.Symbol> out = new ArrayList<>();
        List<Val.Part> parts = v.parts();
        for (int k = 0; k < parts.size(); k++) {
            Val.Part p = parts.get(k);
            if (p.symbol() == null || !OPAQUE.contains(p.symbol().kind())) {
                continue;
            }
            boolean before = k == 0 || endsBlank(parts.get(k - 1));
            boolean after = k == parts.size() - 1 || startsBlank(parts.get(k + 1));
            if (before && after) {
                out.add(p.symbol());
            }
        }
        return out;
    }

    private static boolean endsBlank(Val.Part p) {
        return p.symbol() == null && !p.text().isEmpty() && Character.isWhitespace(p.text().charAt(p.text().length() - 1));
    }

    private static boolean startsBlank(Val.Part p) {
        return p.symbol() == null && !p.text().isEmpty() && Character.isWhitespace(p.text().charAt(0));
    }
}

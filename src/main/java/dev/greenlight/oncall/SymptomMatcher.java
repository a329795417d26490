package dev.greenlight.oncall;

import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.Troubleshoot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * On-call mode: from a pasted error message or log line to the items that explain it.
 *
 * <p>An item matches when one of its {@code symptoms:} regexes, or the {@code when} regex of one of
 * its troubleshooting entries, is found in the text (case-insensitive, like {@code when}). Ranking:
 * a symptom match before a troubleshooting match (symptoms are written for this; {@code when}
 * patterns are written for a failing verdict and are often generic, like "not found"); then the
 * longer matched text first, as the more specific explanation; then checklist order.
 *
 * <p>Remedies of a match are the item's troubleshooting entries whose {@code when} matches the text;
 * when an item matched by symptom has none of those, all its entries, since they are its remedies.
 */
public final class SymptomMatcher {
    /** Pasted text beyond this is ignored, so a pasted log file cannot make matching slow. */
    public static final int MAX_TEXT = 64 * 1024;

    public enum Kind { SYMPTOM, TROUBLESHOOT }

    /**
     * @param pattern  the regex that matched best
     * @param matched  the text it matched
     * @param remedies troubleshooting entries to show, in the item's order
     */
    public record Match(Item item, Kind kind, String pattern, String matched, List<Troubleshoot> remedies) {
        public Match {
            remedies = List.copyOf(remedies);
        }
    }

    private record Compiled(Item item, int order, List<Pattern> symptoms, List<Pattern> whens) {
    }

    private final List<Compiled> items = new ArrayList<>();

    public SymptomMatcher(Checklist checklist) {
        int order = 0;
        for (Item item : checklist.items().toList()) {
            List<Pattern> symptoms = new ArrayList<>();
            item.symptoms().forEach(s -> compile(s).ifPresent(symptoms::add));
            List<Pattern> whens = new ArrayList<>();
            for (Troubleshoot t : item.troubleshoot()) {
                whens.add(t.when() == null || t.when().isBlank() ? null : compile(t.when()).orElse(null));
            }
            items.add(new Compiled(item, order++, symptoms, whens));
        }
    }

    /** The matching items, best first; empty when nothing matches. */
    public List<Match> match(String pasted) {
        String text = pasted == null ? "" : pasted.length() > MAX_TEXT ? pasted.substring(0, MAX_TEXT) : pasted;
        record Ranked(Match match, int length, int order) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Compiled c : items) {
            Best symptom = best(c.symptoms(), text);
            List<Troubleshoot> remedies = new ArrayList<>();
            Best when = null;
            for (int i = 0; i < c.whens().size(); i++) {
                Pattern p = c.whens().get(i);
                if (p == null) {
                    continue;
                }
                Best b = best(List.of(p), text);
                if (b != null) {
                    remedies.add(c.item().troubleshoot().get(i));
                    when = when == null || b.matched().length() > when.matched().length() ? b : when;
                }
            }
            if (symptom != null) {
                List<Troubleshoot> shown = remedies.isEmpty() ? c.item().troubleshoot() : remedies;
                ranked.add(new Ranked(new Match(c.item(), Kind.SYMPTOM, symptom.pattern(), symptom.matched(), shown),
                        symptom.matched().length(), c.order()));
            } else if (when != null) {
                ranked.add(new Ranked(new Match(c.item(), Kind.TROUBLESHOOT, when.pattern(), when.matched(), remedies),
                        when.matched().length(), c.order()));
            }
        }
        return ranked.stream()
                .sorted(Comparator.comparing((Ranked r) -> r.match().kind())
                        .thenComparing(Ranked::length, Comparator.reverseOrder())
                        .thenComparing(Ranked::order))
                .map(Ranked::match).toList();
    }

    /**
     * At most this many items matched only by a troubleshooting {@code when} are run when no symptom
     * matches; more means the text hit a generic pattern ("not found", "missing") shared by much of
     * the checklist, which points nowhere: running them all would bury the answer.
     */
    public static final int FALLBACK_LIMIT = 3;

    /** What a diagnosis rests on. */
    public enum Basis {
        /** Items declare the text as a symptom; only they run. */
        SYMPTOM,
        /** No symptom, but a few items' troubleshooting entries match; they run. */
        TROUBLESHOOTING,
        /** No symptom, and too many troubleshooting matches to point anywhere; none runs. */
        TOO_GENERIC,
        /** Nothing matches. */
        NOTHING
    }

    /**
     * What on-call should look at for a pasted message: one rule for the CLI and the window.
     *
     * @param explaining the items to run and show: the symptom matches when there is any, else the
     *                   troubleshooting matches when there are at most {@link #FALLBACK_LIMIT}, else none
     * @param related    matches listed apart and not run: troubleshooting matches set aside because
     *                   symptoms matched, or all of them when they are too many ({@code when} patterns
     *                   are written for a failing verdict and are often as generic as "not found")
     */
    public record Diagnosis(Basis basis, List<Match> explaining, List<Match> related) {
        public Diagnosis {
            explaining = List.copyOf(explaining);
            related = List.copyOf(related);
        }

        public boolean isEmpty() {
            return explaining.isEmpty();
        }

        /** Every match, the explaining ones first, each list best first. */
        public List<Match> all() {
            List<Match> out = new ArrayList<>(explaining);
            out.addAll(related);
            return out;
        }
    }

    /** {@link #match} split for on-call by the one rule of {@link Diagnosis}. */
    public Diagnosis diagnose(String pasted) {
        List<Match> all = match(pasted);
        List<Match> symptoms = all.stream().filter(m -> m.kind() == Kind.SYMPTOM).toList();
        List<Match> whens = all.stream().filter(m -> m.kind() == Kind.TROUBLESHOOT).toList();
        if (!symptoms.isEmpty()) {
            return new Diagnosis(Basis.SYMPTOM, symptoms, whens);
        }
        if (whens.isEmpty()) {
            return new Diagnosis(Basis.NOTHING, List.of(), List.of());
        }
        return whens.size() <= FALLBACK_LIMIT
                ? new Diagnosis(Basis.TROUBLESHOOTING, whens, List.of())
                : new Diagnosis(Basis.TOO_GENERIC, List.of(), whens);
    }

    /** The ids of the matched items, in rank order, for {@code RunOptions.withOnly}. */
    public static Set<String> itemIds(List<Match> matches) {
        Set<String> ids = new LinkedHashSet<>();
        matches.forEach(m -> ids.add(m.item().id()));
        return ids;
    }

    private record Best(String pattern, String matched) {
    }

    private static Best best(List<Pattern> patterns, String text) {
        Best best = null;
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String found = m.group();
                if (best == null || found.length() > best.matched().length()) {
                    best = new Best(p.pattern(), found);
                }
                if (m.end() == m.start() && m.end() >= text.length()) {
                    break;
                }
            }
        }
        return best;
    }

    private static java.util.Optional<Pattern> compile(String regex) {
        try {
            return java.util.Optional.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            // the loader reports bad regexes with file:line; here a bad one simply never matches
            return java.util.Optional.empty();
        }
    }
}

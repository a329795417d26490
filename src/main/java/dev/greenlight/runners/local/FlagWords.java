package dev.greenlight.runners.local;

import java.util.Arrays;
import java.util.List;

/**
 * The words a flag's value must include, others may come too ({@code --capabilities
 * CAPABILITY_IAM CAPABILITY_AUTO_EXPAND} includes CAPABILITY_IAM). {@code A|B} is either word: a
 * template with unnamed IAM roles deploys with CAPABILITY_IAM or CAPABILITY_NAMED_IAM, so a
 * checklist must not insist on one of them. Words are whole words: CAPABILITY_IAM is not inside
 * CAPABILITY_NAMED_IAM. A value that depends on something only the run knows is a caveat.
 */
final class FlagWords {
    private FlagWords() {
    }

    static void check(String flag, Val value, List<String> wanted, List<String> problems, List<String> caveats, List<String> actual) {
        String shown = value.render();
        // sam reads "A B" and "A,B" alike; samconfig arrays arrive as separate words
        List<String> words = Arrays.asList(shown.split("[\\s,]+"));
        actual.add(flag + " " + shown);
        for (String want : wanted) {
            List<String> alternatives = Arrays.stream(want.split("\\|")).map(String::strip).filter(w -> !w.isEmpty()).toList();
            if (alternatives.stream().anyMatch(words::contains)) {
                List<String> conditions = value.conditions();
                if (!conditions.isEmpty()) {
                    caveats.add("passes " + flag + " " + shown + " only when " + String.join(" and ", conditions));
                }
                continue;
            }
            String either = alternatives.size() == 1 ? alternatives.get(0)
                    : String.join(" or ", alternatives);
            ValMatch.Verdict undecided = alternatives.stream().map(a -> ValMatch.contains(value, a))
                    .filter(v -> v.outcome() == ValMatch.Outcome.UNDECIDED).findFirst().orElse(null);
            if (undecided != null) {
                caveats.add("passes " + flag + " " + shown + ", which may or may not include " + either + ": " + undecided.why());
            } else {
                problems.add("passes " + flag + " " + (shown.isEmpty() ? "with no value" : shown)
                        + (value.origin().isEmpty() ? "" : " (" + value.origin() + ")") + ", which does not include " + either);
            }
        }
    }
}

package dev.greenlight.engine;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" for misspelt names. */
public final class Names {
    /** Longer names get no suggestion. */
    static final int MAX_NAME_CHARS = 200;
    /** More candidates get no suggestion: a file with 100,000 names is not a typo to fix by hand. */
    public static final int MAX_CANDIDATES = 10_000;

    private Names() {
    }

    /** The closest candidate within a distance that still looks like a typo. */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        // edit distance is quadratic in length, and nobody mistypes a name of hundreds of characters
        if (name == null || name.length() > MAX_NAME_CHARS || candidates.size() > MAX_CANDIDATES) {
            return Optional.empty();
        }
        int allowed = Math.max(2, name.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c == null || Math.abs(c.length() - name.length()) > allowed) {
                continue; // the distance is at least the length difference
            }
            int d = distance(name.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    public static String didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates).map(c -> "did you mean '" + c + "'?").orElse(null);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

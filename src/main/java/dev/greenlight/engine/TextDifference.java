package dev.greenlight.engine;

/**
 * A note comparing a value with the exact text a runbook quotes, for items whose verdict rests on a
 * looser test ({@code contains: v3.0}) but whose reader wants to know whether the value is the quoted
 * one, and if not, where it departs from it.
 */
public final class TextDifference {
    private static final int CONTEXT = 16;

    private TextDifference() {
    }

    /** "Exactly the document's text …" or where the two first differ, with a little context. */
    public static String note(String quoted, String actual) {
        if (quoted.equals(actual)) {
            return "It is exactly the text the document quotes: \"" + quoted + "\".";
        }
        int prefix = 0;
        int max = Math.min(quoted.length(), actual.length());
        while (prefix < max && quoted.charAt(prefix) == actual.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && quoted.charAt(quoted.length() - 1 - suffix) == actual.charAt(actual.length() - 1 - suffix)) {
            suffix++;
        }
        String before = prefix > CONTEXT ? "…" + quoted.substring(prefix - CONTEXT, prefix) : quoted.substring(0, prefix);
        String wanted = quoted.substring(prefix, quoted.length() - suffix);
        String found = actual.substring(prefix, actual.length() - suffix);
        return "It is not exactly the text the document quotes, \"" + quoted + "\": after \"" + before + "\" (character "
                + (prefix + 1) + ") the document has " + shown(wanted) + " where this has " + shown(found) + ".";
    }

    private static String shown(String s) {
        return s.isEmpty() ? "nothing" : "\"" + s + "\"";
    }
}

package dev.greenlight.yaml;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The YAML parser's words turned into a sentence a person can act on, with the line and column:
 * "expected &lt;block end&gt;, but found '&lt;block mapping start&gt;'" says that a line is indented
 * differently from the lines around it. The parser's own words stay available as detail.
 */
public final class YamlWording {
    private record Rule(Pattern raw, String sentence) {
    }

    // {at} is "line L, column C"; order matters: the first rule whose pattern is found wins
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("expected <block end>, but found '<block (mapping|sequence) start>'"),
                    "{at} is indented more or less than the lines it belongs with: keys of one mapping"
                            + " (and items of one list) must start at the same column"),
            new Rule(Pattern.compile("expected <block end>, but found"),
                    "something at {at} is indented out of line with the block above it; check its indentation"),
            new Rule(Pattern.compile("mapping values are not allowed here"),
                    "a ': ' at {at} where a plain value was expected: quote a value that contains ': '"
                            + " (title: \"a: b\"), or check the indentation of the line"),
            new Rule(Pattern.compile("could not find expected ':'"),
                    "a key without ':' near {at} (or a quote that is never closed)"),
            new Rule(Pattern.compile("found character '\\\\t'|found character '\t'|cannot start any token.*\\\\t"),
                    "a tab at {at}: YAML indents with spaces only"),
            new Rule(Pattern.compile("did not find expected key"),
                    "another key of the mapping was expected at {at}; check the indentation and any unclosed quote or bracket"),
            new Rule(Pattern.compile("did not find expected '-' indicator"),
                    "a list item at {at} should start with '- ' at the same column as the items above it"),
            new Rule(Pattern.compile("did not find expected ',' or '(\\]|\\})'"),
                    "a [list] or {mapping} written on one line is not closed, or lacks a ',' near {at}"),
            new Rule(Pattern.compile("found unexpected end of stream|unexpected end of"),
                    "the file ends (at {at}) inside a quote or bracket that is never closed"),
            new Rule(Pattern.compile("found unknown escape character"),
                    "an unknown backslash escape in a double-quoted value at {at}: write \\\\ for a backslash,"
                            + " or use single quotes"));

    private YamlWording() {
    }

    /** The sentence for a raw parser message at {@code at}, or the raw message when no rule knows it. */
    public static String sentence(String raw, Location at) {
        if (raw == null) {
            return "unreadable YAML";
        }
        String where = at == null ? "this place" : "line " + at.line() + ", column " + at.column();
        for (Rule r : RULES) {
            if (r.raw().matcher(raw).find()) {
                return r.sentence().replace("{at}", where);
            }
        }
        return raw;
    }
}

package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.SourceFile;
import dev.greenlight.yaml.LocatedTree;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${Name}} placeholders of a state machine definition that DefinitionSubstitutions must
 * fill, with the file and line of each occurrence. {@code $${Name}} is an escaped literal and skipped.
 */
final class AslPlaceholders {
    static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z0-9_][A-Za-z0-9_.:\\-]*)}");

    /** One occurrence of a placeholder. */
    record Occurrence(String name, String file, int line, String text) {
    }

    private AslPlaceholders() {
    }

    /**
     * Every occurrence in a parsed definition: a definition file ({@link JsonDocument}, pointer "")
     * or an inline {@code Definition} map / {@code DefinitionString} of a template. Each string value is scanned and reported at the line of its key, or at the first
     * line from there on that shows the placeholder (block scalars start on the next line).
     */
    static List<Occurrence> inTemplate(JsonNode node, String pointer, LocatedTree tree, SourceFile source) {
        List<Occurrence> out = new ArrayList<>();
        walk(node, pointer, tree, source, out);
        return out;
    }

    private static void walk(JsonNode node, String pointer, LocatedTree tree, SourceFile source, List<Occurrence> out) {
        if (node.isTextual()) {
            int from = tree.nearest(pointer).line();
            Matcher m = PLACEHOLDER.matcher(node.asText());
            while (m.find()) {
                int line = lineShowing(source, from, m.group());
                from = line; // later occurrences of one string are on this line or after it
                out.add(new Occurrence(m.group(1), source.relPath(), line, SourceExcerpt.line(source, line)));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, tree, source, out);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // substitution is textual, so a placeholder in a member name is filled too
                Matcher k = PLACEHOLDER.matcher(e.getKey());
                String keyPointer = pointer + "/" + LocatedTree.segment(e.getKey());
                while (k.find()) {
                    int line = tree.nearest(keyPointer).line();
                    out.add(new Occurrence(k.group(1), source.relPath(), line, SourceExcerpt.line(source, line)));
                }
                walk(e.getValue(), pointer + "/" + LocatedTree.segment(e.getKey()), tree, source, out);
            }
        }
    }

    private static int lineShowing(SourceFile source, int from, String token) {
        for (int l = from; l <= source.lines().size() && l < from + 10_000; l++) {
            if (source.line(l).contains(token)) {
                return l;
            }
        }
        return from;
    }
}

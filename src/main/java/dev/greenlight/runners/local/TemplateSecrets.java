package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Redactor;
import dev.greenlight.yaml.LocatedTree;
import dev.greenlight.yaml.Location;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a template that hold a secret by position rather than by name: the literal value of
 * a {@code NoEcho} parameter (its {@code Default}), and literal values of a function's environment
 * ({@code Environment.Variables}, also in SAM {@code Globals}), which Lambda shows to anyone who may
 * read the function's configuration and which teams use for keys. References ({@code !Ref},
 * {@code !GetAtt}, {@code {{resolve:…}}}) are not literals and stay readable.
 */
final class TemplateSecrets {
    private static final Set<String> FUNCTION_TYPES = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");
    /** {@code  KEY: value}, {@code "KEY": "value"}: everything after the first key's colon is the value. */
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:-\\s+)?(?:\"[^\"]*\"|'[^']*'|[^\\s:'\"][^:]*?)\\s*:\\s+)(\\S.*)$");

    private final Set<Integer> lines;

    private TemplateSecrets(Set<Integer> lines) {
        this.lines = lines;
    }

    static TemplateSecrets of(LocatedTree tree) {
        Set<Integer> out = new HashSet<>();
        JsonNode root = tree.root();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Parameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode noEcho = p.getValue().path("NoEcho");
            if (noEcho.asBoolean(false) || noEcho.asText("").equalsIgnoreCase("true")) {
                literalLine(tree, "/Parameters/" + LocatedTree.segment(p.getKey()) + "/Default", p.getValue().path("Default"), out);
            }
        }
        environment(tree, "/Globals/Function", root.path("Globals").path("Function"), out);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (FUNCTION_TYPES.contains(r.getValue().path("Type").asText())) {
                environment(tree, "/Resources/" + LocatedTree.segment(r.getKey()) + "/Properties",
                        r.getValue().path("Properties"), out);
            }
        }
        return new TemplateSecrets(out);
    }

    private static void environment(LocatedTree tree, String pointer, JsonNode props, Set<Integer> out) {
        JsonNode vars = props.path("Environment").path("Variables");
        for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            literalLine(tree, pointer + "/Environment/Variables/" + LocatedTree.segment(v.getKey()), v.getValue(), out);
        }
    }

    private static void literalLine(LocatedTree tree, String pointer, JsonNode value, Set<Integer> out) {
        if (value.isValueNode() && !value.isNull() && !value.isBoolean()) {
            tree.locate(pointer).map(Location::line).ifPresent(out::add);
        }
    }

    /** The excerpt of a line with its value masked when the line holds a secret literal. */
    String mask(int line, String excerpt) {
        if (!lines.contains(line)) {
            return excerpt;
        }
        Matcher m = KEY_VALUE.matcher(excerpt);
        return m.matches() ? m.group(1) + Redactor.MASK : Redactor.MASK;
    }
}

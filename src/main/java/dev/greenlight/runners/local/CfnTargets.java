package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The logical ids a template value refers to through Ref, Fn::GetAtt and Fn::Sub. */
final class CfnTargets {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** A Sub string that is one variable and nothing else ({@code ${!x}} is a literal, not a variable). */
    private static final Pattern SOLE_VARIABLE = Pattern.compile("\\$\\{([^}!\\s][^}\\s]*)}");

    /**
     * One reference.
     *
     * @param via     "Ref", "GetAtt" or "Sub"
     * @param logical the logical id (or parameter) referred to
     * @param attr    the attribute for GetAtt-like references, else null
     */
    record Target(String via, String logical, String attr) {
        /** A Ref may name a parameter or a pseudo parameter; GetAtt only a resource. */
        boolean resolvesIn(CfnTemplate t) {
            if (logical.startsWith("AWS::")) {
                return attr == null;
            }
            return t.hasResource(logical) || (attr == null && t.hasParameter(logical));
        }

        String shown() {
            return switch (via) {
                case "GetAtt" -> "!GetAtt " + logical + "." + attr;
                case "Ref" -> "!Ref " + logical;
                default -> "${" + logical + (attr == null ? "" : "." + attr) + "} in !Sub";
            };
        }
    }

    private CfnTargets() {
    }

    static List<Target> of(JsonNode value) {
        List<Target> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(JsonNode v, List<Target> out) {
        if (v.isArray()) {
            v.forEach(e -> collect(e, out));
            return;
        }
        if (!v.isObject()) {
            return;
        }
        if (ValueMatcher.isIntrinsic(v)) {
            String fn = v.fieldNames().next();
            JsonNode arg = v.get(fn);
            switch (fn) {
                case "Ref" -> {
                    if (arg.isTextual()) {
                        out.add(new Target("Ref", arg.asText(), null));
                    }
                    return;
                }
                case "Fn::GetAtt" -> {
                    if (arg.isArray() && arg.size() >= 1 && arg.get(0).isTextual()) {
                        out.add(new Target("GetAtt", arg.get(0).asText(), arg.size() > 1 ? arg.get(1).asText() : ""));
                    } else if (arg.isTextual()) {
                        String s = arg.asText();
                        int dot = s.indexOf('.');
                        out.add(new Target("GetAtt", dot < 0 ? s : s.substring(0, dot), dot < 0 ? "" : s.substring(dot + 1)));
                    }
                    return;
                }
                case "Fn::Sub" -> {
                    if (arg.isTextual()) {
                        sub(arg.asText(), Set.of(), out);
                    } else if (arg.isArray() && arg.size() == 1 && arg.get(0).isTextual()) {
                        sub(arg.get(0).asText(), Set.of(), out);
                    } else if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual()) {
                        Set<String> vars = new HashSet<>();
                        arg.get(1).fieldNames().forEachRemaining(vars::add);
                        sub(arg.get(0).asText(), vars, out);
                        collect(arg.get(1), out);
                    }
                    return;
                }
                case "Fn::If" -> {
                    // the first argument is a condition name, not a resource
                    for (int i = 1; i < arg.size(); i++) {
                        collect(arg.get(i), out);
                    }
                    return;
                }
                default -> {
                    collect(arg, out);
                    return;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            collect(it.next().getValue(), out);
        }
    }

    /** Names an Fn::Sub string resolves itself: resources, attributes, parameters, pseudo parameters. */
    static void sub(String text, Set<String> vars, List<Target> out) {
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1).strip();
            if (name.startsWith("!") || vars.contains(name) || name.isEmpty()) {
                continue;
            }
            int dot = name.indexOf('.');
            out.add(new Target("Sub", dot < 0 ? name : name.substring(0, dot), dot < 0 ? null : name.substring(dot + 1)));
        }
    }

    /**
     * "Logical.Attr" for GetAtt, "Logical" for Ref, the text of a plain value; as `expect` is written.
     * A Sub that is exactly one variable resolves to the same value as the GetAtt or Ref it names:
     * {@code !Sub "${Fn.Arn}"} is {@code Fn.Arn}, {@code !Sub "${Fn}"} is {@code Fn}, in the string
     * form, the one-element list form, and the list form whose variable map gives the value.
     */
    static String asExpectation(JsonNode v) {
        if (ValueMatcher.isIntrinsic(v)) {
            String fn = v.fieldNames().next();
            JsonNode arg = v.get(fn);
            if (fn.equals("Ref") && arg.isTextual()) {
                return arg.asText();
            }
            if (fn.equals("Fn::GetAtt")) {
                return ValueMatcher.show(v).substring("!GetAtt ".length());
            }
            if (fn.equals("Fn::Sub")) {
                String only = soleVariable(arg);
                if (only != null) {
                    return only;
                }
            }
        }
        return ValueMatcher.show(v);
    }

    /** The expectation a Sub resolves to when its text is nothing but one {@code ${name}}; else null. */
    private static String soleVariable(JsonNode arg) {
        JsonNode text = arg.isArray() && (arg.size() == 1 || arg.size() == 2) ? arg.get(0) : arg;
        if (text == null || !text.isTextual()) {
            return null;
        }
        Matcher m = SOLE_VARIABLE.matcher(text.asText());
        if (!m.matches()) {
            return null;
        }
        String name = m.group(1);
        JsonNode vars = arg.isArray() && arg.size() == 2 ? arg.get(1) : null;
        if (vars != null && vars.has(name)) {
            return asExpectation(vars.get(name));
        }
        return name;
    }
}

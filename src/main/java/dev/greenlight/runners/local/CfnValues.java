package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template values evaluated symbolically, the way CloudFormation and SAM resolve them at deploy
 * time, so that two spellings of the same value compare equal: {@code !GetAtt Fn.Arn},
 * {@code !Sub "${Fn.Arn}"}, {@code !Sub "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}"}
 * and the same ARN built with {@code !Join} are one value. What only the deploy knows (the
 * region, a resource's physical name, a parameter's override) stays a {@code ${…}} symbol.
 * {@code Fn::If} keeps both branches; {@code Fn::FindInMap} with literal keys is looked up.
 */
final class CfnValues {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** Resource types whose {@code Arn} attribute is {@code arn:…:lambda:…:function:<Ref>}. */
    private static final Set<String> FUNCTIONS = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");
    private static final String FUNCTION_ARN = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:";

    private CfnValues() {
    }

    /** A target as checklists write it: {@code Fn.Arn} is a GetAtt, {@code Fn} a Ref. */
    static String target(String target, CfnTemplate t) {
        int dot = target.indexOf('.');
        return dot < 0 ? ref(target, t) : getAtt(target.substring(0, dot), target.substring(dot + 1), t);
    }

    /** True when the value resolves to what the target resolves to. */
    static boolean same(JsonNode value, String target, CfnTemplate t) {
        return canonical(value, t).equals(target(target, t));
    }

    /** The value with every intrinsic resolved as far as the template alone allows. */
    static String canonical(JsonNode v, CfnTemplate t) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        if (!ValueMatcher.isIntrinsic(v)) {
            return ValueMatcher.show(v);
        }
        String fn = v.fieldNames().next();
        JsonNode arg = v.get(fn);
        switch (fn) {
            case "Ref" -> {
                return arg.isTextual() ? ref(arg.asText(), t) : ValueMatcher.show(v);
            }
            case "Fn::GetAtt" -> {
                if (arg.isArray() && arg.size() == 2) {
                    return getAtt(arg.get(0).asText(), canonical(arg.get(1), t), t);
                }
                if (arg.isTextual() && arg.asText().contains(".")) {
                    String s = arg.asText();
                    return getAtt(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1), t);
                }
                return ValueMatcher.show(v);
            }
            case "Fn::Sub" -> {
                if (arg.isTextual()) {
                    return sub(arg.asText(), Map.of(), t);
                }
                if (arg.isArray() && arg.size() >= 1 && arg.get(0).isTextual()) {
                    Map<String, String> vars = new java.util.HashMap<>();
                    if (arg.size() == 2 && arg.get(1).isObject()) {
                        for (Iterator<Map.Entry<String, JsonNode>> it = arg.get(1).fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            vars.put(e.getKey(), canonical(e.getValue(), t));
                        }
                    }
                    return sub(arg.get(0).asText(), vars, t);
                }
                return ValueMatcher.show(v);
            }
            case "Fn::Join" -> {
                if (arg.isArray() && arg.size() == 2 && arg.get(1).isArray()) {
                    List<String> parts = new ArrayList<>();
                    arg.get(1).forEach(p -> parts.add(canonical(p, t)));
                    return String.join(canonical(arg.get(0), t), parts);
                }
                return ValueMatcher.show(v);
            }
            case "Fn::If" -> {
                if (arg.isArray() && arg.size() == 3) {
                    String a = canonical(arg.get(1), t);
                    String b = canonical(arg.get(2), t);
                    return a.equals(b) ? a : "${If " + arg.get(0).asText() + " ? " + a + " : " + b + "}";
                }
                return ValueMatcher.show(v);
            }
            case "Fn::FindInMap" -> {
                if (arg.isArray() && arg.size() == 3) {
                    String map = canonical(arg.get(0), t);
                    String top = canonical(arg.get(1), t);
                    String second = canonical(arg.get(2), t);
                    JsonNode found = t.root().path("Mappings").path(map).path(top).path(second);
                    if (!found.isMissingNode() && !top.contains("${") && !second.contains("${")) {
                        return canonical(found, t);
                    }
                    return "${FindInMap " + map + "." + top + "." + second + "}";
                }
                return ValueMatcher.show(v);
            }
            default -> {
                return ValueMatcher.show(v);
            }
        }
    }

    /** {@code Ref}: a pseudo parameter or parameter stays a symbol; a resource is its physical id. */
    private static String ref(String name, CfnTemplate t) {
        return "${" + name + "}";
    }

    private static String getAtt(String logical, String attr, CfnTemplate t) {
        if (attr.equals("Arn") && t.hasResource(logical) && FUNCTIONS.contains(t.resourceType(logical))) {
            return FUNCTION_ARN + ref(logical, t);
        }
        return "${" + logical + "." + attr + "}";
    }

    private static String sub(String text, Map<String, String> vars, CfnTemplate t) {
        StringBuilder out = new StringBuilder();
        Matcher m = SUB_VARIABLE.matcher(text);
        int from = 0;
        while (m.find()) {
            out.append(text, from, m.start());
            String name = m.group(1).strip();
            if (name.startsWith("!")) {
                out.append(m.group(0));
            } else if (vars.containsKey(name)) {
                out.append(vars.get(name));
            } else if (name.contains(".")) {
                out.append(getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1), t));
            } else {
                out.append(ref(name, t));
            }
            from = m.end();
        }
        out.append(text.substring(from));
        return out.toString();
    }
}

package dev.greenlight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of one run: checklist defaults, per-run overrides, and dynamic sources that are
 * asked only when an item needs them ({@code git.sha}, {@code aws.account}, {@code stack.Fn}).
 *
 * <p>{@code ${name}} is replaced; {@code $${name}} stays literally as {@code ${name}}, which is how a
 * checklist mentions shell variables or ASL placeholders. GitHub's {@code ${{ expr }}} is left alone.
 */
public final class Variables {
    /** A ${name} reference. Names start with a letter or underscore; "${{" never matches. */
    public static final Pattern REFERENCE = Pattern.compile("(\\$?)\\$\\{([A-Za-z_][A-Za-z0-9_.:\\-]*)}");
    private static final Pattern WHOLE_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_.:\\-]*}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("0|-?[1-9][0-9]{0,17}");
    /** Variables defined through variables, at most this deep: resolution recurses once per level. */
    public static final int MAX_NESTING = 64;
    /** Longest value interpolation may build; {@code v2: ${v1}${v1}} doubling 40 times is an out-of-memory. */
    public static final int MAX_VALUE_CHARS = 1024 * 1024;

    /** Answers the variables under one prefix, such as "git." or "aws.". */
    public interface Source {
        Optional<String> lookup(String key) throws VariableException;
    }

    private final Map<String, String> values;
    private final Map<String, Source> sources;
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    public Variables(Map<String, String> values, Map<String, Source> sources) {
        this.values = new LinkedHashMap<>(values);
        this.sources = new LinkedHashMap<>(sources);
    }

    public static Variables of(Map<String, String> values) {
        return new Variables(values, Map.of());
    }

    /** A copy with more fixed values (later wins). */
    public Variables with(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(more);
        return new Variables(merged, sources);
    }

    public Variables withSource(String prefix, Source source) {
        Map<String, Source> merged = new LinkedHashMap<>(sources);
        merged.put(prefix, source);
        return new Variables(values, merged);
    }

    public boolean defines(String name) {
        if (values.containsKey(name)) {
            return true;
        }
        return sources.keySet().stream().anyMatch(name::startsWith);
    }

    public Set<String> names() {
        return values.keySet();
    }

    public String resolve(String name) throws VariableException {
        return resolve(name, new HashSet<>());
    }

    /** Resolves if possible, without failing; for headers and display. */
    public Optional<String> tryResolve(String name) {
        try {
            return Optional.of(resolve(name));
        } catch (VariableException e) {
            return Optional.empty();
        }
    }

    private String resolve(String name, Set<String> stack) throws VariableException {
        String done = resolved.get(name);
        if (done != null) {
            return done;
        }
        if (!stack.add(name)) {
            throw new VariableException(name, "variable '" + name + "' refers to itself through " + stack, Status.ERROR);
        }
        if (stack.size() > MAX_NESTING) {
            throw new VariableException(name, "variables are defined through other variables more than "
                    + MAX_NESTING + " levels deep (at '" + name + "')", Status.ERROR);
        }
        String value;
        if (values.containsKey(name)) {
            value = interpolate(values.get(name), stack);
        } else {
            value = null;
            for (Map.Entry<String, Source> e : sources.entrySet()) {
                if (name.startsWith(e.getKey())) {
                    value = e.getValue().lookup(name.substring(e.getKey().length()))
                            .orElseThrow(() -> new VariableException(name, "'" + name + "' is not known", Status.ERROR));
                    break;
                }
            }
            if (value == null) {
                throw new VariableException(name, "variable '" + name + "' is not defined", Status.ERROR);
            }
        }
        stack.remove(name);
        resolved.put(name, value);
        return value;
    }

    public String interpolate(String text) throws VariableException {
        return interpolate(text, new HashSet<>());
    }

    private String interpolate(String text, Set<String> stack) throws VariableException {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            if (!m.group(1).isEmpty()) {
                out.append("${").append(m.group(2)).append('}');
            } else {
                out.append(resolve(m.group(2), stack));
            }
            if (out.length() > MAX_VALUE_CHARS) {
                throw new VariableException(m.group(2), "interpolating ${" + m.group(2) + "} makes a value longer than "
                        + MAX_VALUE_CHARS + " characters", Status.ERROR);
            }
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    /** A deep copy of the node with every string interpolated. */
    public JsonNode interpolate(JsonNode node) throws VariableException {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = interpolate(node.asText());
            // a value that is one variable holding a whole number is that number, so a limit the person
            // sets (max-ms: ${cold_start_max_ms}) binds where a number is meant
            if (WHOLE_REFERENCE.matcher(node.asText()).matches() && WHOLE_NUMBER.matcher(text).matches()) {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(text));
            }
            return JsonNodeFactory.instance.textNode(text);
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode child : node) {
                copy.add(interpolate(child));
            }
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), interpolate(e.getValue()));
            }
            return copy;
        }
        return node;
    }

    /** The names a text refers to (escaped references excluded). */
    public static List<String> references(String text) {
        List<String> names = new ArrayList<>();
        if (text == null) {
            return names;
        }
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    /** Un-escapes {@code $${x}} to {@code ${x}} without resolving anything; for display of raw text. */
    public static String unescape(String text) {
        return text == null ? null : text.replace("$${", "${");
    }
}

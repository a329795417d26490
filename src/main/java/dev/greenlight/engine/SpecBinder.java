package dev.greenlight.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds a check's parameters (a YAML mapping read as a tree) to a runner's spec record.
 *
 * <p>It binds as a Jackson databind mapper would (kebab-case names, unknown keys refused,
 * single values accepted as lists, no coercion of scalars, no fraction as a whole number), for the few kinds of component a spec
 * has (text, whole numbers, true/false, lists and mappings of those, raw trees), without Jackson
 * databind, whose deserializers for ~20 record types cost 60–90 ms of every cold CLI run.
 * {@code SpecBinderTest} holds both to the same results over every
 * component of every runner's spec and a matrix of values, including their error wording.
 *
 * <p>Two answers are deliberately better than Jackson's: a mapping where a list is meant is
 * "expected a list, found a mapping" (Jackson wrapped it as a list of one and said the first
 * element was "something else"), and a whole number too large names its parameter and the range
 * (Jackson said only "parameters … cannot be read: Numeric value (…) out of range of int").
 *
 * <p>Rules (Jackson's, as configured there): keys are the components' names in kebab-case; a
 * missing key is null, a {@code @JsonProperty(required = true)} one a problem; text takes text,
 * numbers and true/false as written; a whole number takes only a whole number that fits; true/false
 * takes only true/false; a list also takes a single value as a list of one; a raw tree takes
 * anything, null as a null node.
 */
final class SpecBinder {
    /** Why a parameter cannot be bound: {@code field} is its path ("paths/1"), "" for the whole mapping. */
    static final class Problem extends Exception {
        final String field;
        final Kind kind;
        final Class<?> target;
        final JsonNode found;

        enum Kind { MISSING, WRONG_KIND, INVALID_VALUE, OUT_OF_RANGE }

        Problem(Kind kind, String field, Class<?> target, JsonNode found, String message) {
            super(message, null, false, false);
            this.kind = kind;
            this.field = field;
            this.target = target;
            this.found = found;
        }
    }

    private record Shape(Constructor<?> constructor, String[] keys, Type[] types, boolean[] required) {
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private SpecBinder() {
    }

    /** The kebab-case key of a record component ("minMatches" → "min-matches"). */
    static String key(String component) {
        StringBuilder b = new StringBuilder(component.length() + 4);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static <S> S bind(Class<S> type, JsonNode params) throws Problem {
        Shape shape = SHAPES.computeIfAbsent(type, SpecBinder::shape);
        Object[] values = new Object[shape.keys().length];
        JsonNode source = params == null ? NullNode.getInstance() : params;
        if (!source.isObject()) {
            throw new Problem(Problem.Kind.WRONG_KIND, "", type, source, "parameters are not a mapping");
        }
        for (int i = 0; i < values.length; i++) {
            JsonNode v = source.get(shape.keys()[i]);
            if (v == null) {
                if (shape.required()[i]) {
                    throw new Problem(Problem.Kind.MISSING, shape.keys()[i], null, null, shape.keys()[i]);
                }
                continue;
            }
            values[i] = value(shape.types()[i], v, shape.keys()[i]);
        }
        try {
            return type.cast(shape.constructor().newInstance(values));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new Problem(Problem.Kind.INVALID_VALUE, "", type, source,
                    cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getName(), e);
        }
    }

    private static Shape shape(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        String[] keys = new String[components.length];
        Type[] types = new Type[components.length];
        boolean[] required = new boolean[components.length];
        Class<?>[] raw = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            keys[i] = key(components[i].getName());
            types[i] = components[i].getGenericType();
            raw[i] = components[i].getType();
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(raw);
            c.setAccessible(true);
            // @JsonProperty's targets include parameters, not record components: it lands on the constructor's
            for (int i = 0; i < components.length; i++) {
                JsonProperty p = c.getParameters()[i].getAnnotation(JsonProperty.class);
                required[i] = p != null && p.required();
            }
            return new Shape(c, keys, types, required);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }

    private static Object value(Type type, JsonNode v, String field) throws Problem {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return list(args[0], v, field);
            }
            if (raw == Map.class && args[0] == String.class) {
                return map(args[1], v, field);
            }
            throw new IllegalStateException("a spec component of type " + type + " cannot be bound");
        }
        Class<?> c = (Class<?>) type;
        if (c == JsonNode.class) {
            return v;
        }
        if (v.isNull()) {
            return null;
        }
        if (c == String.class) {
            if (v.isValueNode()) {
                return v.asText();
            }
            throw wrongKind(field, c, v);
        }
        if (c == Integer.class || c == Long.class) {
            if (v.isIntegralNumber()) {
                boolean fits = c == Integer.class ? v.canConvertToInt() : v.canConvertToLong();
                if (!fits) {
                    throw new Problem(Problem.Kind.OUT_OF_RANGE, field, c, v, c == Integer.class
                            ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : Long.MIN_VALUE + " to " + Long.MAX_VALUE);
                }
                return c == Integer.class ? (Object) v.intValue() : (Object) v.longValue();
            }
            if (v.isTextual() && v.asText().isEmpty()) {
                throw new Problem(Problem.Kind.INVALID_VALUE, field, c, v, "");
            }
            throw wrongKind(field, c, v);
        }
        if (c == Boolean.class) {
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isIntegralNumber()) {
                throw new Problem(Problem.Kind.INVALID_VALUE, field, c, v, v.asText());
            }
            if (v.isTextual() && v.asText().isEmpty()) {
                throw new Problem(Problem.Kind.INVALID_VALUE, field, c, v, "");
            }
            throw wrongKind(field, c, v);
        }
        throw new IllegalStateException("a spec component of type " + c.getName() + " cannot be bound");
    }

    private static List<Object> list(Type element, JsonNode v, String field) throws Problem {
        if (v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            throw wrongKind(field, List.class, v);
        }
        List<Object> out = new ArrayList<>();
        if (!v.isArray()) {
            out.add(value(element, v, field + "/0"));
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (element instanceof Class<?> ec && ec == String.class && e.isArray()) {
                throw wrongKind(field + "/" + i, String.class, e);
            }
            out.add(value(element, e, field + "/" + i));
        }
        return out;
    }

    private static Map<String, Object> map(Type value, JsonNode v, String field) throws Problem {
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual() && v.asText().isEmpty()) {
            throw new Problem(Problem.Kind.INVALID_VALUE, field, Map.class, v, "");
        }
        if (!v.isObject()) {
            throw wrongKind(field, Map.class, v);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            out.put(e.getKey(), value(value, e.getValue(), field + "/" + e.getKey()));
        }
        return out;
    }

    private static Problem wrongKind(String field, Class<?> target, JsonNode found) {
        return new Problem(Problem.Kind.WRONG_KIND, field, target, found, "wrong kind");
    }
}

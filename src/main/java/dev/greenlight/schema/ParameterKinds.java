package dev.greenlight.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A runner's parameters as its spec record declares them: YAML key, kind in words, required. */
final class ParameterKinds {
    private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB = new PropertyNamingStrategies.KebabCaseStrategy();

    record Declared(String key, Type type, boolean required) {
    }

    private ParameterKinds() {
    }

    static Map<String, Declared> of(Class<?> spec) {
        Map<String, Declared> out = new LinkedHashMap<>();
        if (!spec.isRecord()) {
            return out;
        }
        for (RecordComponent c : spec.getRecordComponents()) {
            JsonProperty jp = c.getAccessor().getAnnotation(JsonProperty.class);
            if (jp == null) {
                try {
                    jp = spec.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
                } catch (NoSuchFieldException ignored) {
                    // a record always has the field
                }
            }
            String key = KEBAB.translate(c.getName());
            out.put(key, new Declared(key, c.getGenericType(), jp != null && jp.required()));
        }
        return out;
    }

    /** The kind in the words of the format document: text, whole number, list of text … */
    static String words(Type t) {
        Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : t instanceof Class<?> c ? c : Object.class;
        if (raw == String.class) {
            return "text";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return "whole number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true/false";
        }
        if (raw == JsonNode.class) {
            return "any value";
        }
        if (List.class.isAssignableFrom(raw)) {
            return "list of " + (t instanceof ParameterizedType p ? words(p.getActualTypeArguments()[0]) : "values");
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "mapping of name → " + (t instanceof ParameterizedType p ? words(p.getActualTypeArguments()[1]) : "value");
        }
        return raw.getSimpleName();
    }
}

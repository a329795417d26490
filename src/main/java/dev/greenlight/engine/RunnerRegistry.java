package dev.greenlight.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.model.CheckTypes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The runners known by type name, and the binding of a check's parameters to a runner's spec. */
public final class RunnerRegistry implements CheckTypes {

    /** Binds check parameters: kebab-case keys, unknown keys rejected, single values accepted as lists. */
    public static final JsonMapper SPEC_MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // a fraction where a count is meant (min: 0.5) was cut to 0, a bar nothing fails
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final Map<String, Runner<?>> runners = new TreeMap<>();

    public RunnerRegistry register(Runner<?> runner) {
        if (runners.putIfAbsent(runner.type(), runner) != null) {
            throw new IllegalStateException("two runners claim type " + runner.type());
        }
        return this;
    }

    public Optional<Runner<?>> find(String type) {
        return Optional.ofNullable(runners.get(type));
    }

    public Collection<Runner<?>> all() {
        return runners.values();
    }

    @Override
    public Set<String> types() {
        return runners.keySet();
    }

    /** A bound spec, or the problem that prevented binding. */
    public record Bound<S>(S spec, Issue problem) {
    }

    public <S> Bound<S> bind(Runner<S> runner, JsonNode params) {
        Issue unknown = unknownParameter(runner, params);
        if (unknown != null) {
            return new Bound<>(null, unknown);
        }
        try {
            return new Bound<>(SPEC_MAPPER.treeToValue(params, runner.specType()), null);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toList());
            return new Bound<>(null, new Issue(e.getPropertyName(),
                    "unknown parameter '" + e.getPropertyName() + "' for " + runner.type(),
                    Optional.ofNullable(Names.didYouMean(e.getPropertyName(), known))
                            .orElse("known parameters: " + String.join(", ", known))));
        } catch (InvalidFormatException e) {
            if ((e.getValue() instanceof Double || e.getValue() instanceof Float || e.getValue() instanceof java.math.BigDecimal)
                    && integral(e.getTargetType())) {
                return new Bound<>(null, notAWholeNumber(field(e), params));
            }
            return new Bound<>(null, new Issue(field(e), "'" + e.getValue() + "' is not valid for " + field(e)
                    + ": expected " + expectedKind(e.getTargetType()), null));
        } catch (MismatchedInputException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Missing required creator property")) {
                String name = msg.replaceAll(".*'([^']+)'.*", "$1");
                return new Bound<>(null, new Issue("", "missing parameter '" + name + "' for " + runner.type(), null));
            }
            JsonNode found = params.at("/" + field(e));
            if (found.isFloatingPointNumber() && integral(e.getTargetType())) {
                return new Bound<>(null, notAWholeNumber(field(e), params));
            }
            return new Bound<>(null, new Issue(field(e), "wrong kind of value for '" + field(e) + "': expected "
                    + expectedKind(e.getTargetType()) + ", found " + foundKind(found), null));
        } catch (Exception e) {
            return new Bound<>(null, new Issue("", "parameters of " + runner.type() + " cannot be read: "
                    + firstLine(e.getMessage()), null));
        }
    }

    /** Unknown keys first: a misspelt key also looks like a missing one, and the typo is the news. */
    private static Issue unknownParameter(Runner<?> runner, JsonNode params) {
        Class<?> type = runner.specType();
        if (!type.isRecord() || params == null || !params.isObject()) {
            return null;
        }
        List<String> known = new ArrayList<>();
        for (var c : type.getRecordComponents()) {
            known.add(KEBAB.translate(c.getName()));
        }
        for (var it = params.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                return new Issue(key, "unknown parameter '" + key + "' for " + runner.type(),
                        Optional.ofNullable(Names.didYouMean(key, known))
                                .orElse("known parameters: " + String.join(", ", known)));
            }
        }
        return null;
    }

    private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB = new PropertyNamingStrategies.KebabCaseStrategy();

    @Override
    public List<Issue> validate(String type, ObjectNode params) {
        Runner<?> runner = runners.get(type);
        if (runner == null) {
            return List.of(new Issue("", "unknown runner type '" + type + "'",
                    Optional.ofNullable(Names.didYouMean(type, types()))
                            .orElse("known types: " + String.join(", ", types()))));
        }
        return validateTyped(runner, params);
    }

    private <S> List<Issue> validateTyped(Runner<S> runner, ObjectNode params) {
        Bound<S> bound = bind(runner, params);
        if (bound.problem() != null) {
            return List.of(bound.problem());
        }
        List<Issue> issues = new ArrayList<>();
        try {
            for (Runner.SpecProblem p : runner.validate(bound.spec())) {
                issues.add(new Issue(p.field(), p.message(), p.suggestion()));
            }
        } catch (RuntimeException e) {
            issues.add(new Issue("", "invalid parameters: " + firstLine(e.getMessage()), null));
        }
        return issues;
    }

    private static String field(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("/"));
    }

    /** A fraction where a count is meant; Jackson reports it through two exception types. */
    private static Issue notAWholeNumber(String field, JsonNode params) {
        return new Issue(field, "wrong kind of value for '" + field + "': expected a whole number, found "
                + params.at("/" + field).asText(), null);
    }

    private static boolean integral(Class<?> t) {
        return t == Integer.class || t == int.class || t == Long.class || t == long.class
                || t == Short.class || t == short.class || t == Byte.class || t == byte.class;
    }

    /** Jackson's own wording names Java types and tokens; people wrote YAML. */
    private static String expectedKind(Class<?> target) {
        if (target == null) {
            return "another kind of value";
        }
        if (CharSequence.class.isAssignableFrom(target) || target.isEnum()) {
            return "text";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "a mapping";
        }
        return "a " + target.getSimpleName().toLowerCase();
    }

    private static String foundKind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "something else";
        }
        if (node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            if (key.startsWith("Fn::") || key.equals("Ref") || key.equals("Condition")) {
                return "a tagged value (!" + key.replace("Fn::", "") + ")"; // LocatedYaml turns !Tag x into {"Fn::Tag": x}
            }
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "nothing (null)";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}

package dev.greenlight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.model.CheckTypes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The runners known by type name, and the binding of a check's parameters to a runner's spec. */
public final class RunnerRegistry implements CheckTypes {

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
            return new Bound<>(SpecBinder.bind(runner.specType(), params), null);
        } catch (SpecBinder.Problem p) {
            return new Bound<>(null, issue(runner, p));
        }
    }

    /** The words the Jackson databind binding gave before SpecBinder (SpecBinderTest holds both to them). */
    private static Issue issue(Runner<?> runner, SpecBinder.Problem p) {
        return switch (p.kind) {
            case MISSING -> new Issue("", "missing parameter '" + p.field + "' for " + runner.type(), null);
            case WRONG_KIND -> p.found.isFloatingPointNumber() && integral(p.target)
                    ? notAWholeNumber(p.field, p.found)
                    : new Issue(p.field, "wrong kind of value for '" + p.field + "': expected "
                            + expectedKind(p.target) + ", found " + foundKind(p.found), null);
            case INVALID_VALUE -> p.field.isEmpty()
                    ? new Issue("", "parameters of " + runner.type() + " cannot be read: " + firstLine(p.getMessage()), null)
                    : new Issue(p.field, "'" + p.getMessage() + "' is not valid for " + p.field + ": expected "
                            + expectedKind(p.target), null);
            case OUT_OF_RANGE -> new Issue(p.field, "'" + p.found.asText() + "' is not valid for " + p.field
                    + ": expected a whole number from " + p.getMessage(), null);
        };
    }

    /** Unknown keys first: a misspelt key also looks like a missing one, and the typo is the news. */
    static Issue unknownParameter(Runner<?> runner, JsonNode params) {
        Class<?> type = runner.specType();
        if (!type.isRecord() || params == null || !params.isObject()) {
            return null;
        }
        List<String> known = new ArrayList<>();
        for (var c : type.getRecordComponents()) {
            known.add(SpecBinder.key(c.getName()));
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

    /** A fraction where a count is meant. */
    static Issue notAWholeNumber(String field, JsonNode found) {
        return new Issue(field, "wrong kind of value for '" + field + "': expected a whole number, found "
                + found.asText(), null);
    }

    static boolean integral(Class<?> t) {
        return t == Integer.class || t == int.class || t == Long.class || t == long.class
                || t == Short.class || t == short.class || t == Byte.class || t == byte.class;
    }

    /** The kind a parameter wants, in YAML's words rather than Java types. */
    static String expectedKind(Class<?> target) {
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

    static String foundKind(JsonNode node) {
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

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}

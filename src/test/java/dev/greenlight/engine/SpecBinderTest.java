package dev.greenlight.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.model.CheckTypes.Issue;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written binder against the Jackson databind binding it replaced (kept here as the
 * oracle): every component of every runner's spec, given each value of a matrix of YAML values,
 * binds to an equal spec or fails with the same field and words.
 */
class SpecBinderTest {
    /** The mapper RunnerRegistry used before SpecBinder, configured as it was. */
    private static final JsonMapper JACKSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /** RunnerRegistry.bind as it was, over Jackson's exceptions. */
    private static RunnerRegistry.Bound<?> oracle(Runner<?> runner, JsonNode params) {
        Issue unknown = RunnerRegistry.unknownParameter(runner, params);
        if (unknown != null) {
            return new RunnerRegistry.Bound<>(null, unknown);
        }
        try {
            return new RunnerRegistry.Bound<>(JACKSON.treeToValue(params, runner.specType()), null);
        } catch (InvalidFormatException e) {
            if ((e.getValue() instanceof Double || e.getValue() instanceof Float || e.getValue() instanceof java.math.BigDecimal)
                    && RunnerRegistry.integral(e.getTargetType())) {
                return new RunnerRegistry.Bound<>(null, RunnerRegistry.notAWholeNumber(field(e), params.at("/" + field(e))));
            }
            return new RunnerRegistry.Bound<>(null, new Issue(field(e), "'" + e.getValue() + "' is not valid for " + field(e)
                    + ": expected " + RunnerRegistry.expectedKind(e.getTargetType()), null));
        } catch (MismatchedInputException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Missing required creator property")) {
                String name = msg.replaceAll(".*'([^']+)'.*", "$1");
                return new RunnerRegistry.Bound<>(null, new Issue("", "missing parameter '" + name + "' for " + runner.type(), null));
            }
            JsonNode found = params.at("/" + field(e));
            if (found.isFloatingPointNumber() && RunnerRegistry.integral(e.getTargetType())) {
                return new RunnerRegistry.Bound<>(null, RunnerRegistry.notAWholeNumber(field(e), found));
            }
            return new RunnerRegistry.Bound<>(null, new Issue(field(e), "wrong kind of value for '" + field(e) + "': expected "
                    + RunnerRegistry.expectedKind(e.getTargetType()) + ", found " + RunnerRegistry.foundKind(found), null));
        } catch (Exception e) {
            return new RunnerRegistry.Bound<>(null, new Issue("", "parameters of " + runner.type() + " cannot be read: "
                    + RunnerRegistry.firstLine(e.getMessage()), null));
        }
    }

    private static String field(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("/"));
    }

    private static final List<String> VALUES = List.of(
            "'x'", "''", "'5'", "'true'", "'0.5'", "5", "0", "-3", "2147483648", "99999999999", "1000000000000000000000000000",
            "0.5", "2.0", "-1e3", "true", "false", "null", "[]", "['a', 'b']", "['a', 1, true]", "[['a']]", "[{'k': 'v'}]",
            "[null]", "[1.5]", "{}", "{'k': 'v'}", "{'k': ['a', 'b']}", "{'k': 1}", "{'k': {'x': 1}}", "{'k': null}",
            "{'k': 'v', 'l': ['w']}", "{'Ref': 'X'}", "{'Fn::Sub': 'x'}", "{'Fn::GetAtt': ['A', 'Arn']}");

    private static JsonNode json(String flow) throws Exception {
        return JACKSON.readTree("{\"v\": " + flow.replace('\'', '"') + "}").get("v");
    }

    /** The spec with every required component given a value of its kind. */
    private static ObjectNode baseline(Class<?> spec) throws Exception {
        ObjectNode base = JACKSON.createObjectNode();
        RecordComponent[] components = spec.getRecordComponents();
        var parameters = spec.getDeclaredConstructor(java.util.Arrays.stream(components).map(RecordComponent::getType)
                .toArray(Class<?>[]::new)).getParameters();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            JsonProperty p = parameters[i].getAnnotation(JsonProperty.class);
            if (p != null && p.required()) {
                base.set(SpecBinder.key(c.getName()), json(c.getGenericType() instanceof ParameterizedType ? "['x']" : "'x'"));
            }
        }
        return base;
    }

    private record Case(String runner, String params, Object expected, Object actual) {
    }

    private static final java.util.regex.Pattern OUT_OF_RANGE =
            java.util.regex.Pattern.compile("Numeric value \\((\\S+)\\) out of range of (int|long) \\((\\S+) - (\\S+)\\)");

    /** The two answers SpecBinder gives deliberately in other words (see its class comment). */
    private static Issue deliberately(Issue jackson, String key, JsonNode params) {
        if (jackson == null) {
            return null;
        }
        String list = jackson.field().endsWith("/0") ? jackson.field().substring(0, jackson.field().length() - 2) : null;
        if (list != null && jackson.message().endsWith("found something else") && params.at("/" + list).isObject()) {
            return new Issue(list, "wrong kind of value for '" + list + "': expected a list, found "
                    + RunnerRegistry.foundKind(params.at("/" + list)), null);
        }
        var m = OUT_OF_RANGE.matcher(jackson.message());
        if (jackson.field().isEmpty() && m.find()) {
            return new Issue(key, "'" + m.group(1) + "' is not valid for " + key + ": expected a whole number from "
                    + m.group(3) + " to " + m.group(4), null);
        }
        return jackson;
    }

    @Test
    void everyComponentOfEverySpecBindsAsJacksonDatabindBoundIt() throws Exception {
        List<Case> differ = new ArrayList<>();
        int compared = 0;
        int failures = 0;
        int reworded = 0;
        for (Runner<?> runner : Greenlight.registry().all()) {
            Class<?> spec = runner.specType();
            ObjectNode base = baseline(spec);
            List<java.util.Map.Entry<String, ObjectNode>> cases = new ArrayList<>();
            cases.add(java.util.Map.entry("", base));
            for (RecordComponent c : spec.getRecordComponents()) {
                String key = SpecBinder.key(c.getName());
                ObjectNode without = base.deepCopy();
                without.remove(key);
                cases.add(java.util.Map.entry(key, without));
                for (String v : VALUES) {
                    ObjectNode with = base.deepCopy();
                    with.set(key, json(v));
                    cases.add(java.util.Map.entry(key, with));
                }
            }
            for (var c : cases) {
                ObjectNode params = c.getValue();
                RunnerRegistry.Bound<?> jackson = oracle(runner, params);
                Issue expectedProblem = deliberately(jackson.problem(), c.getKey(), params);
                RunnerRegistry.Bound<?> actual = Greenlight.registry().bind(runner, params);
                compared++;
                failures += expectedProblem == null ? 0 : 1;
                reworded += Objects.equals(expectedProblem, jackson.problem()) ? 0 : 1;
                if (!Objects.equals(jackson.spec(), actual.spec()) || !Objects.equals(expectedProblem, actual.problem())) {
                    differ.add(new Case(runner.type(), params.toString(),
                            expectedProblem != null ? expectedProblem : jackson.spec(),
                            actual.problem() != null ? actual.problem() : actual.spec()));
                }
            }
        }
        assertThat(differ).as("cases where the two bindings differ").isEmpty();
        assertThat(compared).isGreaterThan(2_000);
        assertThat(failures).as("the matrix makes both fail, not only pass").isGreaterThan(500);
        assertThat(reworded).as("the deliberate rewordings are exercised").isGreaterThan(50);
    }

    @Test
    void kebabCaseKeysAreTheComponentNamesJacksonUsed() {
        var kebab = new PropertyNamingStrategies.KebabCaseStrategy();
        for (Runner<?> runner : Greenlight.registry().all()) {
            for (RecordComponent c : runner.specType().getRecordComponents()) {
                assertThat(SpecBinder.key(c.getName())).isEqualTo(kebab.translate(c.getName()));
            }
        }
        assertThat(SpecBinder.key("p95Ms")).isEqualTo(kebab.translate("p95Ms"));
    }
}

package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SARIF 2.1.0 schema's required fields and closed property sets for the objects Greenlight
 * writes, checked by hand (the OASIS schema itself is not shipped with the tests; the output was
 * validated against it once with a JSON Schema validator, see docs/github.md).
 */
final class SarifShape {
    private SarifShape() {
    }

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "log", Set.of("$schema", "version", "runs", "inlineExternalProperties", "properties"),
            "run", Set.of("tool", "results", "originalUriBaseIds", "automationDetails", "invocations", "artifacts", "properties"),
            "result", Set.of("ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints", "properties", "kind"),
            "rule", Set.of("id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration", "properties"),
            "physicalLocation", Set.of("artifactLocation", "region"),
            "artifactLocation", Set.of("uri", "uriBaseId"));

    static void assertValid(JsonNode log) {
        closed(log, "log");
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("runs").isArray()).isTrue();
        for (JsonNode run : log.path("runs")) {
            closed(run, "run");
            assertThat(run.at("/tool/driver/name").isTextual()).as("tool.driver.name is required").isTrue();
            for (JsonNode rule : run.at("/tool/driver/rules")) {
                closed(rule, "rule");
                assertThat(rule.path("id").isTextual()).isTrue();
                rule.path("defaultConfiguration").path("level").asText("error").matches("none|note|warning|error");
            }
            for (JsonNode base : run.path("originalUriBaseIds")) {
                assertThat(URI.create(base.path("uri").asText()).isAbsolute()).isTrue();
                assertThat(base.path("uri").asText()).endsWith("/");
            }
            for (JsonNode result : run.path("results")) {
                closed(result, "result");
                assertThat(result.at("/message/text").isTextual()).as("result.message.text is required").isTrue();
                assertThat(result.path("level").asText()).isIn("none", "note", "warning", "error");
                assertThat(result.path("ruleIndex").asInt()).isGreaterThanOrEqualTo(0);
                assertThat(result.path("locations").size()).as("code scanning rejects a result without a location")
                        .isBetween(1, 10);
                for (JsonNode loc : result.path("locations")) {
                    JsonNode physical = loc.path("physicalLocation");
                    closed(physical, "physicalLocation");
                    closed(physical.path("artifactLocation"), "artifactLocation");
                    String uri = physical.at("/artifactLocation/uri").asText();
                    assertThat(URI.create(uri).isAbsolute()).as("relative to the checkout: %s", uri).isFalse();
                    if (physical.has("region")) {
                        assertThat(physical.at("/region/startLine").asInt()).isGreaterThanOrEqualTo(1);
                    }
                }
            }
        }
    }

    private static void closed(JsonNode node, String kind) {
        assertThat(node.isObject()).as(kind).isTrue();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            assertThat(ALLOWED.get(kind)).as("%s may not have '%s'", kind, f).contains(f);
        }
    }
}

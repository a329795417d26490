package dev.greenlight.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a runner checks, each parameter's meaning, default and allowed values, and tested examples,
 * read from {@code /runners/<type>.yaml} beside the runners. The format document and
 * {@code greenlight schema} are generated from it, and a test runs every example against the fixture
 * it carries and asserts its verdict, so the reference cannot drift from what the runner does.
 */
public record RunnerReference(String type, String summary, Map<String, Param> parameters, List<Example> examples) {

    /** A parameter: a sentence or two, the default when left out (null: none), the allowed values (empty: any). */
    public record Param(String description, JsonNode defaultValue, List<String> values) {
    }

    /**
     * A tested example.
     *
     * @param files      the checkout, committed in a git repository (path → content)
     * @param staged     files added to the index after that commit but not committed
     * @param untracked  files written after the commit and not added
     * @param deployment the test AWS deployment it runs against ("good", or the fault it has); null for a local check
     * @param allow      "commands" or "invoke" when the check needs that consent
     * @param check      the item's {@code check:} mapping as YAML text, comments kept for the document
     */
    public record Example(String title, String verdict, String reason, Map<String, String> vars,
                          Map<String, String> files, Map<String, String> staged, Map<String, String> untracked,
                          String deployment, String allow, String check) {

        /** The check as a tree (comments dropped), for the schema's examples. */
        public JsonNode checkTree() {
            try {
                return YAML.readTree(check).path("check");
            } catch (IOException e) {
                throw new UncheckedIOException("example '" + title + "' is not YAML", e);
            }
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    public static Optional<RunnerReference> load(String type) {
        try (InputStream in = RunnerReference.class.getResourceAsStream("/runners/" + type + ".yaml")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(YAML.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("runner reference " + type + " cannot be read", e);
        }
    }

    static RunnerReference parse(JsonNode root) {
        Map<String, Param> params = new LinkedHashMap<>();
        root.path("parameters").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            List<String> values = new ArrayList<>();
            p.path("values").forEach(v -> values.add(v.asText()));
            params.put(e.getKey(), new Param(p.path("description").asText("").strip(),
                    p.has("default") ? p.get("default") : null, List.copyOf(values)));
        });
        List<Example> examples = new ArrayList<>();
        for (JsonNode x : root.path("examples")) {
            examples.add(new Example(x.path("title").asText(), x.path("verdict").asText(), text(x, "reason"),
                    strings(x.path("vars")), strings(x.path("files")), strings(x.path("staged")),
                    strings(x.path("untracked")), text(x, "deployment"), text(x, "allow"), x.path("check").asText()));
        }
        return new RunnerReference(root.path("type").asText(), root.path("summary").asText("").strip(),
                params, List.copyOf(examples));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}

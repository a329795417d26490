package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.SourceFile;
import dev.greenlight.engine.WorkspaceException;
import dev.greenlight.yaml.LocatedTree;
import dev.greenlight.yaml.Location;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudFormation/SAM template of the checkout, parsed once per run: resources by logical id,
 * values by dot path with the line they are on, and SAM {@code Globals} as a fallback.
 */
final class CfnTemplate {
    /** The SAM Globals section that applies to each serverless resource type. */
    private static final Map<String, String> GLOBALS_SECTION = Map.of(
            "AWS::Serverless::Function", "Function",
            "AWS::Serverless::Api", "Api",
            "AWS::Serverless::HttpApi", "HttpApi",
            "AWS::Serverless::SimpleTable", "SimpleTable",
            "AWS::Serverless::StateMachine", "StateMachine",
            "AWS::Serverless::LayerVersion", "LayerVersion",
            "AWS::Serverless::CapacityProvider", "CapacityProvider");

    private final LocatedTree tree;
    private final SourceFile source;

    private CfnTemplate(LocatedTree tree, SourceFile source) {
        this.tree = tree;
        this.source = source;
    }

    /** The template at a checkout-relative path; syntax, binary and size problems are thrown. */
    static CfnTemplate load(RunContext ctx, String relative) throws WorkspaceException {
        LocatedTree tree = ctx.workspace().yaml(relative);
        return new CfnTemplate(tree, ctx.workspace().read(relative));
    }

    /** A value found in the template, and where. */
    record Found(JsonNode value, String pointer, Location location, String origin) {
        int line() {
            return location.line();
        }
    }

    String file() {
        return source.relPath();
    }

    /** The checkout-relative directory of the template ("" at the root), for paths inside it. */
    String directory() {
        int slash = file().lastIndexOf('/');
        return slash < 0 ? "" : file().substring(0, slash);
    }

    /** A template-relative path as a checkout-relative one (not normalised). */
    String besideTemplate(String relative) {
        return directory().isEmpty() ? relative : directory() + "/" + relative;
    }

    JsonNode root() {
        return tree.root();
    }

    LocatedTree tree() {
        return tree;
    }

    SourceFile source() {
        return source;
    }

    /** True when the key at the pointer, or one above it, is written twice in its mapping. */
    boolean duplicated(String pointer) {
        return tree.duplicateKeys().stream().anyMatch(d -> pointer.equals(d) || pointer.startsWith(d + "/"));
    }

    List<String> resourceNames() {
        List<String> names = new ArrayList<>();
        JsonNode resources = tree.root().path("Resources");
        if (resources.isObject()) {
            resources.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    boolean hasResource(String logicalId) {
        return tree.root().path("Resources").path(logicalId).isObject();
    }

    boolean hasParameter(String name) {
        return tree.root().path("Parameters").has(name);
    }

    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        JsonNode params = tree.root().path("Parameters");
        if (params.isObject()) {
            params.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    static String resourcePointer(String logicalId) {
        return "/Resources/" + LocatedTree.segment(logicalId);
    }

    Optional<Found> resource(String logicalId) {
        return at(resourcePointer(logicalId)).filter(f -> f.value().isObject());
    }

    String resourceType(String logicalId) {
        return tree.root().at(resourcePointer(logicalId)).path("Type").asText(null);
    }

    /** The node at a pointer, with the line of its key (or its own line for list items). */
    Optional<Found> at(String pointer) {
        JsonNode n = tree.root().at(pointer);
        if (n.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new Found(n, pointer, tree.nearest(pointer), null));
    }

    Location nearest(String pointer) {
        return tree.nearest(pointer);
    }

    /**
     * A resource's value at a path below it, as SAM deploys it: the resource's own value, the one
     * from {@code Globals} when the resource lacks it, or both merged (maps merge, lists are
     * globals first) when both set a map or list. {@code origin} names Globals when it contributed.
     */
    Optional<Found> resourceValue(String logicalId, List<String> segments) {
        String base = resourcePointer(logicalId);
        Optional<Found> own = at(base + DotPath.pointer(segments));
        Optional<Found> global = globalsPointer(logicalId, segments).flatMap(this::at);
        if (global.isEmpty()) {
            return own;
        }
        String globalPath = global.get().pointer().substring(1).replace('/', '.');
        if (own.isEmpty()) {
            return Optional.of(new Found(global.get().value(), global.get().pointer(), global.get().location(), globalPath));
        }
        JsonNode mine = own.get().value();
        JsonNode theirs = global.get().value();
        if ((mine.isObject() && theirs.isObject() && !ValueMatcher.isIntrinsic(mine)) || (mine.isArray() && theirs.isArray())) {
            return Optional.of(new Found(merge(theirs, mine), own.get().pointer(), own.get().location(),
                    globalPath + " merged with the resource's own value"));
        }
        return own;
    }

    /** "Globals/Function/…" for a path below "Properties" of a serverless resource. */
    Optional<String> globalsPointer(String logicalId, List<String> segments) {
        String section = GLOBALS_SECTION.get(resourceType(logicalId));
        if (section == null || segments.size() < 2 || !segments.get(0).equals("Properties")
                || !tree.root().path("Globals").path(section).isObject()) {
            return Optional.empty();
        }
        return Optional.of("/Globals/" + LocatedTree.segment(section) + DotPath.pointer(segments.subList(1, segments.size())));
    }

    /** SAM's merge of a Globals value with a resource's: maps merge (resource wins), lists append. */
    static JsonNode merge(JsonNode global, JsonNode own) {
        if (global.isArray() && own.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            out.addAll((ArrayNode) global);
            out.addAll((ArrayNode) own);
            return out;
        }
        if (global.isObject() && own.isObject() && !ValueMatcher.isIntrinsic(own)) {
            ObjectNode out = ((ObjectNode) global).deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode g = out.get(e.getKey());
                out.set(e.getKey(), g == null ? e.getValue() : merge(g, e.getValue()));
            }
            return out;
        }
        return own;
    }

    /** The stripped source line, masked where it holds a credential (by its name, or by its place: {@link TemplateSecrets}). */
    String lineText(int line) {
        if (secrets == null) {
            secrets = TemplateSecrets.of(tree); // racy but idempotent: the same set however many threads build it
        }
        return secrets.mask(line, SourceExcerpt.line(source, line));
    }

    private volatile TemplateSecrets secrets;

    Evidence evidence(String subject, int line) {
        return Evidence.at(subject, file(), line, lineText(line));
    }
}

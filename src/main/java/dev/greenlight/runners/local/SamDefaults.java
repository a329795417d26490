package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The value a function gets when neither the resource nor SAM {@code Globals} sets a property: what
 * SAM passes on, or what Lambda applies when the property reaches it absent. Only properties whose
 * default is documented and stable: {@code MemorySize} 128 (MB) and {@code Timeout} 3 (s).
 */
final class SamDefaults {
    private static final Map<String, JsonNode> FUNCTION = Map.of(
            "MemorySize", JsonNodeFactory.instance.numberNode(128),
            "Timeout", JsonNodeFactory.instance.numberNode(3));
    private static final Map<String, Map<String, JsonNode>> BY_TYPE = Map.of(
            "AWS::Serverless::Function", FUNCTION,
            "AWS::Lambda::Function", FUNCTION);

    private SamDefaults() {
    }

    /** The default of {@code Properties.<Name>} for a resource that sets it nowhere, found at the resource's line. */
    static Optional<CfnTemplate.Found> value(CfnTemplate t, String logicalId, List<String> segments) {
        if (segments.size() != 2 || !segments.get(0).equals("Properties")) {
            return Optional.empty();
        }
        JsonNode d = BY_TYPE.getOrDefault(String.valueOf(t.resourceType(logicalId)), Map.of()).get(segments.get(1));
        if (d == null) {
            return Optional.empty();
        }
        CfnTemplate.Found res = t.resource(logicalId).orElseThrow();
        String where = t.globalsPointer(logicalId, segments).isPresent()
                ? "neither " + logicalId + " nor Globals sets it" : logicalId + " does not set it and no Globals apply";
        return Optional.of(new CfnTemplate.Found(d, res.pointer(), res.location(),
                "the default " + d.asText() + " (" + where + ")"));
    }

    static boolean isDefault(CfnTemplate.Found f) {
        return f.origin() != null && f.origin().startsWith("the default ");
    }
}

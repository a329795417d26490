package dev.greenlight.runners.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person reads in one Lambda log event, in either of Lambda's log formats. A text-format
 * line is itself. A JSON-format application line ({@code {"timestamp":…,"level":"INFO","message":"…"}})
 * is its {@code message}: the raw JSON may escape what the application wrote (an emoji becomes
 * {@code \ud83c\udfaf}) and wraps it in fields no pattern is about. A JSON error record
 * ({@code {"errorType":"Runtime.ImportModuleError","errorMessage":"…","stackTrace":[…]}}) is
 * "errorType: errorMessage" and its stack trace; a platform record or other JSON stays its raw text.
 */
final class LambdaLogLine {

    private LambdaLogLine() {
    }

    /** The texts a pattern is matched against (any of them matching is a match). */
    static List<String> texts(String message) {
        if (message == null) {
            return List.of();
        }
        String t = message.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return List.of(message);
        }
        JsonNode node;
        try {
            node = Json.COMPACT.readTree(t);
        } catch (IOException e) {
            return List.of(message);
        }
        if (node == null || !node.isObject()) {
            return List.of(message);
        }
        List<String> out = new ArrayList<>();
        JsonNode msg = node.get("message");
        if (msg != null && !msg.isNull()) {
            out.add(msg.isTextual() ? msg.asText() : msg.toString());
        }
        if (node.hasNonNull("errorType") || node.hasNonNull("errorMessage")) {
            out.add(node.path("errorType").asText("") + ": " + node.path("errorMessage").asText(""));
            node.path("stackTrace").forEach(line -> out.add(line.isTextual() ? line.asText() : line.toString()));
        }
        if (out.isEmpty()) {
            out.add(message);
        }
        return out;
    }
}

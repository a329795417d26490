package dev.greenlight.awsfake;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The lines Lambda writes in each of its log formats ({@code LoggingConfig.LogFormat}): TEXT —
 * {@code START RequestId: …}, the application's own lines, {@code REPORT RequestId: … Init Duration: … ms};
 * JSON — {@code platform.start} / {@code platform.report} records with the metrics in
 * {@code record.metrics} ({@code initDurationMs}), and application lines as objects whose text is in
 * {@code message}. JSON lines are written as Python's {@code json.dumps} writes by default, non-ASCII
 * escaped ({@code 🎯} as {@code \ud83c\udfaf}), so only a reader that parses the JSON sees the text.
 */
public enum LambdaLogFormat {
    TEXT, JSON;

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    public String start(String requestId, long at) {
        if (this == TEXT) {
            return "START RequestId: " + requestId + " Version: $LATEST";
        }
        ObjectNode n = record(at, "platform.start");
        n.putObject("record").put("requestId", requestId).put("version", "$LATEST");
        return n.toString();
    }

    /** An application line at a level ("INFO", "ERROR"). */
    public String app(String level, String message, String requestId, long at) {
        if (this == TEXT) {
            return "[" + level + "] " + message;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("timestamp", Instant.ofEpochMilli(at).toString());
        n.put("level", level);
        n.put("message", message);
        n.put("logger", "root");
        n.put("requestId", requestId);
        return write(n);
    }

    /** The runtime's record of a handler that could not be imported. */
    public String importError(String module, String missing, long at) {
        String message = "Unable to import module '" + module + "': No module named '" + missing + "'";
        if (this == TEXT) {
            return "[ERROR] Runtime.ImportModuleError: " + message;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("timestamp", Instant.ofEpochMilli(at).toString());
        n.put("log_level", "ERROR");
        n.put("errorMessage", message);
        n.put("errorType", "Runtime.ImportModuleError");
        n.put("requestId", "");
        n.putArray("stackTrace");
        return write(n);
    }

    public String end(String requestId, long at) {
        if (this == TEXT) {
            return "END RequestId: " + requestId;
        }
        ObjectNode n = record(at, "platform.runtimeDone");
        n.putObject("record").put("requestId", requestId).put("status", "success");
        return n.toString();
    }

    /** The invocation's report; {@code initMs} null for a warm start. */
    public String report(String requestId, double durationMs, Double initMs, long at) {
        if (this == TEXT) {
            return "REPORT RequestId: " + requestId + "\tDuration: " + durationMs + " ms\tBilled Duration: "
                    + (int) Math.ceil(durationMs) + " ms\tMemory Size: 2048 MB\tMax Memory Used: 180 MB\t"
                    + (initMs == null ? "" : "Init Duration: " + initMs + " ms\t");
        }
        ObjectNode n = record(at, "platform.report");
        ObjectNode r = n.putObject("record");
        r.put("requestId", requestId);
        ObjectNode m = r.putObject("metrics");
        m.put("durationMs", durationMs).put("billedDurationMs", (int) Math.ceil(durationMs))
                .put("memorySizeMB", 2048).put("maxMemoryUsedMB", 180);
        if (initMs != null) {
            m.put("initDurationMs", initMs);
        }
        r.put("status", "success");
        return n.toString();
    }

    private static ObjectNode record(long at, String type) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("time", Instant.ofEpochMilli(at).toString());
        n.put("type", type);
        return n;
    }

    private static String write(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.greenlight.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a report written by {@link JsonReportWriter} back into a {@link RunReport}, so stored runs
 * and report files given on the command line can be diffed and turned into records. Unknown fields
 * are ignored (history files add {@code runId} and {@code signOffs}); the per-item finish time is
 * not part of the JSON contract and comes back as null.
 */
public final class JsonReportReader {
    /** A file that is JSON but not a Greenlight report. */
    public static final class NotAReportException extends IOException {
        public NotAReportException(String message) {
            super(message);
        }
    }

    private JsonReportReader() {
    }

    public static RunReport read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.PRETTY.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new NotAReportException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(root, file.toString());
    }

    public static RunReport fromJson(JsonNode root, String name) throws NotAReportException {
        if (root == null || !root.isObject() || !"greenlight-report/1".equals(root.path("schema").asText())) {
            throw new NotAReportException(name + " is not a Greenlight JSON report (no \"schema\": \"greenlight-report/1\")");
        }
        JsonNode cl = root.path("checklist");
        String id = text(cl, "id");
        if (id == null) {
            throw new NotAReportException(name + " has no checklist.id");
        }
        Map<String, String> context = new LinkedHashMap<>();
        root.path("context").fields().forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
        List<ItemResult> results = new ArrayList<>();
        JsonNode items = root.path("items");
        if (!items.isArray()) {
            throw new NotAReportException(name + " has no \"items\" list");
        }
        for (JsonNode i : items) {
            results.add(item(i, name));
        }
        return new RunReport(id, text(cl, "title"), text(cl, "version"), text(cl, "source"),
                context.getOrDefault("checkout", null), instant(root, "startedAt", name),
                root.path("durationMs").asLong(0), context, results, root.path("cancelled").asBoolean(false));
    }

    private static ItemResult item(JsonNode i, String name) throws NotAReportException {
        String id = text(i, "id");
        Status status;
        try {
            status = Status.valueOf(i.path("status").asText());
        } catch (IllegalArgumentException e) {
            throw new NotAReportException(name + ": item '" + id + "' has an unknown status '" + i.path("status").asText() + "'");
        }
        if (id == null) {
            throw new NotAReportException(name + ": an item has no id");
        }
        Result.Builder b = Result.of(status, text(i, "reason")).expected(text(i, "expected")).actual(text(i, "actual"));
        for (JsonNode e : i.path("evidence")) {
            b.evidence(new Evidence(text(e, "subject"), text(e, "file"),
                    e.path("line").isIntegralNumber() ? e.path("line").asInt() : null,
                    text(e, "text"), text(e, "resource"), text(e, "region")));
        }
        for (JsonNode n : i.path("notes")) {
            b.note(n.asText());
        }
        // reports written before gating was recorded: every item gated, NO DATA blocking, nothing post-deploy
        ItemResult.Gating g = new ItemResult.Gating(i.path("gate").asBoolean(true),
                !"warn".equals(i.path("onNoData").asText("block")), i.path("postDeploy").asBoolean(false));
        return new ItemResult(id, text(i, "section"), text(i, "title"), b.build(), i.path("durationMs").asLong(0), null, g);
    }

    private static Instant instant(JsonNode node, String field, String name) throws NotAReportException {
        String t = text(node, field);
        if (t == null) {
            throw new NotAReportException(name + " has no " + field);
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new NotAReportException(name + ": " + field + " '" + t + "' is not an ISO-8601 instant");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

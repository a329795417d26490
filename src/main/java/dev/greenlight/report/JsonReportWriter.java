package dev.greenlight.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.json.Json;
import dev.greenlight.model.Checklist;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * The JSON report of the CLI contract: per item id, section, title, status, reason, expected,
 * actual, evidence [{subject, file, line, text}], durationMs; and a summary count per status.
 * Fields are written by hand, not by reflection, so refactoring cannot change the contract.
 */
public final class JsonReportWriter implements ReportWriter {
    @Override
    public void write(RunReport report, Checklist checklist, Writer out) throws IOException {
        Json.PRETTY.writeValue(out, toJson(report));
        out.write('\n');
    }

    public static ObjectNode toJson(RunReport report) {
        ObjectNode root = Json.PRETTY.createObjectNode();
        root.put("schema", "greenlight-report/1");
        ObjectNode cl = root.putObject("checklist");
        cl.put("id", report.checklistId());
        cl.put("title", report.checklistTitle());
        cl.put("version", report.checklistVersion());
        cl.put("source", report.checklistSource());
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMs", report.durationMs());
        root.put("cancelled", report.cancelled());
        ObjectNode ctx = root.putObject("context");
        new java.util.TreeMap<>(report.context()).forEach(ctx::put);
        ObjectNode summary = root.putObject("summary");
        for (Map.Entry<Status, Integer> e : report.summary().entrySet()) {
            summary.put(e.getKey().name(), e.getValue());
        }
        root.put("exitCode", report.exitCode());
        ArrayNode items = root.putArray("items");
        for (ItemResult r : report.results()) {
            ObjectNode i = items.addObject();
            i.put("id", r.itemId());
            i.put("section", r.sectionId());
            i.put("title", r.title());
            i.put("status", r.status().name());
            i.put("reason", r.result().reason());
            // what the verdict may decide: additions to the contract, read back by JsonReportReader
            i.put("gate", r.gating().gate());
            i.put("onNoData", r.gating().noDataBlocks() ? "block" : "warn");
            i.put("postDeploy", r.gating().postDeploy());
            i.put("blocking", r.blocking());
            i.put("expected", r.result().expected());
            i.put("actual", r.result().actual());
            ArrayNode ev = i.putArray("evidence");
            for (Evidence e : r.result().evidence()) {
                ObjectNode o = ev.addObject();
                o.put("subject", e.subject());
                o.put("file", e.file());
                if (e.line() == null) {
                    o.putNull("line");
                } else {
                    o.put("line", e.line());
                }
                o.put("text", e.text());
                if (e.resource() != null) {
                    o.put("resource", e.resource());
                }
                if (e.region() != null) {
                    o.put("region", e.region());
                }
            }
            ArrayNode notes = i.putArray("notes");
            r.result().notes().forEach(notes::add);
            i.put("durationMs", r.durationMs());
        }
        return root;
    }
}

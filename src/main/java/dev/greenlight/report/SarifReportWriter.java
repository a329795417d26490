package dev.greenlight.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.BuildInfo;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.json.Json;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.Troubleshoot;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, so GitHub code scanning shows a failing item on the pull request at the line its
 * evidence names. One rule per checklist item; a result per blocking FAIL, ERROR or NO DATA (level
 * error) and per WARN, warning NO DATA or red watching item (level warning): what passed, was
 * skipped or waits for a person is not a finding. Paths are relative to the checkout root
 * ({@code %SRCROOT%}), the way code scanning matches them to the repository.
 */
public final class SarifReportWriter implements ReportWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";

    @Override
    public void write(RunReport report, Checklist checklist, Writer out) throws IOException {
        Json.PRETTY.writeValue(out, toSarif(report, checklist));
        out.write('\n');
    }

    public static ObjectNode toSarif(RunReport report, Checklist checklist) {
        ObjectNode root = Json.PRETTY.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Greenlight");
        driver.put("version", BuildInfo.version());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Item item : items(report, checklist)) {
            ruleIndex.put(item.id(), ruleIndex.size());
            rule(rules.addObject(), item);
        }
        if (report.checkout() != null) {
            String base = Path.of(report.checkout()).toAbsolutePath().normalize().toUri().toString();
            run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", base.endsWith("/") ? base : base + "/");
        }
        // no automationDetails: upload-sarif fills in its 'category' only where the file has none, and
        // the category is what keeps the uploads of a stacks x stages x accounts matrix apart
        ResultLocations where = new ResultLocations(report.checkout(), checklist);
        ArrayNode results = run.putArray("results");
        for (ItemResult r : report.results()) {
            String level = level(r);
            if (level == null) {
                continue;
            }
            ObjectNode res = results.addObject();
            res.put("ruleId", r.itemId());
            Integer index = ruleIndex.get(r.itemId());
            if (index != null) {
                res.put("ruleIndex", index);
            }
            res.put("level", level);
            res.putObject("message").put("text", message(r));
            ArrayNode locations = res.putArray("locations");
            for (ResultLocations.Location l : where.of(r)) {
                ObjectNode physical = locations.addObject().putObject("physicalLocation");
                ObjectNode artifact = physical.putObject("artifactLocation");
                artifact.put("uri", uri(l.file()));
                artifact.put("uriBaseId", SRCROOT);
                if (l.line() != null) {
                    physical.putObject("region").put("startLine", l.line());
                }
            }
            res.putObject("partialFingerprints").put("greenlightItem/v1", report.checklistId() + "/" + r.itemId());
            ObjectNode props = res.putObject("properties");
            props.put("status", r.status().name());
            props.put("section", r.sectionId());
            List<String> aws = new ArrayList<>();
            for (Evidence e : r.result().evidence()) {
                if (e.file() == null && !e.where().isEmpty()) {
                    aws.add(e.subject() + " " + e.where());
                }
            }
            if (!aws.isEmpty()) {
                ArrayNode a = props.putArray("awsEvidence");
                aws.forEach(a::add);
            }
        }
        return root;
    }

    /** Every item of the checklist, so rule indexes do not change with --only; or the run's own when none is given. */
    private static List<Item> items(RunReport report, Checklist checklist) {
        if (checklist != null) {
            return checklist.items().toList();
        }
        return report.results().stream().map(r -> new Item(r.itemId(), r.sectionId(), r.title(), null, null, false,
                List.of(), null, List.of(), List.of(), List.of())).toList();
    }

    private static void rule(ObjectNode rule, Item item) {
        rule.put("id", item.id());
        rule.putObject("shortDescription").put("text", item.title());
        if (item.description() != null && !item.description().isBlank()) {
            rule.putObject("fullDescription").put("text", item.description().strip());
        }
        StringBuilder help = new StringBuilder();
        for (Troubleshoot t : item.troubleshoot()) {
            help.append(t.title());
            if (t.command() != null) {
                help.append(": ").append(t.command().strip());
            }
            help.append('\n');
        }
        if (!help.isEmpty()) {
            rule.putObject("help").put("text", help.toString().strip());
        }
        rule.putObject("defaultConfiguration").put("level", "error");
        rule.putObject("properties").put("section", item.sectionId());
    }

    /**
     * A verdict that blocks the release is an error; a WARN, a NO DATA that only warns, and a red
     * watching item ({@code gate: false}) are warnings; the rest is not a finding.
     */
    static String level(ItemResult r) {
        return switch (r.status()) {
            case FAIL, ERROR, NO_DATA -> r.blocking() ? "error" : "warning";
            case WARN -> "warning";
            default -> null;
        };
    }

    /** The reason first (the line the pull request shows), then expected and actual as in the text report. */
    static String message(ItemResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.status()).append(": ").append(r.title()).append(" — ").append(r.result().reason());
        if (r.result().expected() != null || r.result().actual() != null) {
            sb.append("\nexpected: ").append(r.result().expected()).append("\n but was: ").append(r.result().actual());
        }
        r.result().notes().forEach(n -> sb.append("\nnote: ").append(n));
        return sb.toString();
    }

    /** A relative URI reference: '/'-separated, with spaces and the like percent-encoded. */
    static String uri(String relativePath) {
        try {
            return new URI(null, null, relativePath, null).toASCIIString();
        } catch (URISyntaxException e) {
            return relativePath;
        }
    }
}

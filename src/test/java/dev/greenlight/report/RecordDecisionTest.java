package dev.greenlight.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.ItemResult.Gating;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static dev.greenlight.report.Reports.item;
import static org.assertj.core.api.Assertions.assertThat;

/** What a GO rests on: gating items, NO DATA, watching items and runs that checked only the local half. */
class RecordDecisionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Gating LOCAL = new Gating(true, true, false);
    private static final Gating AWS = new Gating(true, true, true);
    private static final String NO_REGION = "No AWS region is configured: pass --region, set AWS_REGION, or set region in"
            + " the default profile of ~/.aws/config.";

    private static Checklist checklist(String requires) {
        String yaml = """
                id: demo
                title: Demo checklist
                %s
                sections:
                  - id: s1
                    title: Files
                    items:
                      - {id: tpl, title: Template, check: {type: file-exists, paths: [template.yaml]}}
                      - {id: stack, title: Stack, check: {type: file-exists, paths: [a]}}
                      - {id: logs, title: Logs, check: {type: file-exists, paths: [b]}}
                      - {id: m, title: Push to main, manual: true}
                """.formatted(requires);
        return Greenlight.loader().parse(yaml.getBytes(StandardCharsets.UTF_8), "demo.yaml").checklist().orElseThrow();
    }

    private static GoNoGoRecord record(Checklist c, ItemResult... results) {
        RunReport r = Reports.report("demo", T0, "/work/checkout", List.of(results));
        var b = GoNoGoRecord.builder(r, c).recordedAt(T0.plusSeconds(120)).recordedBy("alice");
        for (ItemResult x : results) {
            if (x.status() == Status.MANUAL) {
                b.signOff(new SignOff(x.itemId(), "alice", null, T0.plusSeconds(60), "pushed 4f2a to main",
                        dev.greenlight.signoff.SignOffBasis.of(c, java.util.Map.of(), r.context(), x.itemId(), x.status(),
                                x.result().reason())));
            }
        }
        return b.build();
    }

    private static ItemResult manual() {
        return item("m", Status.MANUAL, "Waiting for a person to check this and sign it off.", LOCAL);
    }

    @Test
    void aRunThatSkippedEveryPostDeployItemIsNeverAPlainGo() {
        GoNoGoRecord r = record(checklist(""), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.SKIP, NO_REGION, AWS), item("logs", Status.SKIP, NO_REGION, AWS), manual());
        assertThat(r.decision()).isEqualTo("GO (local only — 2 post-deploy items not checked: No AWS region is configured)");
        assertThat(r.go()).isTrue();
        ObjectNode json = r.toJson();
        assertThat(json.path("decisionBasis").asText()).isEqualTo("local-only");
        assertThat(json.path("postDeployNotChecked").toString()).isEqualTo("[\"stack\",\"logs\"]");
        assertThat(RecordCheck.problems(json)).isEmpty();
    }

    @Test
    void aChecklistThatRequiresPostDeployMakesALocalOnlyRunNoGo() {
        GoNoGoRecord r = record(checklist("requires: [post-deploy]"), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.SKIP, NO_REGION, AWS), item("logs", Status.SKIP, NO_REGION, AWS), manual());
        assertThat(r.decision()).isEqualTo("NO-GO");
        assertThat(r.blockers()).singleElement().asString()
                .startsWith("2 post-deploy items not checked (No AWS region is configured), and the checklist requires post-deploy");
    }

    @Test
    void aRunThatCheckedThePostDeployHalfIsAPlainGo() {
        GoNoGoRecord r = record(checklist("requires: [post-deploy]"), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.PASS, "CREATE_COMPLETE", AWS), item("logs", Status.WARN, "ok, with a caveat", AWS), manual());
        assertThat(r.decision()).isEqualTo("GO");
        assertThat(r.toJson().path("decisionBasis").asText()).isEqualTo("complete");
    }

    @Test
    void aPostDeployItemSkippedWhileOthersRanIsNotCheckedAndBlocksUntilSignedOff() {
        GoNoGoRecord r = record(checklist(""), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.PASS, "CREATE_COMPLETE", AWS),
                item("logs", Status.SKIP, "This check invokes a Lambda function; allow it with --allow-invoke.", AWS), manual());
        assertThat(r.decision()).isEqualTo("NO-GO");
        assertThat(r.blockers()).singleElement().asString().startsWith("logs: not checked (SKIP) - This check invokes");
    }

    @Test
    void aBlockingNoDataIsNoGoAndAWarningOneIsACaveat() {
        GoNoGoRecord blocking = record(checklist(""), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.PASS, "ok", AWS), item("logs", Status.NO_DATA, "No data: no events", AWS), manual());
        assertThat(blocking.decision()).isEqualTo("NO-GO");
        assertThat(blocking.blockers()).containsExactly("logs: NO DATA (on-no-data: block) - No data: no events");

        GoNoGoRecord warning = record(checklist(""), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.PASS, "ok", AWS), item("logs", Status.NO_DATA, "No data: no events", new Gating(true, false, true)),
                manual());
        assertThat(warning.decision()).isEqualTo("GO");
        assertThat(warning.caveats()).containsExactly("logs: NO DATA (on-no-data: warn) - No data: no events");
    }

    @Test
    void aWatchingItemThatFailsIsRecordedButNeverBlocks() {
        GoNoGoRecord r = record(checklist(""), item("tpl", Status.FAIL, "Missing: template.yaml", new Gating(false, true, false)),
                item("stack", Status.PASS, "ok", AWS), item("logs", Status.PASS, "ok", AWS), manual());
        assertThat(r.decision()).isEqualTo("GO");
        assertThat(r.caveats()).containsExactly("tpl: FAIL (watching, gate: false; never blocks) - Missing: template.yaml");
        assertThat(r.toJson().path("items").get(0).path("gate").asBoolean(true)).isFalse();
        assertThat(RecordCheck.problems(r.toJson())).isEmpty();
    }

    @Test
    void verifyRecordRejectsAPlainGoWrittenOverALocalOnlyRun() {
        ObjectNode json = record(checklist(""), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.SKIP, NO_REGION, AWS), item("logs", Status.SKIP, NO_REGION, AWS), manual()).toJson();
        json.put("decision", "GO");
        assertThat(RecordCheck.problems(json)).singleElement().asString()
                .startsWith("The record says GO, but its items give GO (local only — 2 post-deploy items not checked");
    }

    @Test
    void verifyRecordRejectsARecordWhosePostDeployFlagsWereClearedToHideTheSkips() {
        ObjectNode json = record(checklist(""), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.SKIP, NO_REGION, AWS), item("logs", Status.SKIP, NO_REGION, AWS), manual()).toJson();
        json.withArray("items").forEach(i -> ((ObjectNode) i).put("postDeploy", false));
        json.put("decision", "GO");
        // without the flags the two SKIPs are local items not checked: still not a GO
        assertThat(RecordCheck.problems(json)).anySatisfy(p -> assertThat(p).startsWith("The record says GO, but its items give NO-GO"));
    }

    @Test
    void aSchema2RecordIsStillReadAndDecidedByTheRulesItWasMadeWith() {
        ObjectNode json = record(checklist(""), item("tpl", Status.PASS, "ok", LOCAL),
                item("stack", Status.SKIP, "no AWS here", LOCAL), item("logs", Status.PASS, "ok", LOCAL), manual()).toJson();
        // as a schema-2 writer made it: a SKIP was a caveat, the decision a plain GO, no gating fields
        json.put("schema", GoNoGoRecord.SCHEMA_V2);
        json.put("decision", "GO");
        json.putArray("blockers");
        ArrayNode caveats = json.putArray("caveats");
        caveats.add("stack: SKIP - no AWS here");
        json.remove(List.of("decisionBasis", "requires", "postDeployNotChecked"));
        json.withArray("items").forEach(i -> ((ObjectNode) i).remove(List.of("gate", "onNoData", "postDeploy")));
        GoNoGoRecord old = GoNoGoRecord.fromJson(json);
        assertThat(old.decision()).isEqualTo("GO");
        assertThat(old.caveats()).containsExactly("stack: SKIP - no AWS here");
        assertThat(RecordCheck.problems(json)).isEmpty();
    }
}

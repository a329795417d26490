package dev.greenlight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.json.Json;
import dev.greenlight.model.Checklist;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.greenlight.report.Reports.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoNoGoRecordTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static final String CHECKLIST = """
            id: demo
            title: Demo checklist
            version: "3.3"
            sections:
              - id: s1
                title: Files
                items:
                  - {id: a, title: A, check: {type: file-exists, paths: [a]}}
                  - {id: b, title: B, check: {type: file-exists, paths: [b]}}
                  - {id: m, title: Push to main, manual: true}
                  - {id: late, title: Not selected, check: {type: file-exists, paths: [c]}}
            """;

    private static Checklist checklist() {
        return Greenlight.loader().parse(CHECKLIST.getBytes(StandardCharsets.UTF_8), "demo.yaml").checklist().orElseThrow();
    }

    private static RunReport run(Status a, Status b) {
        return Reports.report("demo", T0, "/work/checkout", List.of(
                item("a", a, "a is " + a, "DefinitionUri: src/aws_step_functions_v3.json"),
                item("b", b, "b is " + b, "COPY . /var/task/src/"),
                item("m", Status.MANUAL, "Waiting for a person to check this and sign it off.", "n/a")));
    }

    private static SignOff signOff(String item, String note) {
        return new SignOff(item, "alice", "arn:aws:sts::123456789012:assumed-role/release/alice", T0.plusSeconds(60), note);
    }

    /** The sign-offs as made on this run (bound to its verdicts, commit, stage and account), unless already bound. */
    private static GoNoGoRecord record(RunReport r, List<SignOff> signOffs) {
        List<SignOff> bound = signOffs.stream().map(s -> s.basis() != null ? s : new SignOff(s.itemId(), s.who(), s.awsCallerArn(),
                s.at(), s.note(), basis(r, s.itemId()))).toList();
        return GoNoGoRecord.builder(r, checklist()).signOffs(bound).recordedAt(T0.plusSeconds(120)).recordedBy("alice").build();
    }

    static dev.greenlight.signoff.SignOffBasis basis(RunReport r, String itemId) {
        var res = r.results().stream().filter(x -> x.itemId().equals(itemId)).findFirst().orElseThrow();
        return dev.greenlight.signoff.SignOffBasis.of(checklist(), java.util.Map.of(), r.context(), itemId, res.status(),
                res.result().reason());
    }

    @Test
    void carriesContextVerdictsEvidenceAndSignOffsAndVerifies() {
        GoNoGoRecord rec = record(run(Status.PASS, Status.PASS), List.of(signOff("m", "pushed 4f2a to main")));
        assertThat(rec.checklistId()).isEqualTo("demo");
        assertThat(rec.checklistVersion()).isEqualTo("3.3");
        assertThat(rec.gitSha()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(rec.awsAccount()).isEqualTo("123456789012");
        assertThat(rec.awsRegion()).isEqualTo("us-east-1");
        assertThat(rec.stage()).isEqualTo("dev");
        assertThat(rec.checkout()).isEqualTo("/work/checkout");
        assertThat(rec.items()).extracting(GoNoGoRecord.RecordItem::status).containsExactly(Status.PASS, Status.PASS, Status.DONE);
        assertThat(rec.items().get(2).reason()).contains("alice").contains("pushed 4f2a to main");
        assertThat(rec.items().get(0).evidence()).singleElement()
                .satisfies(e -> assertThat(e.text()).isEqualTo("DefinitionUri: src/aws_step_functions_v3.json"));
        assertThat(rec.notRun()).extracting(GoNoGoRecord.NotRun::id).containsExactly("late");
        assertThat(rec.sha256()).matches("[0-9a-f]{64}");
        assertThat(rec.verify()).isTrue();
        assertThat(GoNoGoRecord.verify(rec.toJson()).ok()).isTrue();
    }

    @Test
    void isNoGoWhileAnItemFailsEvenWhenSomeoneSignedItOff() {
        RunReport r = run(Status.FAIL, Status.PASS);
        RecordBuilder b = GoNoGoRecord.builder(r, checklist()).signOffs(List.of(
                new SignOff("a", "alice", null, T0, "looks fine to me", basis(r, "a")),
                new SignOff("m", "alice", null, T0, "", basis(r, "m"))));
        GoNoGoRecord rec = b.build();
        assertThat(rec.items().get(0).status()).isEqualTo(Status.FAIL);
        assertThat(rec.signOffs()).isEmpty();
        assertThat(b.leftOut()).containsExactly(
                "a: A FAIL cannot be signed off: a note does not make it pass. Fix it and run the item again.",
                "m: it has no note");
        assertThat(rec.go()).isFalse();
        assertThat(rec.blockers()).anySatisfy(x -> assertThat(x).startsWith("a: FAIL")).contains("m: waiting for a sign-off");
    }

    @Test
    void isNoGoWhileAManualItemWaitsOrAnItemWasNotRun() {
        GoNoGoRecord waiting = record(run(Status.PASS, Status.PASS), List.of());
        assertThat(waiting.decision()).isEqualTo("NO-GO");
        assertThat(waiting.blockers()).contains("m: waiting for a sign-off", "late: not run");
        RunReport all = Reports.report("demo", T0, "/c", List.of(item("a", Status.PASS, "ok", "x"), item("b", Status.WARN, "ok", "x"),
                item("m", Status.MANUAL, "wait", "x"),
                item("late", Status.SKIP, "no AWS here", new dev.greenlight.engine.ItemResult.Gating(true, true, true))));
        GoNoGoRecord go = record(all, List.of(signOff("m", "done")));
        assertThat(go.decision()).isEqualTo("GO (local only — 1 post-deploy item not checked: no AWS here)");
        assertThat(go.caveats()).containsExactly("b: WARN - ok", "late: SKIP (post-deploy, not checked) - no AWS here");
    }

    @Test
    void detectsAChangedVerdictInTheRecordFile() {
        ObjectNode json = record(run(Status.FAIL, Status.PASS), List.of()).toJson();
        ((ObjectNode) json.get("items").get(0)).put("status", "PASS");
        assertThat(GoNoGoRecord.verify(json).ok()).isFalse();
        assertThat(GoNoGoRecord.fromJson(json).verify()).isFalse();
    }

    @Test
    void detectsChangedEvidenceText() {
        ObjectNode json = record(run(Status.PASS, Status.PASS), List.of()).toJson();
        ((ObjectNode) json.get("items").get(1).get("evidence").get(0)).put("text", "COPY . /var/task/");
        assertThat(GoNoGoRecord.verify(json).ok()).isFalse();
        assertThat(GoNoGoRecord.fromJson(json).verify()).isFalse();
    }

    @Test
    void detectsAChangedSignOffNote() {
        ObjectNode json = record(run(Status.PASS, Status.PASS), List.of(signOff("m", "pushed 4f2a"))).toJson();
        ((ObjectNode) json.get("signOffs").get(0)).put("note", "pushed 9999");
        assertThat(GoNoGoRecord.verify(json).ok()).isFalse();
        assertThat(GoNoGoRecord.fromJson(json).verify()).isFalse();
    }

    @Test
    void detectsAnAddedFieldAndARemovedSignOff() {
        ObjectNode added = record(run(Status.PASS, Status.PASS), List.of(signOff("m", "ok"))).toJson();
        added.put("approvedBy", "mallory");
        assertThat(GoNoGoRecord.verify(added).ok()).isFalse();
        ObjectNode removed = record(run(Status.PASS, Status.PASS), List.of(signOff("m", "ok"))).toJson();
        removed.withArray("signOffs").remove(0);
        assertThat(GoNoGoRecord.verify(removed).ok()).isFalse();
    }

    @Test
    void hashDoesNotDependOnIndentationOrKeyOrder() throws Exception {
        GoNoGoRecord rec = record(run(Status.PASS, Status.WARN), List.of(signOff("m", "ünïcode note \"quoted\"\nsecond line")));
        String pretty = Json.PRETTY.writeValueAsString(rec.toJson());
        ObjectNode shuffled = MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        rec.toJson().fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        JsonNode original = MAPPER.readTree(pretty);
        names.forEach(n -> shuffled.set(n, original.get(n)));
        assertThat(GoNoGoRecord.verify(MAPPER.readTree(pretty)).ok()).isTrue();
        assertThat(GoNoGoRecord.verify(shuffled).ok()).isTrue();
        assertThat(GoNoGoRecord.fromJson(MAPPER.readTree(pretty)).verify()).isTrue();
        assertThat(GoNoGoRecord.fromJson(MAPPER.readTree(pretty))).isEqualTo(rec);
    }

    @Test
    void canonicalFormSortsKeysAndHasNoWhitespace() throws Exception {
        JsonNode n = MAPPER.readTree("{ \"b\": [ 2, {\"z\":1, \"a\":null} ], \"a\": \"x y\" }");
        assertThat(new String(CanonicalJson.bytes(n), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"x y\",\"b\":[2,{\"a\":null,\"z\":1}]}");
    }

    @Test
    void rejectsJsonThatIsNotARecord() {
        assertThatThrownBy(() -> GoNoGoRecord.verify(MAPPER.createObjectNode().put("schema", "greenlight-report/1")))
                .isInstanceOf(IllegalArgumentException.class);
        ObjectNode noHash = record(run(Status.PASS, Status.PASS), List.of()).toJson();
        noHash.remove("sha256");
        assertThatThrownBy(() -> GoNoGoRecord.verify(noHash)).hasMessageContaining("sha256");
    }

    @Test
    void markdownEscapesEverythingThatCameFromOutside() throws Exception {
        RunReport r = Reports.report("demo", T0, "/c", List.of(
                item("a", Status.FAIL, "found <b>|pipe|</b>", "[click](http://evil) `tick` *bold*")));
        StringWriter w = new StringWriter();
        new MarkdownRecordWriter().write(record(r, List.of()), w);
        String md = w.toString();
        assertThat(md).startsWith("# NO-GO: Demo checklist");
        assertThat(md).contains("&lt;b&gt;\\|pipe\\|&lt;/b&gt;").contains("\\[click\\](http://evil) \\`tick\\` \\*bold\\*");
        assertThat(md).doesNotContain("<b>").doesNotContain("[click](");
        assertThat(md).contains(record(r, List.of()).sha256());
    }

    @Test
    void htmlIsSelfContainedAndEscaped() throws Exception {
        RunReport r = Reports.report("demo", T0, "/c", List.of(
                item("a", Status.FAIL, "<script>alert(1)</script>", "<img src=\"http://evil/x.png\">"),
                item("m", Status.MANUAL, "Waiting for a person to check this and sign it off.", "n/a")));
        StringWriter w = new StringWriter();
        GoNoGoRecord rec = record(r, List.of(signOff("m", "it's <fine> & done")));
        new HtmlRecordWriter().write(rec, w);
        String html = w.toString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains(rec.sha256());
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<link")
                .doesNotContain("src=\"").doesNotContain("href=\"");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("it&#39;s &lt;fine&gt; &amp; done");
    }

    @Test
    void jsonWriterOutputVerifiesAfterReading() throws Exception {
        StringWriter w = new StringWriter();
        GoNoGoRecord rec = record(run(Status.PASS, Status.PASS), List.of(signOff("m", "ok")));
        new JsonRecordWriter().write(rec, w);
        assertThat(GoNoGoRecord.verify(MAPPER.readTree(w.toString())).ok()).isTrue();
        assertThat(RecordWriter.forFile(java.nio.file.Path.of("r.HTML"))).isInstanceOf(HtmlRecordWriter.class);
        assertThatThrownBy(() -> RecordWriter.forFile(java.nio.file.Path.of("r.pdf"))).hasMessageContaining(".md, .html or .json");
    }
}

package dev.greenlight.report;

import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static dev.greenlight.report.Reports.item;
import static org.assertj.core.api.Assertions.assertThat;

class RunDiffTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void listsChangedAddedAndRemovedItemsWithEvidenceBeforeAndAfter() {
        RunReport before = Reports.report("demo", T0, "/c", List.of(
                item("asl", Status.PASS, "found", "DefinitionUri: src/aws_step_functions_v3.json"),
                item("same", Status.PASS, "ok", "x"),
                item("gone", Status.PASS, "ok", "x")));
        RunReport after = Reports.report("demo", T0.plusSeconds(60), "/c", List.of(
                item("asl", Status.FAIL, "wrong file", "DefinitionUri: src/aws_step_functions.json"),
                item("same", Status.PASS, "ok", "x"),
                item("new", Status.PASS, "ok", "x")));
        RunDiff d = RunDiff.between(before, after);
        assertThat(d.unchanged()).isEqualTo(1);
        assertThat(d.changes()).extracting(RunDiff.Change::itemId, RunDiff.Change::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("asl", RunDiff.Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple("new", RunDiff.Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple("gone", RunDiff.Kind.REMOVED));
        RunDiff.Change asl = d.changes().get(0);
        assertThat(asl.statusBefore()).isEqualTo(Status.PASS);
        assertThat(asl.statusAfter()).isEqualTo(Status.FAIL);
        assertThat(asl.before().result().evidence().get(0).text()).isEqualTo("DefinitionUri: src/aws_step_functions_v3.json");
        assertThat(asl.after().result().evidence().get(0).text()).isEqualTo("DefinitionUri: src/aws_step_functions.json");
        assertThat(d.regressions()).extracting(RunDiff.Change::itemId).containsExactly("asl");
        assertThat(d.toJson().get("changes").get(0).get("after").get("evidence").get(0).get("where").asText())
                .isEqualTo("backend/asl.txt:7");
    }

    @Test
    void worseMeansFartherFromARelease() {
        assertThat(regression(Status.PASS, Status.WARN)).isTrue();
        assertThat(regression(Status.WARN, Status.SKIP)).isTrue();
        assertThat(regression(Status.DONE, Status.MANUAL)).isTrue();
        assertThat(regression(Status.SKIP, Status.ERROR)).isTrue();
        assertThat(regression(Status.FAIL, Status.ERROR)).isFalse();
        assertThat(regression(Status.FAIL, Status.PASS)).isFalse();
        assertThat(regression(Status.MANUAL, Status.DONE)).isFalse();
    }

    @Test
    void anAddedItemIsARegressionOnlyWhenItBlocksARelease() {
        RunReport before = Reports.report("demo", T0, "/c", List.of());
        assertThat(RunDiff.between(before, Reports.report("demo", T0, "/c", List.of(item("n", Status.ERROR, "x", "x"))))
                .hasRegressions()).isTrue();
        assertThat(RunDiff.between(before, Reports.report("demo", T0, "/c", List.of(item("n", Status.WARN, "x", "x"))))
                .hasRegressions()).isFalse();
        assertThat(RunDiff.between(Reports.report("demo", T0, "/c", List.of(item("n", Status.PASS, "x", "x"))), before)
                .hasRegressions()).isFalse();
    }

    @Test
    void textShowsTheMoveAndBothSides() throws Exception {
        RunReport before = Reports.report("demo", T0, "/c", List.of(item("asl", Status.PASS, "found it", "old line")));
        RunReport after = Reports.report("demo", T0, "/c", List.of(item("asl", Status.FAIL, "lost it", "new line")));
        StringWriter w = new StringWriter();
        new DiffTextWriter().write(RunDiff.between(before, after), "A", "B", w);
        assertThat(w.toString()).contains("WORSE  Title of asl  [asl]  PASS -> FAIL")
                .contains("before: PASS  found it").contains("after : FAIL  lost it")
                .contains("at backend/asl.txt:7  old line").contains("at backend/asl.txt:7  new line")
                .contains("1 item changed: 1 worse; 0 unchanged.");
    }

    @Test
    void theSummaryCountsEachChangedItemOnce() {
        RunReport before = Reports.report("demo", T0, "/c", List.of(item("a", Status.PASS, "r", "t"),
                item("b", Status.FAIL, "r", "t"), item("c", Status.FAIL, "r", "t"), item("d", Status.PASS, "r", "t"),
                item("gone", Status.PASS, "r", "t")));
        RunReport after = Reports.report("demo", T0, "/c", List.of(item("a", Status.FAIL, "r", "t"),
                item("b", Status.PASS, "r", "t"), item("c", Status.ERROR, "r", "t"), item("d", Status.PASS, "r", "t"),
                item("new", Status.PASS, "r", "t")));
        assertThat(DiffTextWriter.summary(RunDiff.between(before, after)))
                .isEqualTo("5 items changed: 1 worse, 1 better, 1 added, 1 removed, 1 other; 1 unchanged.");
    }

    private static boolean regression(Status from, Status to) {
        return RunDiff.between(Reports.report("d", T0, "/c", List.of(item("x", from, "r", "t"))),
                Reports.report("d", T0, "/c", List.of(item("x", to, "r", "t")))).hasRegressions();
    }
}

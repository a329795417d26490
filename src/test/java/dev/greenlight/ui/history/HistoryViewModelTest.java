package dev.greenlight.ui.history;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.report.RunDiff;
import dev.greenlight.store.RunHistory;
import dev.greenlight.ui.UiFixture;
import dev.greenlight.ui.charts.SectionVerdicts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** The history list and diffs without the FX toolkit; everything runs on the calling thread. */
public class HistoryViewModelTest {
    private UiFixture fixture;
    @TempDir
    Path tmp;
    Checklist checklist;
    RunHistory history;
    final Executor direct = Runnable::run;

    @BeforeEach
    void setUp() throws Exception {
        UiFixture f = new UiFixture(tmp);
        fixture = f;
        checklist = new ChecklistLoader(UiFixture.runners()).load(f.checklist).checklist().orElseThrow();
        history = new RunHistory(tmp.resolve("history"));
    }

    @AfterEach
    void tearDown() {
        fixture.restoreHome();
    }

    static ItemResult r(String id, String section, Status s, String reason) {
        return new ItemResult(id, section, id, Result.of(s, reason).expected("exp " + id).actual("act " + id).build(), 3,
                Instant.parse("2025-03-01T10:00:00Z"));
    }

    public static RunReport report(Checklist c, Instant at, String sha, Status docker) {
        return new RunReport(c.id(), c.title(), c.version(), c.source(), "/co", at, 900,
                Map.of("checkout", "/co", "git.sha", sha, "stage", "dev", "run.kind", "full"),
                List.of(r("template-present", "template", Status.PASS, "Both files are there."),
                        r("definition-uri", "template", Status.PASS, "Found it."),
                        r("dockerfile-v3", "image", docker, docker == Status.PASS ? "Dockerfile.v3 exists." : "Dockerfile.v3 is missing."),
                        r("smoke-test", "release", Status.MANUAL, "Waiting for a person.")), false);
    }

    private HistoryViewModel model() {
        return new HistoryViewModel(history, checklist, direct, direct);
    }

    @Test
    void listsRunsNewestFirstWithVerdictsPerSection() throws Exception {
        history.save(report(checklist, Instant.parse("2025-03-01T10:00:00Z"), "aaa1111", Status.PASS), List.of());
        history.save(report(checklist, Instant.parse("2025-03-02T10:00:00Z"), "bbb2222", Status.FAIL), List.of());
        HistoryViewModel m = model();
        m.refresh();
        assertThat(m.rows()).extracting(x -> x.summary().sha()).containsExactly("bbb2222", "aaa1111");
        HistoryRow newest = m.rows().get(0);
        assertThat(newest.summary().green()).isFalse();
        assertThat(newest.counts()).as("fails first: a narrow column cuts passes, not them").isEqualTo("1 fail · 1 manual · 2 pass");
        assertThat(newest.sections()).extracting(SectionVerdicts::id).containsExactly("template", "image", "release");
        assertThat(newest.sections().get(1).describe()).isEqualTo("Container image: 1 fail");
        assertThat(m.messageProperty().get()).startsWith("2 runs of demo-pipe");
    }

    @Test
    void diffPutsTheOlderRunBeforeWhateverTheSelectionOrder() throws Exception {
        String a = history.save(report(checklist, Instant.parse("2025-03-01T10:00:00Z"), "aaa1111", Status.PASS), List.of()).runId();
        String b = history.save(report(checklist, Instant.parse("2025-03-02T10:00:00Z"), "bbb2222", Status.FAIL), List.of()).runId();
        HistoryViewModel m = model();
        m.diff(b, a);
        RunDiff d = m.diffProperty().get();
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.itemId()).isEqualTo("dockerfile-v3");
            assertThat(c.statusBefore()).isEqualTo(Status.PASS);
            assertThat(c.statusAfter()).isEqualTo(Status.FAIL);
            assertThat(c.regression()).isTrue();
        });
        assertThat(m.messageProperty().get()).isEqualTo("1 item(s) changed, 1 for the worse.");
    }

    @Test
    void sinceLastGreenComparesTheNewestRunWithTheGreenOneBeforeIt() throws Exception {
        history.save(report(checklist, Instant.parse("2025-03-01T10:00:00Z"), "aaa1111", Status.PASS), List.of());
        history.save(report(checklist, Instant.parse("2025-03-02T10:00:00Z"), "bbb2222", Status.FAIL), List.of());
        history.save(report(checklist, Instant.parse("2025-03-03T10:00:00Z"), "ccc3333", Status.FAIL), List.of());
        HistoryViewModel m = model();
        m.sinceLastGreen();
        RunDiff d = m.diffProperty().get();
        assertThat(d.before().context()).containsEntry("git.sha", "aaa1111");
        assertThat(d.after().context()).containsEntry("git.sha", "ccc3333");
        assertThat(d.changes()).extracting(RunDiff.Change::itemId).containsExactly("dockerfile-v3");
    }

    @Test
    void sinceLastGreenSaysSoWhenNoRunWasGreen() throws Exception {
        history.save(report(checklist, Instant.parse("2025-03-02T10:00:00Z"), "bbb2222", Status.FAIL), List.of());
        HistoryViewModel m = model();
        m.sinceLastGreen();
        assertThat(m.diffProperty().get()).isNull();
        assertThat(m.messageProperty().get()).startsWith("No complete green run of demo-pipe on /co, stage dev before the latest complete one");
    }

    @Test
    void sinceLastGreenIgnoresAGreenOneItemRunAndARunOnAnotherStage() throws Exception {
        history.save(report(checklist, Instant.parse("2025-03-01T10:00:00Z"), "aaa1111", Status.PASS), List.of());
        history.save(dev.greenlight.report.Reports.with(report(checklist, Instant.parse("2025-03-02T10:00:00Z"), "bbb2222",
                Status.PASS), "stage", "prod"), List.of());
        history.save(dev.greenlight.report.Reports.with(report(checklist, Instant.parse("2025-03-03T10:00:00Z"), "ccc3333",
                Status.PASS), "run.kind", "partial"), List.of());
        history.save(report(checklist, Instant.parse("2025-03-04T10:00:00Z"), "ddd4444", Status.FAIL), List.of());
        HistoryViewModel m = model();
        m.sinceLastGreen();
        RunDiff d = m.diffProperty().get();
        assertThat(d.before().context()).containsEntry("git.sha", "aaa1111");
        assertThat(d.after().context()).containsEntry("git.sha", "ddd4444");
    }

    @Test
    void runsThatCannotBeReadAreToldInASentenceWithTheFileFoldedUnderDetails() {
        HistoryViewModel m = model();
        m.diff("20250301-100000-aaaa", "20250302-100000-bbbb");
        assertThat(m.messageProperty().get())
                .isEqualTo("The runs could not be compared: a run file could not be read."
                        + " Refresh the list (the file may have been removed) and select the runs again.")
                .doesNotContain("20250301-100000-aaaa", "Exception");
        assertThat(m.detailProperty().get()).contains("20250301-100000-aaaa");
    }

    @Test
    void anEmptyHistorySaysRunsWillBeKept() {
        HistoryViewModel m = model();
        m.refresh();
        assertThat(m.rows()).isEmpty();
        assertThat(m.messageProperty().get()).isEqualTo("No runs of demo-pipe yet; every run you make is kept here.");
    }

    @Test
    void theRecorderKeepsARunWithItsSignOffs() throws Exception {
        List<String> problems = new java.util.ArrayList<>();
        HistoryRecorder rec = new HistoryRecorder(history, direct, direct, problems::add, s -> { });
        var so = new dev.greenlight.signoff.SignOff("smoke-test", "alice", null, Instant.parse("2025-03-01T10:05:00Z"), "ok");
        rec.save(report(checklist, Instant.parse("2025-03-01T10:00:00Z"), "aaa1111", Status.PASS), () -> List.of(so));
        assertThat(problems).isEmpty();
        var runs = history.list(checklist.id()).runs();
        assertThat(runs).hasSize(1);
        assertThat(history.load(checklist.id(), runs.get(0).runId()).orElseThrow().signOffs()).containsExactly(so);
    }
}

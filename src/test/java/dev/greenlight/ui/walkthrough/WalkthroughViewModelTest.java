package dev.greenlight.ui.walkthrough;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.store.SessionStore;
import dev.greenlight.ui.UiFixture;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The walkthrough without the FX toolkit: UI work runs serially on the calling thread. */
class WalkthroughViewModelTest {
    @TempDir
    Path tmp;
    UiFixture fixture;
    Checklist checklist;
    SessionStore store;
    ChecklistViewModel vm;
    final Object lock = new Object();
    final Executor serial = r -> {
        synchronized (lock) {
            r.run();
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        fixture = new UiFixture(tmp);
        checklist = new ChecklistLoader(UiFixture.runners()).load(fixture.checklist).checklist().orElseThrow();
        store = SessionStore.open(fixture.home, checklist.id(), fixture.checkout);
        vm = new ChecklistViewModel(checklist, store, serial, (only, risky, listener) -> Greenlight.prepare(UiFixture.runners(),
                checklist, RunOptions.defaults(fixture.checkout).withOnly(only), AwsSettings.DEFAULT, listener));
    }

    @AfterEach
    void tearDown() throws Exception {
        vm.close().get(30, TimeUnit.SECONDS); // saves finish before @TempDir is deleted
        fixture.restoreHome();
    }

    private void awaitRun(Runnable start) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        vm.lastReportProperty().addListener((o, a, b) -> done.countDown());
        start.run();
        assertThat(done.await(30, TimeUnit.SECONDS)).as("run finished").isTrue();
        // other listeners of the same report (the walkthrough's own) run in the same UI task; wait for it
        serial.execute(() -> { });
    }

    private WalkthroughViewModel opened() throws InterruptedException {
        WalkthroughViewModel w = new WalkthroughViewModel(vm, "alice", () -> "arn:aws:sts::123456789012:assumed-role/release/alice");
        awaitRun(w::open);
        return w;
    }

    @Test
    void openingRunsEveryItemAheadAndCountsWhatIsLeftForThePerson() throws Exception {
        WalkthroughViewModel w = opened();
        assertThat(w.progressProperty().get()).isEqualTo("2 of 4 verified, 1 waiting for you, 1 failing");
        assertThat(w.current().id()).isEqualTo("template-present");
        assertThat(w.position()).isEqualTo("Item 1 of 4");
    }

    @Test
    void markDoneSignsTheManualItemOffAndSavesItAtOnce() throws Exception {
        WalkthroughViewModel w = opened();
        w.goTo("smoke-test");
        assertThat(w.markDone("ran wf-42 in the console, SUCCEEDED")).isTrue();
        vm.flush();
        SessionStore reread = SessionStore.open(fixture.home, checklist.id(), fixture.checkout);
        SessionStore.Tick t = reread.signOff("smoke-test").orElseThrow();
        assertThat(t.user()).isEqualTo("alice");
        assertThat(t.awsArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/release/alice");
        assertThat(t.note()).isEqualTo("ran wf-42 in the console, SUCCEEDED");
        assertThat(w.progressProperty().get()).isEqualTo("3 of 4 verified, 0 waiting for you, 1 failing");
    }

    @Test
    void aFailingItemCannotBeSignedAway() throws Exception {
        WalkthroughViewModel w = opened();
        w.goTo("dockerfile-v3");
        assertThat(w.canSignOff(w.current())).isFalse();
        assertThat(w.markDone("looks fine to me")).isFalse();
        assertThat(w.current().signOff()).isNull();
        assertThat(w.messageProperty().get()).isEqualTo("A FAIL cannot be signed off: a note does not make it pass."
                + " Fix it and run the item again.");
    }

    @Test
    void theRecordIsNoGoWhileAnItemFailsAndVerifiesAfterExport() throws Exception {
        WalkthroughViewModel w = opened();
        w.goTo("smoke-test");
        w.markDone("ok");
        assertThat(w.finish()).isTrue();
        GoNoGoRecord r = w.recordProperty().get();
        assertThat(r.decision()).isEqualTo("NO-GO");
        assertThat(r.blockers()).singleElement().asString().startsWith("dockerfile-v3: FAIL");
        assertThat(r.signOffs()).singleElement().satisfies(s -> {
            assertThat(s.itemId()).isEqualTo("smoke-test");
            assertThat(s.who()).isEqualTo("alice");
        });
        Path json = w.export(tmp.resolve("record.json"), Runnable::run).get(10, TimeUnit.SECONDS);
        assertThat(GoNoGoRecord.verify(new ObjectMapper().readTree(Files.readString(json))).ok()).isTrue();
        assertThat(w.markdown()).contains("NO-GO").contains("dockerfile-v3");
    }

    @Test
    void runningAFixedItemAgainTurnsTheRecordToGo() throws Exception {
        WalkthroughViewModel w = opened();
        w.goTo("smoke-test");
        w.markDone("ok");
        Files.writeString(fixture.checkout.resolve("backend/Dockerfile.v3"), "FROM scratch\n");
        w.goTo("dockerfile-v3");
        awaitRun(w::runCurrent);
        assertThat(w.finish()).isTrue();
        GoNoGoRecord r = w.recordProperty().get();
        assertThat(r.decision()).isEqualTo("GO");
        assertThat(r.items()).extracting(GoNoGoRecord.RecordItem::id)
                .containsExactly("template-present", "definition-uri", "dockerfile-v3", "smoke-test");
        assertThat(r.notRun()).isEmpty();
        assertThat(r.verify()).isTrue();
    }

    @Test
    void finishWaitsForTheRunAhead() {
        WalkthroughViewModel w = new WalkthroughViewModel(vm, "alice", () -> null);
        assertThat(w.finish()).isFalse();
        assertThat(w.recordProperty().get()).isNull();
    }

    @Test
    void theMergedReportKeepsTheNewestVerdictAndFactsOnlyOlderRunsKnew() {
        Instant t0 = Instant.parse("2025-01-01T10:00:00Z");
        RunReport all = report(t0, Map.of("git.sha", "abc", "aws.account", "123456789012"), false,
                result("template-present", Status.PASS), result("dockerfile-v3", Status.FAIL));
        RunReport again = report(t0.plusSeconds(60), Map.of("git.sha", "abd"), false, result("dockerfile-v3", Status.PASS));
        RunReport merged = MergedReport.of(checklist, List.of(all, again));
        assertThat(merged.results()).extracting(ItemResult::itemId, ItemResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("template-present", Status.PASS),
                        org.assertj.core.groups.Tuple.tuple("dockerfile-v3", Status.PASS));
        assertThat(merged.context()).containsEntry("git.sha", "abd").containsEntry("aws.account", "123456789012");
        assertThat(merged.startedAt()).isEqualTo(t0);
        assertThat(merged.cancelled()).isFalse();
    }

    @Test
    void aVerdictFromAStoppedRunMakesTheMergedReportStopped() {
        Instant t0 = Instant.parse("2025-01-01T10:00:00Z");
        RunReport stopped = report(t0, Map.of(), true, result("template-present", Status.SKIP));
        assertThat(MergedReport.of(checklist, List.of(stopped)).cancelled()).isTrue();
        RunReport rerun = report(t0.plusSeconds(5), Map.of(), false, result("template-present", Status.PASS));
        assertThat(MergedReport.of(checklist, List.of(stopped, rerun)).cancelled()).isFalse();
    }

    private static ItemResult result(String id, Status s) {
        return new ItemResult(id, "template", id, Result.of(s, s + " for the test.").build(), 1, Instant.parse("2025-01-01T10:00:01Z"));
    }

    private RunReport report(Instant at, Map<String, String> ctx, boolean cancelled, ItemResult... rs) {
        return new RunReport(checklist.id(), checklist.title(), checklist.version(), checklist.source(), "/co", at, 1000,
                ctx, List.of(rs), cancelled);
    }
}

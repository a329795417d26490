package dev.greenlight.ui.checklist;

import dev.greenlight.wiring.Greenlight;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.store.SessionStore;
import dev.greenlight.ui.UiFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The view-model without the FX toolkit: UI work runs serially on the calling thread. */
class ChecklistViewModelTest {
    @TempDir
    Path tmp;
    UiFixture fixture;
    Checklist checklist;
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
    }

    @AfterEach
    void tearDown() {
        fixture.restoreHome();
    }

    private ChecklistViewModel vm(SessionStore store) {
        return new ChecklistViewModel(checklist, store, serial, (only, risky, listener) -> Greenlight.prepare(UiFixture.runners(),
                checklist, RunOptions.defaults(fixture.checkout).withOnly(only).withAllowCommands(risky).withAllowInvoke(risky),
                AwsSettings.DEFAULT, listener));
    }

    private static RunReport runAndWait(ChecklistViewModel vm, Runnable start) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        vm.lastReportProperty().addListener((o, a, b) -> done.countDown());
        start.run();
        assertThat(done.await(30, TimeUnit.SECONDS)).as("run finished").isTrue();
        return vm.lastReportProperty().get();
    }

    private SessionStore store() throws Exception {
        return SessionStore.open(fixture.home, checklist.id(), fixture.checkout);
    }

    @Test
    void beforeAnyRunAutomatedItemsAreNotRunAndManualOnesWait() {
        ChecklistViewModel vm = vm(null);
        assertThat(vm.item("template-present").orElseThrow().status()).isNull();
        assertThat(vm.item("smoke-test").orElseThrow().status()).isEqualTo(Status.MANUAL);
        StatusCounts c = vm.countsProperty().get();
        assertThat(c.notRun()).isEqualTo(3);
        assertThat(c.count(Status.MANUAL)).isEqualTo(1);
    }

    @Test
    void runAllGivesEachItemItsVerdictAndCountsThemPerSection() throws Exception {
        ChecklistViewModel vm = vm(null);
        runAndWait(vm, vm::runAll);
        assertThat(vm.item("template-present").orElseThrow().status()).isEqualTo(Status.PASS);
        assertThat(vm.item("dockerfile-v3").orElseThrow().status()).isEqualTo(Status.FAIL);
        assertThat(vm.isRunning()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.countsProperty().get().count(Status.PASS)).isEqualTo(2);
        assertThat(vm.sections()).extracting(SectionState::summary)
                .containsExactly("2/2", "0/1 · 1 fail", "0/1 · 1 manual");
        assertThat(vm.sections().get(1).worstProperty().get()).isEqualTo(Status.FAIL);
        assertThat(vm.messageProperty().get()).startsWith("Finished in").contains("2 pass, 1 fail");
    }

    @Test
    void verdictsHandedOverTogetherAreCountedOnceAfterThemNotOncePerVerdict() {
        // the FX thread's queue, drained by hand: three verdicts arrive in one pulse
        java.util.ArrayDeque<Runnable> fxQueue = new java.util.ArrayDeque<>();
        ChecklistViewModel vm = new ChecklistViewModel(checklist, null, fxQueue::add, (only, risky, listener) -> {
            throw new AssertionError("no run in this test");
        });
        drain(fxQueue);
        java.util.List<StatusCounts> counted = new java.util.ArrayList<>();
        vm.countsProperty().addListener((o, a, b) -> counted.add(b));
        java.util.List<String> sectionSummaries = new java.util.ArrayList<>();
        vm.sections().forEach(s -> s.summaryProperty().addListener((o, a, b) -> sectionSummaries.add(b)));
        fxQueue.add(() -> {
            for (String id : java.util.List.of("template-present", "definition-uri", "dockerfile-v3")) {
                ItemState st = vm.item(id).orElseThrow();
                st.setResult(new dev.greenlight.engine.ItemResult(id, st.item().sectionId(), st.item().title(),
                        dev.greenlight.engine.Result.fail("broken on purpose").build(), 1, java.time.Instant.now()), Map.of());
            }
            assertThat(counted).as("nothing counted while the verdicts are still arriving").isEmpty();
        });
        drain(fxQueue);
        assertThat(counted).hasSize(1);
        assertThat(counted.get(0).count(Status.FAIL)).isEqualTo(3);
        assertThat(counted.get(0).count(Status.MANUAL)).isEqualTo(1);
        assertThat(sectionSummaries).containsExactly("0/2 · 2 fail", "0/1 · 1 fail");
    }

    private static void drain(java.util.Deque<Runnable> queue) {
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            r.run();
        }
    }

    @Test
    void runItemRunsOnlyThatItem() throws Exception {
        ChecklistViewModel vm = vm(null);
        RunReport r = runAndWait(vm, () -> vm.runItem("dockerfile-v3"));
        assertThat(r.results()).extracting(x -> x.itemId()).containsExactly("dockerfile-v3");
        assertThat(vm.item("template-present").orElseThrow().status()).isNull();
    }

    @Test
    void aTickIsOnDiskAndComesBackInTheNextSession() throws Exception {
        ChecklistViewModel vm = vm(store());
        vm.tick("smoke-test", "execution abc-123 succeeded", "alice", "arn:aws:iam::123456789012:user/alice");
        vm.flush();
        ChecklistViewModel next = vm(store());
        ItemState s = next.item("smoke-test").orElseThrow();
        assertThat(s.status()).isEqualTo(Status.DONE);
        assertThat(s.signOff().user()).isEqualTo("alice");
        assertThat(s.signOff().awsArn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(s.signOff().note()).isEqualTo("execution abc-123 succeeded");
        assertThat(next.countsProperty().get().count(Status.DONE)).isEqualTo(1);
    }

    @Test
    void eachRunSaysItsKindSoThatOnlyAFullRunCanBeLastGreen() throws Exception {
        ChecklistViewModel vm = vm(null);
        assertThat(runAndWait(vm, vm::runAll).context()).containsEntry("run.kind", "full");
        assertThat(runAndWait(vm, () -> vm.runItem("dockerfile-v3")).context()).containsEntry("run.kind", "partial");
        assertThat(runAndWait(vm, () -> vm.runItems(java.util.Set.of("dockerfile-v3"), "on-call")).context())
                .containsEntry("run.kind", "diagnose");
        assertThat(runAndWait(vm, vm::runAll).context()).containsEntry("run.kind", "full");
    }

    @Test
    void untickingIsSavedToo() throws Exception {
        ChecklistViewModel vm = vm(store());
        vm.tick("smoke-test", "watched execution abc-123", "alice", null);
        vm.untick("smoke-test");
        vm.flush();
        assertThat(vm(store()).item("smoke-test").orElseThrow().status()).isEqualTo(Status.MANUAL);
    }

    @Test
    void lastVerdictsAreRestoredWithTheirEvidence() throws Exception {
        ChecklistViewModel vm = vm(store());
        runAndWait(vm, vm::runAll);
        vm.flush();
        ItemState restored = vm(store()).item("definition-uri").orElseThrow();
        assertThat(restored.status()).isEqualTo(Status.PASS);
        assertThat(restored.result().result().evidence()).singleElement()
                .satisfies(e -> assertThat(e.where()).isEqualTo("backend/template.yaml:9"));
    }

    @Test
    void automatedItemsCannotBeTicked() {
        ChecklistViewModel vm = vm(null);
        vm.toggleTick("template-present", "", "alice", null);
        assertThat(vm.item("template-present").orElseThrow().signOff()).isNull();
    }

    @Test
    void filtersByTextAndByStatus() throws Exception {
        ChecklistViewModel vm = vm(null);
        runAndWait(vm, vm::runAll);
        vm.filterTextProperty().set("dockerfile");
        assertThat(vm.items().stream().filter(vm::matchesFilter)).extracting(ItemState::id).containsExactly("dockerfile-v3");
        vm.filterTextProperty().set("");
        vm.filterStatuses().add(Status.PASS);
        assertThat(vm.items().stream().filter(vm::matchesFilter)).extracting(ItemState::id)
                .containsExactly("template-present", "definition-uri");
    }

    @Test
    void filtersBySeveralStatusesAtOnce() throws Exception {
        ChecklistViewModel vm = vm(null);
        runAndWait(vm, vm::runAll);
        vm.filterStatuses().addAll(java.util.List.of(Status.FAIL, Status.MANUAL));
        assertThat(vm.items().stream().filter(vm::matchesFilter)).extracting(ItemState::id)
                .containsExactly("dockerfile-v3", "smoke-test");
        assertThat(vm.noMatchProperty().get()).isEmpty();
    }

    @Test
    void saysWhatTheFilterWasWhenNoItemMatches() throws Exception {
        ChecklistViewModel vm = vm(null);
        runAndWait(vm, vm::runAll);
        vm.filterTextProperty().set("dockerfile");
        vm.filterStatuses().addAll(java.util.List.of(Status.PASS, Status.WARN));
        assertThat(vm.items().stream().filter(vm::matchesFilter)).isEmpty();
        assertThat(vm.noMatchProperty().get())
                .startsWith("No item matches “dockerfile” with status pass or warn.");
        vm.filterStatuses().clear();
        assertThat(vm.noMatchProperty().get()).isEmpty();
        vm.filterTextProperty().set("no such words");
        assertThat(vm.noMatchProperty().get()).startsWith("No item matches “no such words”.");
    }

    static Map<String, String> context(String stage, String region) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("var:stage", stage);
        m.put("checkout", "/work/co");
        m.put("aws.profile", "");
        m.put("aws.region", region);
        m.put("aws.endpoint", "");
        return m;
    }

    @Test
    void verdictsFromAnotherStageAreStaleUntilTheItemRunsAgain() throws Exception {
        ChecklistViewModel vm = vm(null);
        vm.setContext(context("dev", ""));
        runAndWait(vm, vm::runAll);
        assertThat(vm.items()).noneMatch(ItemState::stale);

        vm.setContext(context("prod", ""));
        ItemState template = vm.item("template-present").orElseThrow();
        assertThat(template.stale()).isTrue();
        assertThat(template.staleNote()).isEqualTo(
                "From an earlier run with stage=dev (now stage=prod). Run it again to check the current target.");
        assertThat(template.status()).as("the verdict is still shown, only marked").isEqualTo(Status.PASS);
        assertThat(vm.item("dockerfile-v3").orElseThrow().stale()).isTrue();
        assertThat(vm.item("smoke-test").orElseThrow().stale()).as("a manual item has no verdict to go stale").isFalse();

        runAndWait(vm, () -> vm.runItem("template-present"));
        assertThat(template.stale()).isFalse();
        assertThat(vm.item("dockerfile-v3").orElseThrow().stale()).isTrue();

        vm.setContext(context("dev", ""));
        assertThat(vm.item("dockerfile-v3").orElseThrow().stale()).as("back on the stage it ran with").isFalse();
        assertThat(template.stale()).as("ran with prod").isTrue();
    }

    @Test
    void changingTheAwsRegionMarksVerdictsStaleAndSaysWhatItWas() throws Exception {
        ChecklistViewModel vm = vm(null);
        vm.setContext(context("dev", ""));
        runAndWait(vm, vm::runAll);
        vm.setContext(context("dev", "eu-west-1"));
        assertThat(vm.staleCount()).isEqualTo(3);
        assertThat(vm.item("definition-uri").orElseThrow().staleNote())
                .startsWith("From an earlier run with AWS region=(not set) (now AWS region=eu-west-1).");
    }

    @Test
    void aSavedVerdictIsStaleInTheNextSessionWhenTheStageDiffers() throws Exception {
        ChecklistViewModel vm = vm(store());
        vm.setContext(context("dev", ""));
        runAndWait(vm, vm::runAll);
        vm.close().get(10, TimeUnit.SECONDS);

        ChecklistViewModel next = vm(store());
        next.setContext(context("staging", ""));
        assertThat(next.item("definition-uri").orElseThrow().staleNote()).startsWith("From an earlier run with stage=dev (now stage=staging).");
        next.setContext(context("dev", ""));
        assertThat(next.items()).noneMatch(ItemState::stale);
    }

    @Test
    void aSavedVerdictIsStaleWhenItsCheckWasEditedSince() throws Exception {
        ChecklistViewModel vm = vm(store());
        vm.setContext(context("dev", ""));
        runAndWait(vm, vm::runAll);
        vm.close().get(10, TimeUnit.SECONDS);

        java.nio.file.Files.writeString(fixture.checklist, UiFixture.CHECKLIST.replace(
                "paths: [\"${backend}/Dockerfile.v3\"]", "paths: [\"${backend}/Dockerfile\"]"));
        checklist = new ChecklistLoader(UiFixture.runners()).load(fixture.checklist).checklist().orElseThrow();
        ChecklistViewModel next = vm(store());
        next.setContext(context("dev", ""));
        assertThat(next.item("dockerfile-v3").orElseThrow().staleNote())
                .startsWith("From an earlier run with an earlier version of this check.");
        assertThat(next.item("template-present").orElseThrow().stale()).isFalse();
    }

    @Test
    void closeReturnsAtOnceAndCompletesWhenThePendingSaveIsOnDisk() throws Exception {
        SessionStore store = store();
        ChecklistViewModel vm = vm(store);
        java.util.concurrent.CompletableFuture<Void> closed;
        // holding the store's monitor stalls the writer thread the way a slow disk would
        synchronized (store) {
            vm.tick("smoke-test", "checked", "alice", null);
            closed = vm.close();
            assertThat(closed).as("close waits for nobody").isNotDone();
        }
        closed.get(10, TimeUnit.SECONDS);
        assertThat(store().signOff("smoke-test")).hasValueSatisfying(t -> assertThat(t.note()).isEqualTo("checked"));
    }

    @Test
    void aLocalCommandCheckIsSkippedUntilThePersonAllowsItForThatItem() throws Exception {
        String yaml = """
                id: cmd
                title: Commands
                sections:
                  - id: s
                    title: S
                    items:
                      - id: echo
                        title: echo works
                        check: {type: command, argv: [echo, hello], stdout-contains: hello}
                """;
        Checklist c = Greenlight.loader().parse(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "cmd.yaml")
                .checklist().orElseThrow();
        ChecklistViewModel vm = new ChecklistViewModel(c, null, serial, (only, risky, l) -> Greenlight.prepare(c,
                RunOptions.defaults(fixture.checkout).withOnly(only).withAllowCommands(risky), AwsSettings.DEFAULT, l));
        runAndWait(vm, vm::runAll);
        assertThat(vm.item("echo").orElseThrow().status()).isEqualTo(Status.SKIP);
        ChecklistViewModel again = new ChecklistViewModel(c, null, serial, (only, risky, l) -> Greenlight.prepare(c,
                RunOptions.defaults(fixture.checkout).withOnly(only).withAllowCommands(risky), AwsSettings.DEFAULT, l));
        runAndWait(again, () -> again.runItemAllowing("echo"));
        assertThat(again.item("echo").orElseThrow().status()).isEqualTo(Status.PASS);
    }

    @Test
    void aRunStartsOffTheCallingThreadAndAStopPressedAtOnceIsHonoured() throws Exception {
        ChecklistViewModel vm = vm(null);
        CountDownLatch release = new CountDownLatch(1);
        vm.startThread().execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS); // the start thread is busy: a slow, cold start
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RunReport r = runAndWait(vm, () -> {
            vm.runAll(); // returns although the run has not started: a start on this thread would run every item now
            assertThat(vm.isRunning()).as("running as soon as asked").isTrue();
            vm.stop(); // pressed before the items are scheduled
            // stop() cancels on another thread; let that happen before the start thread goes on
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!vm.currentRun().isCancelled() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(vm.currentRun().isCancelled()).isTrue();
            release.countDown();
        });
        assertThat(r.results()).isNotEmpty().allSatisfy(x -> assertThat(x.status()).isEqualTo(Status.SKIP));
        assertThat(vm.isRunning()).isFalse();
    }

    @Test
    void aRunThatCannotStartSaysWhy() {
        ChecklistViewModel vm = new ChecklistViewModel(checklist, null, serial, (only, risky, l) -> {
            throw new IllegalStateException("choose a checkout folder first");
        });
        vm.runAll();
        assertThat(vm.isRunning()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Could not start the run: choose a checkout folder first");
    }
}

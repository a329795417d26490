package dev.greenlight.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.model.Checklist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistRunTest {
    @TempDir
    Path checkout;

    /** A runner that does what its spec says: pass, fail, throw, sleep, or read a file. */
    static final class ScriptedRunner implements Runner<ScriptedRunner.Spec> {
        record Spec(@JsonProperty(required = true) String action, String file) {
        }

        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final Map<String, Long> finishedAt = new ConcurrentHashMap<>();
        final Map<String, Integer> priority = new ConcurrentHashMap<>();

        @Override
        public String type() {
            return "scripted";
        }

        @Override
        public Class<Spec> specType() {
            return Spec.class;
        }

        @Override
        public Result run(Spec spec, RunContext ctx) {
            priority.put(ctx.item().id(), Thread.currentThread().getPriority());
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                switch (spec.action()) {
                    case "pass":
                        return Result.pass("ok").build();
                    case "fail":
                        return Result.fail("wrong").expected("a").actual("b").build();
                    case "throw":
                        throw new IllegalStateException("boom");
                    case "sleep":
                        Thread.sleep(10_000);
                        return Result.pass("slept").build();
                    case "busy":
                        Thread.sleep(100);
                        return Result.pass("busy").build();
                    case "read":
                        ctx.workspace().yaml(spec.file());
                        return Result.pass("read").build();
                    default:
                        return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.error("interrupted").build();
            } catch (WorkspaceException e) {
                return e.toResult("readable");
            } finally {
                finishedAt.put(ctx.item().id(), System.nanoTime());
                concurrent.decrementAndGet();
            }
        }
    }

    private final ScriptedRunner runner = new ScriptedRunner();
    private final RunnerRegistry registry = new RunnerRegistry().register(runner);

    private Checklist checklist(String items) {
        String yaml = "id: t\ntitle: T\nsections:\n  - id: s\n    title: S\n    items:\n" + items;
        return new ChecklistLoader(registry).parse(yaml.getBytes(StandardCharsets.UTF_8), "t.yaml").checklist().orElseThrow();
    }

    private static String item(String id, String action, String extra) {
        return "      - id: " + id + "\n        title: " + id + "\n" + extra
                + "        check: {type: scripted, action: " + action + "}\n";
    }

    private RunReport run(Checklist c, RunOptions o) {
        return new ChecklistRun(c, o, registry, new Services(), Variables.of(Map.of()), null, null).runBlocking();
    }

    @Test
    void leakedExceptionsAndNullResultsBecomeErrorsWhileOthersComplete() {
        RunReport r = run(checklist(item("a", "throw", "") + item("b", "pass", "") + item("c", "nothing", "")),
                RunOptions.defaults(checkout));
        assertThat(r.results()).extracting(ItemResult::status).containsExactly(Status.ERROR, Status.PASS, Status.ERROR);
        assertThat(r.results().get(0).result().reason()).contains("IllegalStateException").contains("boom");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void timesOutAnItemAndInterruptsIt() {
        long t0 = System.nanoTime();
        RunReport r = run(checklist(item("slow", "sleep", "") + item("fast", "pass", "")),
                RunOptions.defaults(checkout).withItemTimeout(Duration.ofMillis(300)));
        assertThat(r.results().get(0).status()).isEqualTo(Status.ERROR);
        assertThat(r.results().get(0).result().reason()).contains("Timed out");
        assertThat(r.results().get(1).status()).isEqualTo(Status.PASS);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void boundsParallelism() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            items.append(item("i" + i, "busy", ""));
        }
        RunReport r = run(checklist(items.toString()), RunOptions.defaults(checkout).withParallelism(3));
        assertThat(r.summary().get(Status.PASS)).isEqualTo(12);
        assertThat(runner.maxConcurrent.get()).isLessThanOrEqualTo(3).isGreaterThan(1);
    }

    @Test
    void runsNeededItemsFirstAndSkipsWhenTheyDoNotHold() {
        RunReport r = run(checklist(item("late", "pass", "        needs: [early]\n") + item("early", "busy", "")
                + item("blocked", "pass", "        needs: [bad]\n") + item("bad", "fail", "")), RunOptions.defaults(checkout));
        assertThat(runner.finishedAt.get("early")).isLessThan(runner.finishedAt.get("late"));
        ItemResult blocked = r.results().stream().filter(x -> x.itemId().equals("blocked")).findFirst().orElseThrow();
        assertThat(blocked.status()).isEqualTo(Status.SKIP);
        assertThat(blocked.result().reason()).contains("Needs 'bad'").contains("FAIL");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void parsesEachFileOnceHoweverManyItemsReadIt() throws Exception {
        java.nio.file.Files.writeString(checkout.resolve("t.yaml"), "a: !Ref B\n");
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            items.append("      - id: r").append(i).append("\n        title: r\n        check: {type: scripted, action: read, file: t.yaml}\n");
        }
        Checklist c = checklist(items.toString());
        ChecklistRun run = new ChecklistRun(c, RunOptions.defaults(checkout), registry, new Services(),
                Variables.of(Map.of()), null, null);
        RunReport r = run.runBlocking();
        assertThat(r.summary().get(Status.PASS)).isEqualTo(20);
        assertThat(run.workspace().parseCounts()).containsEntry("yaml:t.yaml", 1);
    }

    @Test
    void manualItemsWaitForAPersonAndOnlyFilters() {
        Checklist c = checklist(item("a", "pass", "") + "      - id: m\n        title: m\n        manual: true\n");
        RunReport all = run(c, RunOptions.defaults(checkout));
        assertThat(all.results()).extracting(ItemResult::status).containsExactly(Status.PASS, Status.MANUAL);
        RunReport only = run(c, RunOptions.defaults(checkout).withOnly(java.util.Set.of("m")));
        assertThat(only.results()).extracting(ItemResult::itemId).containsExactly("m");
    }

    @Test
    void backgroundRunsCheckAtTheLowestThreadPriority() {
        Checklist c = checklist(item("a", "pass", "") + item("b", "pass", ""));
        run(c, RunOptions.defaults(checkout));
        assertThat(runner.priority).containsOnly(Map.entry("a", Thread.NORM_PRIORITY), Map.entry("b", Thread.NORM_PRIORITY));
        run(c, RunOptions.defaults(checkout).withBackground(true));
        assertThat(runner.priority).containsOnly(Map.entry("a", Thread.MIN_PRIORITY), Map.entry("b", Thread.MIN_PRIORITY));
    }

    @Test
    void aCancelBeforeTheStartSkipsEveryItem() throws Exception {
        Checklist c = checklist(item("a", "pass", "") + item("b", "pass", "        needs: [a]\n"));
        ChecklistRun run = new ChecklistRun(c, RunOptions.defaults(checkout), registry, new Services(),
                Variables.of(Map.of()), null, null);
        run.cancel(); // the app starts runs on another thread; a stop can come first
        RunReport r = run.start().get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.results()).hasSize(2).allSatisfy(x -> assertThat(x.status()).isEqualTo(Status.SKIP));
    }

    @Test
    void cancelStopsTheRunAndLeaksNoThreads() throws Exception {
        int before = Thread.activeCount();
        Checklist c = checklist(item("s1", "sleep", "") + item("s2", "sleep", "") + item("s3", "pass", "        needs: [s1]\n"));
        ChecklistRun run = new ChecklistRun(c, RunOptions.defaults(checkout), registry, new Services(),
                Variables.of(Map.of()), null, null);
        var f = run.start();
        Thread.sleep(200);
        run.cancel();
        RunReport r = f.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.results()).allSatisfy(x -> assertThat(x.status()).isIn(Status.SKIP, Status.ERROR));
        Thread.sleep(300);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("greenlight-check") && t.isAlive()
                && List.of(t.getStackTrace()).stream().anyMatch(s -> s.getClassName().contains("ScriptedRunner")));
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 2);
    }

    @Test
    void undefinedVariableAtRunTimeIsAnErrorOnThatItemOnly() {
        Checklist c = checklist("      - id: v\n        title: v\n        check: {type: scripted, action: read, file: '${git.sha}.yaml'}\n"
                + item("ok", "pass", ""));
        Variables vars = Variables.of(Map.of()).withSource("git.", key -> {
            throw new VariableException("git." + key, "not a git repository", Status.ERROR);
        });
        RunReport r = new ChecklistRun(c, RunOptions.defaults(checkout), registry, new Services(), vars, null, null).runBlocking();
        assertThat(r.results().get(0).status()).isEqualTo(Status.ERROR);
        assertThat(r.results().get(0).result().reason()).contains("${git.sha}").contains("not a git repository");
        assertThat(r.results().get(1).status()).isEqualTo(Status.PASS);
    }

    @Test
    void listenersHearEveryItemBeforeTheRunFinishes() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            items.append(item("i" + i, i % 2 == 0 ? "pass" : "busy", ""));
        }
        java.util.List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void itemFinished(ItemResult result) {
                events.add("item");
            }

            @Override
            public void runFinished(RunReport report) {
                events.add("run");
            }
        };
        new ChecklistRun(checklist(items.toString()), RunOptions.defaults(checkout), registry, new Services(),
                Variables.of(Map.of()), listener, null).runBlocking();
        assertThat(events).hasSize(31).last().isEqualTo("run");
    }
}

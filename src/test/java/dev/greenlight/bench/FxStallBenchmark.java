package dev.greenlight.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.app.AppConfig;
import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.ui.TestLogTail;
import dev.greenlight.ui.checklist.ChecklistView;
import dev.greenlight.ui.logs.LogTailView;
import dev.greenlight.wiring.Greenlight;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FX-thread stalls in the real main window: the longest gap between consecutive pulses (an
 * {@code AnimationTimer} recording its {@code now}) while a 500-item checklist runs on the
 * ~5,000-line synthetic checkout and a log tail streams 1,000 lines/s into the selected item's
 * {@code LogTailView}. Runs on whatever glass the build uses: Monocle headless in
 * {@code mvn -Pbench} without a display, GTK under {@code xvfb-run -a}. See BENCHMARKS.md.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class FxStallBenchmark {
    static final int ITEMS = 500;
    static final int RUNS = Integer.getInteger("bench.stall.runs", 5);
    static final int LINES_PER_SECOND = 1_000;
    static final String LOG_ITEM = "watch-the-stream";

    @TempDir
    static Path dir;
    static Path checkout;
    static Path checklist;

    MainWindow window;
    volatile long fxThreadId;
    final PulseRecorder pulses = new PulseRecorder();

    static String previousHome;

    @BeforeAll
    static void prepare() throws Exception {
        checkout = SyntheticCheckout.create(dir.resolve("checkout"), 80, 5000);
        checklist = dir.resolve("bench-500.yaml");
        Files.writeString(checklist, checklistYaml(ITEMS), StandardCharsets.UTF_8);
        previousHome = System.getProperty("greenlight.home");
        System.setProperty("greenlight.home", Files.createDirectories(dir.resolve("home")).toString());
    }

    @Start
    void start(Stage stage) {
        fxThreadId = Thread.currentThread().getId();
        LogTailFactory tails = (groups, since, filter) -> Stream.open();
        AppConfig config = new AppConfig(checklist.toString(), checkout, s -> tails, "unavailable", (t, m) -> true, null);
        window = new MainWindow(stage, config, new DialogService(), url -> { });
        window.show();
        pulses.start();
        FxSampler.start(Thread.currentThread());
    }

    @AfterEach
    void close(FxRobot robot) {
        Stream.stopAll();
        robot.interact(() -> {
            pulses.stop();
            window.close();
        });
        dev.greenlight.ui.UiFixture.restore("greenlight.home", previousHome);
    }

    @Test
    void stallsWhileFiveHundredItemsRunAndALogStreams(FxRobot robot) throws Exception {
        await(() -> window.viewModel() != null, 60);
        assertThat(window.viewModel().items()).hasSize(ITEMS);
        ObjectNode result = BenchSupport.JSON.createObjectNode();
        result.set("machineAtStart", BenchSupport.machine());
        result.put("glass", System.getProperty("glass.platform", "default (GTK on Linux)")
                + (System.getProperty("monocle.platform") != null ? " " + System.getProperty("monocle.platform") : ""));
        result.put("prism", String.valueOf(System.getProperty("prism.order")));
        result.put("items", ITEMS);
        result.put("linesPerSecond", LINES_PER_SECOND);

        Thread.sleep(2_000);
        Cpu cpu = new Cpu(fxThreadId);
        long idleFrom = System.nanoTime();
        double[] idleCpu = cpu.now();
        Thread.sleep(3_000);
        long idleTo = System.nanoTime();
        double[] idleCpuTo = cpu.now();

        // the log item in the detail pane, its tail started with the Start button
        robot.interact(() -> robot.lookup("#checklist").queryAs(ChecklistView.class).select(LOG_ITEM));
        await(() -> window.detail().logTailView() != null, 20);
        LogTailView view = window.detail().logTailView();
        robot.interact(() -> robot.lookup("#log-start").queryAs(Button.class).fire());
        await(() -> view.model().followingProperty().get(), 20);
        Thread.sleep(6_000); // past the list's capacity (5,000 lines), so trimming is in the picture
        long tailFrom = System.nanoTime();
        double[] tailCpu = cpu.now();
        Thread.sleep(4_000);
        long tailTo = System.nanoTime();
        double[] tailCpuTo = cpu.now();
        double[] runCpu = new double[6];

        List<long[]> runs = new ArrayList<>();
        List<Double> runMs = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            long from = System.nanoTime();
            double[] c0 = cpu.now();
            robot.interact(() -> window.viewModel().runAll());
            await(() -> !window.viewModel().isRunning(), 120);
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(300); // the pulses right after the report
            long to = System.nanoTime();
            double[] c1 = cpu.now();
            for (int k = 0; k < runCpu.length; k++) {
                runCpu[k] += c1[k] - c0[k];
            }
            runs.add(new long[]{from, to});
            runMs.add((double) window.viewModel().lastDurationMsProperty().get());
            Thread.sleep(700);
        }
        long received = view.model().receivedProperty().get();
        Stream.stopAll();
        robot.interact(() -> view.model().stop());

        result.set("idle", cpu.put(pulses.stats(idleFrom, idleTo), idleCpu, idleCpuTo));
        result.set("tailOnly", cpu.put(pulses.stats(tailFrom, tailTo), tailCpu, tailCpuTo));
        result.set("runWithTail", cpu.put(pulses.stats(runs), new double[6], runCpu));
        // the first run pays class loading and JIT of the engine and runners in this JVM
        result.set("firstRun", pulses.stats(runs.subList(0, 1)));
        result.set("laterRuns", pulses.stats(runs.subList(1, runs.size())));
        result.set("runWallMs", BenchSupport.stats(runMs.stream().mapToDouble(d -> d).toArray()));
        result.put("linesReceivedByTheView", received);
        result.put("worstGapNanoTimeAgoMs", pulses.worstAt() == 0 ? -1 : (System.nanoTime() - pulses.worstAt()) / 1_000_000);
        result.set("machineAtEnd", BenchSupport.machine());
        BenchSupport.write("fx-stall-" + (System.getProperty("glass.platform") == null ? "gtk" : "monocle"), result);
        assertThat(window.viewModel().lastReportProperty().get().results()).hasSize(ITEMS);
        assertThat(received).isPositive();
    }

    static void await(Supplier<Boolean> condition, int seconds) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.get();
        });
    }

    /**
     * The bundled checklist's local checks repeated under new ids in sections of 50 (as
     * {@link ScaleBenchmark#generated}), plus one manual item with a log group: 500 items.
     */
    static String checklistYaml(int size) throws Exception {
        Checklist bundled = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        List<Item> local = bundled.items()
                .filter(i -> LocalSectionBenchmark.LOCAL.contains(i.sectionId()) && i.check() != null).toList();
        StringBuilder y = new StringBuilder("id: bench-").append(size).append("\ntitle: Bench ").append(size).append("\nvars:\n");
        bundled.vars().forEach((k, v) -> y.append("  ").append(k).append(": ").append(json(v)).append('\n'));
        y.append("sections:\n");
        for (int i = 0; i < size - 1; i++) {
            if (i % 50 == 0) {
                y.append("  - id: part-").append(i / 50).append("\n    title: Part ").append(i / 50 + 1).append("\n    items:\n");
            }
            Item template = local.get(i % local.size());
            ObjectNode withType = BenchSupport.JSON.createObjectNode().put("type", template.check().type());
            withType.setAll(template.check().params().deepCopy());
            y.append("      - id: item-").append(i).append("\n        title: ").append(json(template.title() + " #" + i))
                    .append("\n        check: ").append(withType).append('\n');
        }
        y.append("  - id: watch\n    title: Watch\n    items:\n      - id: ").append(LOG_ITEM)
                .append("\n        title: Watch the stream\n        manual: true\n        logs:\n          - group: /bench/stream\n");
        return y.toString();
    }

    private static String json(String s) {
        try {
            return BenchSupport.JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tail fed at 1,000 lines/s by a scheduler, through the same bounded buffer the AWS follower uses. */
    static final class Stream {
        private static final List<ScheduledExecutorService> FEEDERS = new ArrayList<>();

        static synchronized TestLogTail open() {
            TestLogTail tail = new TestLogTail(10_000);
            ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-log-feeder");
                t.setDaemon(true);
                return t;
            });
            long start = System.nanoTime();
            long[] sent = {0};
            // catch up to elapsed time each tick, so a late tick does not lower the rate
            feeder.scheduleAtFixedRate(() -> {
                long due = (System.nanoTime() - start) * LINES_PER_SECOND / 1_000_000_000L;
                long now = System.currentTimeMillis();
                for (; sent[0] < due; sent[0]++) {
                    long i = sent[0] + 1;
                    tail.add("/bench/stream", now, (i % 100 == 0 ? "[ERROR] line " : "INFO request handled line ") + i, "e" + i);
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            FEEDERS.add(feeder);
            return tail;
        }

        static synchronized void stopAll() {
            FEEDERS.forEach(ScheduledExecutorService::shutdownNow);
            FEEDERS.clear();
        }
    }

    /**
     * CPU time of the FX thread, the renderer thread and the whole process: on a shared machine a
     * pulse gap also counts time spent waiting for a core, CPU time is what this process asked for.
     * On Linux also the time the FX, renderer and pulse-timer threads were runnable but waited for a
     * core ({@code /proc/self/task/<tid>/schedstat}, second field): starvation, measured directly.
     */
    static final class Cpu {
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final long fx;
        private final long renderer;
        private final java.nio.file.Path[] schedstat;

        Cpu(long fxThreadId) {
            fx = fxThreadId;
            renderer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                    .mapToLong(Thread::getId).findFirst().orElse(-1);
            String fxName = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getId() == fxThreadId)
                    .map(Thread::getName).findFirst().orElse("?");
            schedstat = new java.nio.file.Path[]{task(fxName), task("QuantumRenderer"), task(timerName())};
        }

        private static String timerName() {
            return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.contains("Timer") && (n.contains("Monocle") || n.contains("Quantum") || n.contains("Glass")))
                    .findFirst().orElse("?");
        }

        /** The /proc task whose name (the JVM sets it to the Java name, cut to 15 characters) starts like {@code name}. */
        private static java.nio.file.Path task(String name) {
            String want = name.length() > 15 ? name.substring(0, 15) : name;
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                return tasks.filter(t -> {
                    try {
                        String comm = java.nio.file.Files.readString(t.resolve("comm")).strip();
                        return !comm.isEmpty() && (want.startsWith(comm) || comm.startsWith(want));
                    } catch (java.io.IOException e) {
                        return false;
                    }
                }).map(t -> t.resolve("schedstat")).findFirst().orElse(null);
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }

        private static double waitedMs(java.nio.file.Path p) {
            if (p == null) {
                return Double.NaN;
            }
            try {
                return Long.parseLong(java.nio.file.Files.readString(p).trim().split("\\s+")[1]) / 1e6;
            } catch (java.io.IOException | RuntimeException e) {
                return Double.NaN;
            }
        }

        /** FX thread, renderer thread, process CPU; then FX, renderer, timer run-queue waits: milliseconds so far. */
        double[] now() {
            return new double[]{threads.getThreadCpuTime(fx) / 1e6,
                    renderer < 0 ? 0 : threads.getThreadCpuTime(renderer) / 1e6, BenchSupport.processCpuMs(),
                    waitedMs(schedstat[0]), waitedMs(schedstat[1]), waitedMs(schedstat[2])};
        }

        ObjectNode put(ObjectNode o, double[] from, double[] to) {
            double seconds = o.get("seconds").asDouble();
            o.put("fxThreadCpuMsPerSecond", BenchSupport.round((to[0] - from[0]) / seconds));
            o.put("rendererCpuMsPerSecond", BenchSupport.round((to[1] - from[1]) / seconds));
            o.put("processCpuMsPerSecond", BenchSupport.round((to[2] - from[2]) / seconds));
            if (!Double.isNaN(to[3] - from[3])) {
                o.put("fxThreadWaitingForACoreMsPerSecond", BenchSupport.round((to[3] - from[3]) / seconds));
                o.put("rendererWaitingForACoreMsPerSecond", BenchSupport.round((to[4] - from[4]) / seconds));
                o.put("pulseTimerWaitingForACoreMsPerSecond", BenchSupport.round((to[5] - from[5]) / seconds));
            }
            return o;
        }
    }

    /** Records the gap before every pulse (from AnimationTimer's now) and when it ended. */
    static final class PulseRecorder extends AnimationTimer {
        private final long[] gaps = new long[1 << 20];
        private final long[] ends = new long[1 << 20];
        private final long[] wallEnds = new long[1 << 20];
        private volatile int n;
        private long last;
        private long worst;
        private volatile long worstAt;

        @Override
        public void handle(long now) {
            if (last != 0 && n < gaps.length) {
                long g = now - last;
                gaps[n] = g;
                ends[n] = System.nanoTime();
                wallEnds[n] = System.currentTimeMillis();
                if (g > worst) {
                    worst = g;
                    worstAt = ends[n];
                }
                n++;
            }
            last = now;
        }

        long worstAt() {
            return worstAt;
        }

        ObjectNode stats(long from, long to) {
            return stats(List.<long[]>of(new long[]{from, to}));
        }

        /** Gaps that ended inside any of the windows: max, p99, median, and how many exceeded 50 ms. */
        ObjectNode stats(List<long[]> windows) {
            int count = n;
            List<Double> ms = new ArrayList<>();
            double seconds = 0;
            for (long[] w : windows) {
                seconds += (w[1] - w[0]) / 1e9;
                for (int i = 0; i < count; i++) {
                    if (ends[i] >= w[0] && ends[i] <= w[1]) {
                        ms.add(gaps[i] / 1e6);
                    }
                }
            }
            double[] v = ms.stream().mapToDouble(d -> d).toArray();
            List<String> worst = new ArrayList<>();
            for (long[] w : windows) {
                for (int i = 0; i < count; i++) {
                    if (ends[i] >= w[0] && ends[i] <= w[1] && gaps[i] > 50_000_000L) {
                        worst.add(java.time.Instant.ofEpochMilli(wallEnds[i] - gaps[i] / 1_000_000) + " +" + gaps[i] / 1_000_000 + " ms");
                    }
                }
            }
            ObjectNode o = BenchSupport.JSON.createObjectNode();
            o.put("seconds", BenchSupport.round(seconds));
            o.put("pulses", v.length);
            o.put("pulsesPerSecond", BenchSupport.round(v.length / Math.max(seconds, 1e-9)));
            if (v.length > 0) {
                o.put("maxMs", BenchSupport.round(java.util.Arrays.stream(v).max().orElse(0)));
                o.put("p99Ms", BenchSupport.round(BenchSupport.percentile(v, 99)));
                o.put("medianMs", BenchSupport.round(BenchSupport.percentile(v, 50)));
                o.put("gapsOver50Ms", java.util.Arrays.stream(v).filter(x -> x > 50).count());
                o.put("gapsOver100Ms", java.util.Arrays.stream(v).filter(x -> x > 100).count());
                // when each gap over the 50 ms target began (UTC), to match against a flight recording
                worst.forEach(o.putArray("gapsOver50MsAt")::add);
                if (FxSampler.on()) {
                    ArrayNode stacks = o.putArray("fxStacksInGaps");
                    for (long[] w : windows) {
                        for (int i = 0; i < count; i++) {
                            if (ends[i] >= w[0] && ends[i] <= w[1] && gaps[i] > 50_000_000L) {
                                stacks.add(FxSampler.between(wallEnds[i] - gaps[i] / 1_000_000, wallEnds[i]));
                            }
                        }
                    }
                }
            }
            return o;
        }
    }

    /**
     * With {@code -Dbench.sampleFx=true}: the FX thread's stack every 3 ms, so that each gap over
     * 50 ms comes with what the thread was doing in it ({@code fxStacksInGaps}); for runtimes
     * without a flight recorder, such as the image's. Sampling takes safepoints: time with it off.
     */
    static final class FxSampler {
        private record Sample(long atMillis, String stack) {
        }

        private static final List<Sample> SAMPLES = java.util.Collections.synchronizedList(new ArrayList<>());

        static boolean on() {
            return Boolean.getBoolean("bench.sampleFx");
        }

        static void start(Thread fx) {
            if (!on()) {
                return;
            }
            Thread t = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    StackTraceElement[] st = fx.getStackTrace();
                    StringBuilder b = new StringBuilder(fx.getState().toString());
                    for (int i = 0; i < Math.min(st.length, 12); i++) {
                        b.append(" < ").append(st[i].getClassName()).append('.').append(st[i].getMethodName());
                    }
                    SAMPLES.add(new Sample(System.currentTimeMillis(), b.toString()));
                    try {
                        Thread.sleep(3);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-fx-sampler");
            t.setDaemon(true);
            t.start();
        }

        /** The samples taken from {@code fromMillis} to {@code toMillis}, each with its offset. */
        static ObjectNode between(long fromMillis, long toMillis) {
            ObjectNode gap = BenchSupport.JSON.createObjectNode();
            gap.put("at", java.time.Instant.ofEpochMilli(fromMillis).toString());
            gap.put("ms", toMillis - fromMillis);
            ArrayNode samples = gap.putArray("samples");
            synchronized (SAMPLES) {
                for (Sample x : SAMPLES) {
                    if (x.atMillis() >= fromMillis && x.atMillis() <= toMillis) {
                        samples.add("+" + (x.atMillis() - fromMillis) + " ms " + x.stack());
                    }
                }
            }
            return gap;
        }
    }
}

package dev.greenlight.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checklists of 10, 100 and 1,000 items made of the bundled checklist's local checks (every
 * local runner type it uses), repeated under new ids, on the ~5,000-line synthetic checkout:
 * completion time, peak live threads and heap. See BENCHMARKS.md.
 */
@Tag("benchmark")
class ScaleBenchmark {
    static final int[] SIZES = {10, 100, 1_000};
    static final int RUNS = 3;

    @TempDir
    Path dir;

    @Test
    void tenHundredThousandItems() throws Exception {
        Path checkout = SyntheticCheckout.create(dir.resolve("checkout"), 80, 5000);
        Checklist bundled = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        List<Item> local = bundled.items()
                .filter(i -> LocalSectionBenchmark.LOCAL.contains(i.sectionId()) && i.check() != null).toList();
        ObjectNode result = BenchSupport.JSON.createObjectNode();
        result.set("machineAtStart", BenchSupport.machine());
        result.put("distinctChecks", local.size());
        result.put("runnerTypes", String.join(", ", local.stream().map(i -> i.check().type()).distinct().sorted().toList()));
        result.put("parallelism", RunOptions.defaults(checkout).parallelism());
        int threadsBefore = BenchSupport.liveThreads();
        result.put("liveThreadsBefore", threadsBefore);
        ArrayNode curve = result.putArray("curve");
        double perItemAt10 = 0;
        double perItemAt1000 = 0;
        int maxPeakThreads = 0;
        long maxCheckThreads = 0;
        for (int size : SIZES) {
            Checklist checklist = generated(bundled, local, size);
            RunOptions options = RunOptions.defaults(checkout);
            Greenlight.prepare(checklist, options, AwsSettings.DEFAULT, null).runBlocking(); // warm-up
            double[] wall = new double[RUNS];
            int peakThreads = 0;
            java.util.Map<String, Long> threadsAtPeak = java.util.Map.of();
            long peakHeap = 0;
            double retained = 0;
            int passed = 0;
            for (int r = 0; r < RUNS; r++) {
                double heapBefore = BenchSupport.heapAfterGcMb();
                Sampler sampler = new Sampler();
                long t0 = System.nanoTime();
                RunReport report = Greenlight.prepare(checklist, options, AwsSettings.DEFAULT, null).runBlocking();
                wall[r] = (System.nanoTime() - t0) / 1e6;
                sampler.stop();
                retained = Math.max(retained, BenchSupport.heapAfterGcMb() - heapBefore);
                if (sampler.peakThreads.get() > peakThreads) {
                    peakThreads = sampler.peakThreads.get();
                    threadsAtPeak = sampler.atPeak;
                }
                peakHeap = Math.max(peakHeap, sampler.peakHeap.get());
                passed = (int) report.results().stream().filter(x -> x.status().holds()).count();
                assertThat(report.results()).hasSize(size);
            }
            double median = BenchSupport.median(wall);
            curve.addObject().put("items", size).put("passed", passed)
                    .set("wall", BenchSupport.stats(wall));
            ObjectNode last = (ObjectNode) curve.get(curve.size() - 1);
            last.put("msPerItem", Math.round(median / size * 100) / 100.0);
            last.put("peakLiveThreads", peakThreads);
            last.set("threadsAtPeak", BenchSupport.JSON.valueToTree(threadsAtPeak));
            maxCheckThreads = Math.max(maxCheckThreads, threadsAtPeak.getOrDefault("greenlight-check-#", 0L));
            last.put("peakHeapUsedMb", BenchSupport.round(peakHeap / (1024.0 * 1024.0)));
            last.put("retainedAfterGcMb", BenchSupport.round(retained));
            if (size == 10) {
                perItemAt10 = median / size;
            }
            if (size == 1_000) {
                perItemAt1000 = median / size;
            }
            maxPeakThreads = Math.max(maxPeakThreads, peakThreads);
        }
        result.put("msPerItemAt1000OverAt10", Math.round(perItemAt1000 / perItemAt10 * 100) / 100.0);
        result.put("liveThreadsAfter", BenchSupport.liveThreads());
        result.set("machineAtEnd", BenchSupport.machine());
        BenchSupport.write("scale", result);

        // Bounded: never more check threads than the pool size, whatever the number of items.
        assertThat(maxCheckThreads).isLessThanOrEqualTo(RunOptions.defaults(checkout).parallelism());
    }

    /** The local checks of the bundled checklist, repeated under new ids until there are {@code size} items. */
    static Checklist generated(Checklist bundled, List<Item> local, int size) {
        StringBuilder y = new StringBuilder("id: scale-").append(size).append("\ntitle: Scale ").append(size).append("\nvars:\n");
        bundled.vars().forEach((k, v) -> y.append("  ").append(k).append(": ").append(json(v)).append('\n'));
        y.append("sections:\n  - id: generated\n    title: Generated\n    items:\n");
        for (int i = 0; i < size; i++) {
            Item template = local.get(i % local.size());
            ObjectNode check = template.check().params().deepCopy();
            ObjectNode withType = BenchSupport.JSON.createObjectNode().put("type", template.check().type());
            withType.setAll(check);
            y.append("      - id: item-").append(i).append("\n        title: ").append(json(template.title() + " #" + i))
                    .append("\n        check: ").append(withType).append('\n');
        }
        LoadResult r = Greenlight.loader().parse(y.toString().getBytes(StandardCharsets.UTF_8), "scale-" + size + ".yaml");
        assertThat(r.problems()).isEmpty();
        return r.checklist().orElseThrow();
    }

    private static String json(String s) {
        try {
            return BenchSupport.JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Samples live threads and heap used every 5 ms while a run is going. */
    static final class Sampler {
        final AtomicInteger peakThreads = new AtomicInteger();
        final AtomicLong peakHeap = new AtomicLong();
        /** Live threads by name (digits dropped) at the moment of the peak count. */
        volatile java.util.Map<String, Long> atPeak = java.util.Map.of();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Sampler() {
            thread = new Thread(() -> {
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
                while (running.get()) {
                    int count = threads.getThreadCount();
                    if (count > peakThreads.get()) {
                        peakThreads.set(count);
                        atPeak = Thread.getAllStackTraces().keySet().stream().collect(java.util.stream.Collectors.groupingBy(
                                t -> t.getName().replaceAll("\\d+", "#"), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
                    }
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(1_000);
        }
    }
}

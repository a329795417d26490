package dev.greenlight.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.awsfake.FakeLogs;
import dev.greenlight.engine.logs.LogEvent;
import dev.greenlight.runners.aws.AwsSession;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.aws.CloudWatchLogTail;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log tail as the UI sees it: how long after an event is written at the endpoint it reaches a
 * consumer that drains every 100 ms (default 1 s poll interval, and the same poller at the 5 s of
 * {@code aws logs tail --follow}); and the heap while a million lines stream through. See BENCHMARKS.md.
 */
@Tag("benchmark")
class LogTailBenchmark {
    static final String GROUP = "/aws/lambda/backend-workflow-dev-InitializeStateDataFunction-AbC123";
    static final int EVENTS = 60;
    static final long UI_TICK_MS = 100;

    @Test
    void latencyFromPutToConsumer() throws Exception {
        credentials();
        FakeLogs logs = new FakeLogs().group(GROUP);
        try (FakeAws aws = new FakeAws().register(logs);
             AwsSession session = AwsSession.create(new AwsSettings(null, "us-east-1", aws.endpoint().toString()))) {
            Instant since = Instant.now().minusSeconds(1);
            Map<String, Long> putAt = new ConcurrentHashMap<>();
            // Both tails follow the same events at the same time, so they see the same load.
            Consumer oneSecond = new Consumer(new CloudWatchLogTail(session, List.of(GROUP), since, null,
                    CloudWatchLogTail.Options.DEFAULT).start(), putAt, Integer.MAX_VALUE);
            Consumer fiveSeconds = new Consumer(new CloudWatchLogTail(session, List.of(GROUP), since, null,
                    CloudWatchLogTail.Options.DEFAULT.withPollInterval(Duration.ofSeconds(5))).start(), putAt, Integer.MAX_VALUE);
            Thread.sleep(1_500); // both tails past their first poll
            Random random = new Random(8);
            for (int i = 0; i < EVENTS; i++) {
                Thread.sleep(50 + random.nextInt(300)); // writes at random phases of the poll cycle
                String message = "[INFO] event " + i;
                putAt.put(message, System.nanoTime());
                logs.put(GROUP, "2024/05/02/[$LATEST]0a1b2c3d", System.currentTimeMillis(), message);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((oneSecond.latencies.size() < EVENTS || fiveSeconds.latencies.size() < EVENTS) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            oneSecond.stop();
            fiveSeconds.stop();

            ObjectNode result = BenchSupport.JSON.createObjectNode();
            result.set("machine", BenchSupport.machine());
            result.put("events", EVENTS);
            result.put("uiDrainEveryMs", UI_TICK_MS);
            result.set("pollEvery1s", latencyStats(oneSecond));
            result.set("pollEvery5sLikeAwsLogsTail", latencyStats(fiveSeconds));
            BenchSupport.write("log-tail-latency", result);

            assertThat(oneSecond.latencies).hasSize(EVENTS);
            assertThat(fiveSeconds.latencies).hasSize(EVENTS);
        }
    }

    @Test
    void heapWhileAMillionLinesStreamThrough() throws Exception {
        credentials();
        long total = 1_000_000;
        long rate = 25_000;
        int uiBatch = 1_000;
        StreamingLogs stream = new StreamingLogs(GROUP, Instant.parse("2024-05-02T10:17:00Z").toEpochMilli(), total, rate);
        try (FakeAws aws = new FakeAws().register(stream);
             AwsSession session = AwsSession.create(new AwsSettings(null, "us-east-1", aws.endpoint().toString()))) {
            double baseline = BenchSupport.heapAfterGcMb();
            CloudWatchLogTail tail = new CloudWatchLogTail(session, List.of(GROUP), Instant.parse("2024-05-02T10:00:00Z"), null,
                    CloudWatchLogTail.Options.DEFAULT);
            Consumer ui = new Consumer(tail, null, uiBatch);
            List<Double> samples = new ArrayList<>();
            List<Integer> buffered = new ArrayList<>();
            long t0 = System.nanoTime();
            stream.start();
            tail.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (ui.delivered.get() + tail.dropped() < total && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                samples.add(BenchSupport.heapAfterGcMb() - baseline);
                buffered.add(tail.buffered());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            ui.stop();
            tail.close();
            double after = BenchSupport.heapAfterGcMb() - baseline;

            double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
            double[] secondHalf = samples.subList(samples.size() / 2, samples.size()).stream().mapToDouble(Double::doubleValue).toArray();
            ObjectNode result = BenchSupport.JSON.createObjectNode();
            result.set("machine", BenchSupport.machine());
            result.put("lines", total);
            result.put("offeredLinesPerSecond", rate);
            result.put("uiTakesPerTick", uiBatch);
            result.put("uiTickMs", UI_TICK_MS);
            result.put("bufferCapacity", CloudWatchLogTail.Options.DEFAULT.bufferCapacity());
            result.put("seconds", BenchSupport.round(seconds));
            result.put("delivered", ui.delivered.get());
            result.put("dropped", tail.dropped());
            result.put("polls", tail.polls());
            result.put("baselineHeapMb", BenchSupport.round(baseline));
            result.put("peakHeapOverBaselineMb", BenchSupport.round(s.length == 0 ? 0 : java.util.Arrays.stream(s).max().getAsDouble()));
            result.put("steadyHeapOverBaselineMb", BenchSupport.round(secondHalf.length == 0 ? 0 : BenchSupport.median(secondHalf)));
            result.put("afterCloseHeapOverBaselineMb", BenchSupport.round(after));
            result.put("maxBuffered", buffered.stream().mapToInt(Integer::intValue).max().orElse(0));
            ArrayNode series = result.putArray("heapOverBaselineMbEverySecond");
            samples.forEach(v -> series.add(BenchSupport.round(v)));
            BenchSupport.write("log-tail-memory", result);

            assertThat(ui.delivered.get() + tail.dropped()).isEqualTo(total);
        }
    }

    private static ObjectNode latencyStats(Consumer c) {
        double[] ms = c.latencies.stream().mapToDouble(Double::doubleValue).toArray();
        ObjectNode n = BenchSupport.stats(ms);
        n.put("delivered", ms.length);
        return n;
    }

    private static void credentials() {
        System.setProperty("aws.accessKeyId", "AKIDBENCH");
        System.setProperty("aws.secretAccessKey", "bench-secret");
    }

    /** Drains the tail every 100 ms, as the UI's timer does, taking at most {@code batch} events a tick. */
    static final class Consumer {
        final List<Double> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicLong delivered = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private final CloudWatchLogTail tail;

        Consumer(CloudWatchLogTail tail, Map<String, Long> putAt, int batch) {
            this.tail = tail;
            this.thread = new Thread(() -> {
                while (running.get()) {
                    for (LogEvent e : tail.drain(batch)) {
                        delivered.incrementAndGet();
                        Long at = putAt == null ? null : putAt.get(e.message());
                        if (at != null) {
                            latencies.add((System.nanoTime() - at) / 1e6);
                        }
                    }
                    try {
                        Thread.sleep(UI_TICK_MS);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
            }, "bench-ui-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(2_000);
            tail.close();
        }
    }
}

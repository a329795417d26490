package dev.greenlight.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Timing helpers and result files for the benchmarks (target/bench/NAME.json). */
final class BenchSupport {
    static final JsonMapper JSON = new JsonMapper();

    private BenchSupport() {
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code warmup} untimed and {@code runs} timed iterations; returns milliseconds per run. */
    static double[] time(int warmup, int runs, Body body) throws Exception {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static ObjectNode stats(double[] ms) {
        ObjectNode n = JSON.createObjectNode();
        n.put("runs", ms.length);
        n.put("medianMs", round(percentile(ms, 50)));
        n.put("p90Ms", round(percentile(ms, 90)));
        n.put("minMs", round(Arrays.stream(ms).min().orElse(0)));
        n.put("maxMs", round(Arrays.stream(ms).max().orElse(0)));
        return n;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Wall time of a whole JVM process running the CLI (class path of this test run). */
    static double processMs(List<String> args, Path workDir) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.greenlight.Main");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GREENLIGHT_HOME", workDir.resolve("home").toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("process did not finish: " + args);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    static void write(String name, ObjectNode result) throws IOException {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name + ".json").toFile(), result);
        System.err.println("[bench] " + name + ": " + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}

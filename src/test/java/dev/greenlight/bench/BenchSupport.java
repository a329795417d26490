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
        return process(List.of(), "dev.greenlight.Main", args, workDir).wallMs();
    }

    /** One child JVM: wall time and CPU time (user + system; -1 when /usr/bin/time is missing). */
    record Proc(double wallMs, double cpuMs) {
    }

    private static final Path TIME = Path.of("/usr/bin/time");

    /**
     * Runs {@code mainClass} in a fresh JVM on this test run's class path. CPU time is measured
     * too because on a shared machine the wall time mostly measures the neighbours.
     */
    static Proc process(List<String> jvmFlags, String mainClass, List<String> args, Path workDir) throws Exception {
        List<String> cmd = new ArrayList<>();
        Path cpuFile = Files.createTempFile(workDir, "cpu", ".txt");
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            cmd.addAll(List.of(TIME.toString(), "-o", cpuFile.toString(), "-f", "%U %S"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
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
        double wall = (System.nanoTime() - t0) / 1e6;
        double cpu = -1;
        if (timed) {
            String[] parts = Files.readString(cpuFile).strip().split("\\s+");
            String[] last = parts.length >= 2 ? new String[]{parts[parts.length - 2], parts[parts.length - 1]} : parts;
            try {
                cpu = (Double.parseDouble(last[0]) + Double.parseDouble(last[1])) * 1000;
            } catch (RuntimeException ignored) {
                // keep -1: the child's output format was not what we asked for
            }
        }
        Files.deleteIfExists(cpuFile);
        return new Proc(wall, cpu);
    }

    /** CPU time of this whole JVM so far (all threads), in ms. */
    static double processCpuMs() {
        try {
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getProcessCpuTime() / 1e6;
            }
        } catch (NoClassDefFoundError e) {
            // the runtime image has no jdk.management (FxStallBenchmark run inside it: jlink/bench-in-image.sh)
        }
        return procSelfCpuMs();
    }

    /** utime + stime of /proc/self/stat (Linux), in ms; -1 elsewhere. */
    private static double procSelfCpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat(5)
            return ticks * 10.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Heap in use after a GC hint, in MB. */
    static double heapAfterGcMb() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    static int liveThreads() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** The machine the numbers come from, and how busy it was (load average) when they were taken. */
    static ObjectNode machine() {
        ObjectNode n = JSON.createObjectNode();
        n.put("processors", Runtime.getRuntime().availableProcessors());
        try {
            Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .ifPresent(l -> n.put("memTotal", l.substring("MemTotal:".length()).strip()));
        } catch (IOException ignored) {
            // not Linux
        }
        n.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        n.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        // the runtime image's java (jlink/bench-in-image.sh) or the JDK surefire forks
        n.put("javaHome", System.getProperty("java.home"));
        n.put("loadAverage", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return n;
    }

    static double median(double[] v) {
        return percentile(v, 50);
    }

    static void write(String name, ObjectNode result) throws IOException {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name + ".json").toFile(), result);
        System.err.println("[bench] " + name + ": " + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}

package dev.greenlight.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Launch to first frame: the Greenlight main window against a hello-world JavaFX window
 * ({@link HelloWindow}) on the same runtime, for the runtime image ({@code bin/greenlight}, built by
 * {@code mvn -Pdist package}) and for the plain class path on this JDK. Needs a display:
 * {@code xvfb-run -a mvn -B -o test -Pbench -Dtest=FirstFrameBenchmark}.
 *
 * <p>Each process gets {@link FirstFrameProbe} as its JavaFX preloader; the clock starts in this
 * JVM just before the process is started, so the launcher script, JVM creation, class loading,
 * toolkit start, the window's construction and its first pulse are all inside the figure. One
 * warm-up round, then rounds that run every variant once each (interleaved: a load burst on this
 * shared machine hits every variant alike). See BENCHMARKS.md.
 */
@Tag("benchmark")
class FirstFrameBenchmark {
    static final int ROUNDS = Integer.getInteger("bench.firstFrame.rounds", 12);
    static final Path IMAGE = Path.of("target/dist/greenlight");
    static final Path TIME = Path.of("/usr/bin/time");

    @TempDir
    Path dir;

    @Test
    void launchToFirstFrame() throws Exception {
        String display = System.getenv("DISPLAY");
        assumeTrue(display != null && !display.isBlank(), "needs a display: run under xvfb-run -a");
        Path testClasses = Path.of("target/test-classes").toAbsolutePath();
        Path jdkJava = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");

        Map<String, Variant> variants = new LinkedHashMap<>();
        boolean image = Files.isExecutable(IMAGE.resolve("bin/greenlight"));
        if (image) {
            Path launcher = IMAGE.resolve("bin/greenlight").toAbsolutePath();
            // the launcher's own class path (jars named through /proc/self/fd/9, so the AppCDS
            // archive still matches) with the probe's directory appended: an appended entry keeps
            // the archive usable
            String cp = launcherClassPath(launcher) + ":" + testClasses;
            assertThat(cp).doesNotContain(" ");
            variants.put("image-greenlight", new Variant(List.of(launcher.toString()), List.of(), cp, true));
            variants.put("image-hello", new Variant(List.of(IMAGE.resolve("runtime/bin/java").toAbsolutePath().toString(),
                    "-XX:-UsePerfData", "-cp", testClasses.toString()), List.of(HelloWindow.class.getName()), null, false));
        }
        variants.put("classpath-greenlight", new Variant(List.of(jdkJava.toString(), "-cp", classPath),
                List.of("dev.greenlight.Main"), null, true));
        variants.put("classpath-hello", new Variant(List.of(jdkJava.toString(), "-cp", classPath),
                List.of(HelloWindow.class.getName()), null, false));

        Map<String, List<Map<String, Long>>> samples = new LinkedHashMap<>();
        variants.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        for (int round = 0; round <= ROUNDS; round++) {
            for (var e : variants.entrySet()) {
                Map<String, Long> s = once(e.getKey(), e.getValue());
                if (round > 0) {
                    samples.get(e.getKey()).add(s);
                }
            }
        }

        ObjectNode result = BenchSupport.JSON.createObjectNode();
        result.set("machineAtStart", BenchSupport.machine());
        result.put("display", display);
        result.put("rounds", ROUNDS);
        result.put("image", image ? IMAGE.toAbsolutePath().toString() : "not built (mvn -B -o -Pdist package -DskipTests)");
        ObjectNode out = result.putObject("variants");
        for (var e : samples.entrySet()) {
            ObjectNode v = out.putObject(e.getKey());
            for (String metric : List.of("jvmStart", "probeLoaded", "beforeStart", "firstFrame", "untilFrame", "cpu")) {
                double[] values = e.getValue().stream().filter(m -> m.get(metric) != null && m.get(metric) >= 0)
                        .mapToDouble(m -> m.get(metric)).toArray();
                if (values.length > 0) {
                    v.set(metric, BenchSupport.stats(values));
                }
            }
            ArrayNode raw = v.putArray("firstFrameMs");
            e.getValue().forEach(m -> raw.add(m.get("firstFrame")));
        }
        for (String kind : image ? List.of("image", "classpath") : List.of("classpath")) {
            double g = out.get(kind + "-greenlight").get("firstFrame").get("medianMs").asDouble();
            double h = out.get(kind + "-hello").get("firstFrame").get("medianMs").asDouble();
            result.put(kind + "GreenlightOverHelloMedian", Math.round(g / h * 100) / 100.0);
        }
        result.set("machineAtEnd", BenchSupport.machine());
        BenchSupport.write("first-frame", result);
        samples.values().forEach(list -> assertThat(list).allSatisfy(m -> assertThat(m.get("firstFrame")).isPositive()));
    }

    /** The launcher command (and app arguments), the class path override for bin/greenlight, and whether to wait for the checklist. */
    record Variant(List<String> command, List<String> mainAndArgs, String launcherClassPath, boolean greenlight) {
    }

    /** One process: milliseconds from just before its start to each probe mark, and its CPU time. */
    private Map<String, Long> once(String name, Variant v) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-" + name));
        Path marks = dir.resolve(name + ".marks");
        Files.deleteIfExists(marks);
        Path cpuFile = dir.resolve(name + ".cpu");
        List<String> probe = new ArrayList<>(List.of("-Djavafx.preloader=" + FirstFrameProbe.class.getName(),
                "-Dgreenlight.firstFrame.file=" + marks));
        if (v.greenlight()) {
            probe.add("-Dgreenlight.firstFrame.until=#checklist");
        }
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            cmd.addAll(List.of(TIME.toString(), "-o", cpuFile.toString(), "-f", "%U %S"));
        }
        cmd.addAll(v.command());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("XDG_") || k.equals("GREENLIGHT_HOME") || k.equals("GREENLIGHT_OPTS"));
        env.put("HOME", home.toString());
        if (v.launcherClassPath() != null) {
            // bin/greenlight: everything through GREENLIGHT_OPTS, the way a user adds JVM options
            env.put("GREENLIGHT_OPTS", "-cp " + v.launcherClassPath() + " " + String.join(" ", probe));
        } else {
            cmd.add("-Duser.home=" + home);
            cmd.addAll(probe);
            cmd.addAll(v.mainAndArgs());
            pb.command(cmd);
        }
        long parent = System.currentTimeMillis();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not end within 120 s; see " + dir.resolve(name + ".log"));
        }
        assertThat(marks).as(() -> name + " wrote no marks; log: " + read(dir.resolve(name + ".log"))).exists();
        Properties props = new Properties();
        try (var in = Files.newInputStream(marks)) {
            props.load(in);
        }
        Map<String, Long> m = new LinkedHashMap<>();
        for (String k : props.stringPropertyNames()) {
            long t = Long.parseLong(props.getProperty(k));
            m.put(k, t == 0 ? -1 : t - parent);
        }
        if (timed) {
            String[] parts = Files.readString(cpuFile).strip().split("\\s+");
            int n = parts.length;
            try {
                m.put("cpu", Math.round((Double.parseDouble(parts[n - 2]) + Double.parseDouble(parts[n - 1])) * 1000));
            } catch (RuntimeException ignored) {
                // the child printed something else last (a crash): no CPU figure for this run
            }
        }
        return m;
    }

    static String launcherClassPath(Path launcher) throws Exception {
        Matcher m = Pattern.compile("(?m)^app_classpath=\"(.*)\"$").matcher(Files.readString(launcher));
        assertThat(m.find()).as("app_classpath line in " + launcher).isTrue();
        return m.group(1).replace("$root", "/proc/self/fd/9");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(none)";
        }
    }
}

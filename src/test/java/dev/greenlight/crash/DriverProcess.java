package dev.greenlight.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link SignOffDriver} in its own JVM, with its stdout lines as they arrive. */
final class DriverProcess {
    private static final String EOF = "\u0000eof";
    /** A hang detector, not a timing assertion: a driver that says nothing for this long is stuck. */
    private static final long SILENCE_LIMIT_S = 60;

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private DriverProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    queue.add(l);
                }
            } catch (IOException ignored) {
                // the pipe breaks when the process is killed; what was read is kept
            } finally {
                queue.add(EOF);
            }
        }, "driver-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static DriverProcess start(Path work, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small, quick-starting JVM: the test starts dozens
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m",
                "-cp", classPath(), SignOffDriver.class.getName()));
        cmd.addAll(List.of(args));
        Files.createDirectories(work);
        Path err = Files.createTempFile(work, "driver-", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        return new DriverProcess(p, err);
    }

    /**
     * The test's own class path cut to the jars the driver loads (the app's and test classes and
     * Jackson): a JVM opening ~100 jars of the AWS SDK and JavaFX it never uses starts twice as slowly,
     * and the test starts dozens. Falls back to the whole class path when a location is unknown.
     */
    static String classPath() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : List.of(SignOffDriver.class, dev.greenlight.store.SessionStore.class,
                com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonIgnoreProperties.class)) {
            var source = c.getProtectionDomain().getCodeSource();
            if (source == null) {
                return System.getProperty("java.class.path");
            }
            try {
                String p = Path.of(source.getLocation().toURI()).toString();
                if (!parts.contains(p)) {
                    parts.add(p);
                }
            } catch (java.net.URISyntaxException e) {
                return System.getProperty("java.class.path");
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    /** Waits for the first line matching, and returns it; fails if the driver ends or goes silent first. */
    String await(Predicate<String> wanted) throws Exception {
        while (true) {
            String l = queue.poll(SILENCE_LIMIT_S, TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("driver silent for " + SILENCE_LIMIT_S + " s; stderr: " + stderrText());
            }
            if (l.equals(EOF)) {
                queue.add(EOF);
                throw new AssertionError("driver ended (exit " + process.waitFor() + ") before the expected line; stderr: "
                        + stderrText());
            }
            lines.add(l);
            if (wanted.test(l)) {
                return l;
            }
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, then every line it wrote before dying. */
    List<String> kill() throws Exception {
        process.destroyForcibly();
        return finish();
    }

    /** Waits for the driver to end by itself (exit 0 expected), then every line it wrote. */
    List<String> awaitExit() throws Exception {
        List<String> all = finish();
        if (process.exitValue() != 0) {
            throw new AssertionError("driver exit " + process.exitValue() + "; stderr: " + stderrText());
        }
        return all;
    }

    private List<String> finish() throws Exception {
        if (!process.waitFor(SILENCE_LIMIT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("driver did not end; stderr: " + stderrText());
        }
        reader.join(TimeUnit.SECONDS.toMillis(SILENCE_LIMIT_S));
        for (String l = queue.poll(); l != null && !l.equals(EOF); l = queue.poll()) {
            lines.add(l);
        }
        return List.copyOf(lines);
    }

    private String stderrText() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}

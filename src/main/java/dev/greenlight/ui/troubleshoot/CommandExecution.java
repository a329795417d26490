package dev.greenlight.ui.troubleshoot;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One local troubleshooting command running in the checkout through the system shell (the entries
 * are written as shell lines: globs, pipes). Output (stdout and stderr merged) is collected by a
 * reader thread into a bounded buffer that the view drains at its own pace.
 */
public final class CommandExecution {
    /** Output beyond this is dropped (the start is kept) so a runaway command cannot eat memory. */
    static final int MAX_CHARS = 512 * 1024;

    /** How it ended: exit code (or -1 when stopped or failed to start), duration, and why. */
    public record Outcome(int exitCode, long durationMs, boolean stopped, String failure) {
    }

    private final StringBuilder pending = new StringBuilder();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private long total;
    private volatile Process process;
    private volatile boolean stopped;

    private CommandExecution() {
    }

    public static CommandExecution start(String command, Path cwd) {
        CommandExecution ex = new CommandExecution();
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> ex.run(command, cwd, t0), "greenlight-command");
        t.setDaemon(true);
        t.start();
        return ex;
    }

    static List<String> shell(String command) {
        boolean windows = System.getProperty("os.name", "").toLowerCase().contains("win");
        return windows ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
    }

    private void run(String command, Path cwd, long t0) {
        try {
            ProcessBuilder pb = new ProcessBuilder(shell(command)).redirectErrorStream(true);
            if (cwd != null) {
                pb.directory(cwd.toFile());
            }
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(windows() ? "NUL" : "/dev/null")));
            Process p = pb.start();
            process = p;
            if (stopped) {
                p.destroy();
            }
            try (InputStream in = p.getInputStream(); Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf)) >= 0) {
                    append(buf, n);
                }
            }
            int code = p.waitFor();
            outcome.complete(new Outcome(stopped ? -1 : code, ms(t0), stopped, null));
        } catch (IOException e) {
            outcome.complete(new Outcome(-1, ms(t0), stopped, stopped ? null : "Could not run the command: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome.complete(new Outcome(-1, ms(t0), true, null));
        }
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase().contains("win");
    }

    private synchronized void append(char[] buf, int n) {
        if (total >= MAX_CHARS) {
            return;
        }
        int keep = (int) Math.min(n, MAX_CHARS - total);
        pending.append(buf, 0, keep);
        total += keep;
        if (total >= MAX_CHARS) {
            pending.append("\n… output truncated at ").append(MAX_CHARS / 1024).append(" KiB\n");
        }
    }

    /** Output received since the last call; never blocks. */
    public synchronized String drain() {
        String s = pending.toString();
        pending.setLength(0);
        return s;
    }

    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    public boolean isDone() {
        return outcome.isDone();
    }

    /** Stops the command and its children; the outcome follows when the process has gone. */
    public void stop() {
        stopped = true;
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            CompletableFuture.runAsync(() -> {
                try {
                    if (!p.waitFor(3, TimeUnit.SECONDS)) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}

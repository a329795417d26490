package dev.greenlight.runners.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a program as an argument vector (no shell), with a deadline, a cancel signal and bounded
 * output. On timeout or cancel the whole process tree is stopped: a {@code sh -c} wrapper dying
 * alone would leave its children running and holding the output pipes.
 */
final class LocalProcess {
    /** Bytes kept of each stream: the end of the output is what explains a failure. */
    static final int KEEP_BYTES = 64 * 1024;
    private static final long POLL_MILLIS = 50;
    private static final long GRACE_MILLIS = 2000;

    private LocalProcess() {
    }

    enum Ending { EXITED, TIMED_OUT, CANCELLED }

    /** The kept end of a stream, decoded as UTF-8. */
    record Tail(String text, boolean truncated) {
    }

    record Outcome(Ending ended, int exitCode, long millis, Tail stdout, Tail stderr) {
    }

    static Outcome run(List<String> argv, Path dir, int timeoutSeconds, BooleanSupplier cancelled) throws IOException {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p = pb.start();
        p.getOutputStream().close(); // no stdin: a prompt reads end-of-file instead of hanging
        TailReader out = new TailReader(p.getInputStream(), "greenlight-cmd-stdout");
        TailReader err = new TailReader(p.getErrorStream(), "greenlight-cmd-stderr");
        out.start();
        err.start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Ending ending = Ending.EXITED;
        boolean interrupted = false;
        try {
            while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    ending = Ending.CANCELLED;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    ending = Ending.TIMED_OUT;
                    break;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            ending = Ending.CANCELLED;
        }
        if (ending != Ending.EXITED) {
            destroyTree(p);
        }
        // a grandchild may still hold the pipes open; do not wait on it forever
        join(out, interrupted);
        join(err, interrupted);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        int code = p.isAlive() ? -1 : p.exitValue();
        return new Outcome(ending, code, millis, out.tail(), err.tail());
    }

    /** Asks the process and every descendant to stop, then forces whatever is left. */
    static void destroyTree(Process p) {
        // descendants first collected: once the parent dies they are re-parented and out of reach
        List<ProcessHandle> tree = p.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        p.destroy();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        while (System.nanoTime() < until && (p.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive))) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (p.isAlive()) {
            p.destroyForcibly();
        }
        try {
            p.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(TailReader r, boolean interrupted) {
        try {
            r.join(interrupted ? 100 : GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end, keeping only the last {@link #KEEP_BYTES} bytes. */
    private static final class TailReader extends Thread {
        private final InputStream in;
        private final byte[] ring = new byte[KEEP_BYTES];
        private long total;

        TailReader(InputStream in, String name) {
            super(name);
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (this) {
                        for (int k = 0; k < n; k++) {
                            ring[(int) ((total + k) % KEEP_BYTES)] = buf[k];
                        }
                        total += n;
                    }
                }
            } catch (IOException ignored) {
                // the process was stopped and its pipe closed; what was read stays
            }
        }

        synchronized Tail tail() {
            int kept = (int) Math.min(total, KEEP_BYTES);
            byte[] out = new byte[kept];
            long start = total - kept;
            for (int k = 0; k < kept; k++) {
                out[k] = ring[(int) ((start + k) % KEEP_BYTES)];
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (total > KEEP_BYTES && !text.isEmpty() && text.charAt(0) == '\uFFFD') {
                text = text.substring(1); // the cut fell inside a multi-byte character
            }
            return new Tail(text, total > KEEP_BYTES);
        }
    }
}

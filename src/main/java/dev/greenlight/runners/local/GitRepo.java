package dev.greenlight.runners.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Git facts of a checkout, asked of the {@code git} binary.
 *
 * <p>Why the binary and not JGit: {@code git check-ignore -v} names the exact ignore file and line
 * with git's own rules (global excludes, info/exclude, negations), and the result is what a person
 * sees in their own terminal. The cost is a process per question; each is asked once per run.
 */
public final class GitRepo {
    private static final long TIMEOUT_SECONDS = 20;
    private final Path root;

    public GitRepo(Path root) {
        this.root = root;
    }

    /** What a git command printed and how it ended. */
    public record Output(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Thrown when git cannot be run at all (not installed, timed out). */
    public static final class GitUnavailableException extends Exception {
        public GitUnavailableException(String message) {
            super(message);
        }
    }

    public Path root() {
        return root;
    }

    public Output git(String... args) throws GitUnavailableException {
        return gitWithEnv(java.util.Map.of(), args);
    }

    /** Runs git with extra environment variables (fixed dates for reproducible commits). */
    public Output gitWithEnv(java.util.Map<String, String> env, String... args) throws GitUnavailableException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.add("-c");
        cmd.add("core.quotepath=off");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GitUnavailableException("git could not be started (" + e.getMessage()
                    + "); install git and make sure it is on the PATH");
        }
        try {
            p.getOutputStream().close();
            ReaderThread out = new ReaderThread(p.getInputStream());
            ReaderThread err = new ReaderThread(p.getErrorStream());
            out.start();
            err.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GitUnavailableException("git " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            out.join();
            err.join();
            return new Output(p.exitValue(), out.text(), err.text());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitUnavailableException("interrupted while running git");
        } catch (IOException e) {
            throw new GitUnavailableException("git failed: " + e.getMessage());
        }
    }

    /** True when the checkout is inside a git work tree. */
    public boolean isRepository() throws GitUnavailableException {
        Output o = git("rev-parse", "--is-inside-work-tree");
        return o.ok() && o.stdout().strip().equals("true");
    }

    /** The HEAD commit, or empty when there is no commit yet or this is no repository. */
    public Optional<String> head() throws GitUnavailableException {
        Output o = git("rev-parse", "--verify", "-q", "HEAD");
        return o.ok() ? Optional.of(o.stdout().strip()) : Optional.empty();
    }

    public Optional<String> branch() throws GitUnavailableException {
        Output o = git("rev-parse", "--abbrev-ref", "HEAD");
        return o.ok() ? Optional.of(o.stdout().strip()) : Optional.empty();
    }

    private static final class ReaderThread extends Thread {
        private final InputStream in;
        private volatile String text = "";

        ReaderThread(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // a closed pipe leaves what was read
            }
        }

        String text() {
            return text;
        }
    }
}

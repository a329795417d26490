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
    private final String executable;

    public GitRepo(Path root) {
        this(root, "git");
    }

    /** A repository asked through another git binary (tests use a missing one). */
    public GitRepo(Path root, String executable) {
        this.root = root;
        this.executable = executable;
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
        cmd.add(executable);
        cmd.add("-c");
        cmd.add("core.quotepath=off");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        // read-only: 'git status' would otherwise refresh the index and take .git/index.lock in the
        // person's repository (and race with anything else using it)
        pb.environment().put("GIT_OPTIONAL_LOCKS", "0");
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

    /**
     * Why git facts cannot be asked of this checkout, as one plain sentence, or null when they can.
     * Distinguishes "no repository" from git refusing one (for example "dubious ownership").
     */
    public String problem() throws GitUnavailableException {
        Output o = git("rev-parse", "--is-inside-work-tree");
        if (o.ok() && o.stdout().strip().equals("true")) {
            return null;
        }
        String err = o.stderr().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (o.ok() || err.contains("not a git repository")) {
            return "The checkout " + root + " is not inside a git repository (no .git found in it or above it).";
        }
        return "git cannot read the repository at " + root + ": " + err.replaceFirst("^fatal: ", "");
    }

    /** Files in the index matching the pathspecs (globs as git understands them), relative to the root. */
    public List<String> lsFiles(List<String> pathspecs) throws GitUnavailableException {
        return nulSeparated(checked("ls-files", pathspecs, "ls-files", "-z", "--"));
    }

    /** Files matching the pathspecs, tracked or not, ignored or not, relative to the root. */
    public List<String> lsFilesAll(List<String> pathspecs) throws GitUnavailableException {
        return nulSeparated(checked("ls-files", pathspecs, "ls-files", "-z", "--cached", "--others", "--"));
    }

    /** Files of the pathspecs that are in the index but not in HEAD: staged, not committed. */
    public List<String> stagedNotCommitted(List<String> pathspecs) throws GitUnavailableException {
        return nulSeparated(checked("diff", pathspecs, "diff", "--cached", "--name-only", "-z",
                "--no-renames", "--diff-filter=A", "--"));
    }

    /**
     * How the working tree under the root differs from HEAD: path (relative to the root) to "modified"
     * (the file on disk differs from the index), "staged" (the index differs from HEAD, the file
     * matches the index), "deleted" or "untracked". Ignored files are not listed.
     */
    public java.util.Map<String, String> changes() throws GitUnavailableException {
        Output o = git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", ".");
        if (!o.ok()) {
            throw new GitUnavailableException("git status failed: " + firstLine(o.stderr()));
        }
        // porcelain paths are relative to the top of the work tree; the checkout may be below it
        String prefix;
        try {
            Path top = topLevel().toRealPath();
            prefix = top.relativize(root.toRealPath()).toString().replace('\\', '/');
        } catch (IOException e) {
            prefix = "";
        }
        String lead = prefix.isEmpty() ? "" : prefix + "/";
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String entry : o.stdout().split("\0")) {
            if (entry.length() < 4) {
                continue;
            }
            char x = entry.charAt(0);
            char y = entry.charAt(1);
            String path = entry.substring(3);
            if (!path.startsWith(lead)) {
                continue;
            }
            String state = x == '?' ? "untracked" : x == 'D' || y == 'D' ? "deleted" : y != ' ' ? "modified" : "staged";
            out.put(path.substring(lead.length()), state);
        }
        return out;
    }

    /** The top directory of the work tree, as git reports it. */
    public Path topLevel() throws GitUnavailableException {
        Output o = git("rev-parse", "--show-toplevel");
        if (!o.ok()) {
            throw new GitUnavailableException("git rev-parse --show-toplevel failed: " + firstLine(o.stderr()));
        }
        return Path.of(o.stdout().strip());
    }

    /**
     * The ignore rule that decides a path, from {@code git check-ignore -v --no-index}.
     *
     * @param source  the ignore file as git prints it: relative to the top of the work tree
     *                ({@code backend/.gitignore}, {@code .git/info/exclude}) or absolute (core.excludesFile)
     * @param line    1-based line of the rule in that file
     * @param pattern the rule as written, with a leading {@code !} for a re-include
     */
    public record IgnoreMatch(String source, int line, String pattern, String path) {
        /** A {@code !pattern} rule matched last: the path is explicitly not ignored. */
        public boolean negated() {
            return pattern.startsWith("!");
        }
    }

    /**
     * The last ignore rule matching {@code path} (relative to the root), or empty when none does.
     *
     * <p>Why {@code --no-index}: without it git answers only for untracked paths and stays silent
     * about a tracked file, because tracked files are not subject to ignore rules. The checklist
     * asks whether the file would be ignored when it is new, re-created or renamed (what
     * {@code git add .} would skip), and a tracked file matching an ignore rule is exactly the trap
     * that question is about; so the index is left out of the question.
     */
    public java.util.Optional<IgnoreMatch> checkIgnore(String path) throws GitUnavailableException {
        Output o = git("check-ignore", "-v", "--no-index", "--", path);
        if (o.exitCode() == 1) {
            return java.util.Optional.empty();
        }
        if (!o.ok()) {
            throw new GitUnavailableException("git check-ignore failed: " + firstLine(o.stderr()));
        }
        java.util.regex.Matcher m = IGNORE_LINE.matcher(o.stdout().lines().findFirst().orElse(""));
        if (!m.matches()) {
            throw new GitUnavailableException("git check-ignore printed something unexpected: " + firstLine(o.stdout()));
        }
        return java.util.Optional.of(new IgnoreMatch(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4)));
    }

    /** "source:line:pattern TAB path"; the source is matched lazily, the pattern up to the last tab. */
    private static final java.util.regex.Pattern IGNORE_LINE = java.util.regex.Pattern.compile("(.*?):(\\d+):(.*)\t(.*)");

    private Output checked(String what, List<String> pathspecs, String... args) throws GitUnavailableException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(pathspecs);
        Output o = git(all.toArray(String[]::new));
        if (!o.ok()) {
            throw new GitUnavailableException("git " + what + " failed: " + firstLine(o.stderr()));
        }
        return o;
    }

    private static List<String> nulSeparated(Output o) {
        List<String> out = new ArrayList<>();
        for (String s : o.stdout().split("\0")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no message)")
                .replaceFirst("^fatal: ", "");
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

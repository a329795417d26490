package dev.greenlight.wiring;

import dev.greenlight.runners.local.GitRepo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which checkout a run looks at when none is named: the git repository the person stands in, as
 * {@code git rev-parse --show-toplevel} finds it from the start directory. The bundled sample is
 * only the answer for the bundled checklist outside any repository; a checklist of one's own
 * outside a repository is bad input, because running it against the sample would report another
 * project's verdicts as if they were the person's.
 */
public final class CheckoutChoice {
    /** The checkout, or why there is none; {@code note} is the one line to tell the person. */
    public record Choice(Path root, String note, String error) {
        public boolean ok() {
            return root != null;
        }
    }

    private CheckoutChoice() {
    }

    /** The directory the process was started in. */
    public static Path startDirectory() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    }

    /** The repository {@code start} is in, with the line that says so; not ok outside any. */
    public static Choice here(Path start) {
        Path top = repositoryAt(start);
        return top == null ? new Choice(null, null, start + " is not inside a git repository")
                : new Choice(top, "Checking the git repository at " + top + " (current directory)", null);
    }

    /**
     * The checkout for a run with no {@code --checkout}.
     *
     * @param start            where the person stands
     * @param bundledChecklist whether the checklist is one shipped inside Greenlight (its sample fits it)
     */
    public static Choice implicit(Path start, boolean bundledChecklist) {
        Choice here = here(start);
        if (here.ok()) {
            return here;
        }
        if (!bundledChecklist) {
            return new Choice(null, null, "no --checkout given and " + start
                    + " is not inside a git repository; run from your repository or pass --checkout DIR");
        }
        try {
            Path sample = SampleCheckout.ensure();
            return new Choice(sample, start + " is not inside a git repository; checking the bundled sample checkout at "
                    + sample + " (pass --checkout DIR for yours)", null);
        } catch (IOException | RuntimeException e) {
            return new Choice(null, null, "the bundled sample checkout is not available (" + e.getMessage()
                    + "); pass --checkout DIR");
        }
    }

    /** The top of the work tree {@code start} is in, or null outside any (or without git). */
    static Path repositoryAt(Path start) {
        if (!Files.isDirectory(start)) {
            return null;
        }
        try {
            GitRepo git = new GitRepo(start);
            if (!git.isRepository()) {
                return null;
            }
            return git.topLevel().toAbsolutePath().normalize();
        } catch (GitRepo.GitUnavailableException | RuntimeException e) {
            return null;
        }
    }
}

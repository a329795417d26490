package dev.greenlight.wiring;

import dev.greenlight.files.AppDirs;
import dev.greenlight.runners.local.GitRepo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sample backend checkout shipped inside Greenlight (from {@code assets/sample-checkout}),
 * materialised on first use as a real git repository with one commit, so a newcomer can run the
 * bundled checklist with no arguments and see it work.
 *
 * <p>The commit has a fixed author and date, so its sha depends only on the files.
 */
public final class SampleCheckout {
    static final String RESOURCE_ROOT = "/sample-checkout/";
    static final String INDEX = ".greenlight-index";

    private SampleCheckout() {
    }

    /** The files of the sample, relative to its root, as listed in its index. */
    public static List<String> files() throws IOException {
        try (InputStream in = SampleCheckout.class.getResourceAsStream(RESOURCE_ROOT + INDEX)) {
            if (in == null) {
                throw new IOException("the sample checkout is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /**
     * The materialised sample under the data directory, created when missing. Synchronized: a CLI
     * run may ask for it on the early-run thread and on the main thread at once.
     */
    public static synchronized Path ensure() throws IOException {
        Path target = AppDirs.data().resolve("sample-checkout").resolve(Greenlight.version() + "-" + Greenlight.buildSha());
        if (Files.isDirectory(target.resolve(".git")) && Files.exists(target.resolve(".greenlight-complete"))) {
            return target;
        }
        return materialise(target);
    }

    /** Writes the sample into {@code target} (which must not hold anything else) and commits it. */
    public static Path materialise(Path target) throws IOException {
        Files.createDirectories(target);
        for (String rel : files()) {
            try (InputStream in = SampleCheckout.class.getResourceAsStream(RESOURCE_ROOT + rel)) {
                if (in == null) {
                    throw new IOException("the sample checkout lists " + rel + " but the build does not hold it");
                }
                Path out = target.resolve(rel);
                Files.createDirectories(out.getParent());
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        commit(target);
        Files.writeString(target.resolve(".greenlight-complete"), "");
        addToExclude(target);
        return target;
    }

    private static void addToExclude(Path target) throws IOException {
        Path exclude = target.resolve(".git/info/exclude");
        Files.createDirectories(exclude.getParent());
        Files.writeString(exclude, "/.greenlight-complete\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void commit(Path target) throws IOException {
        GitRepo git = new GitRepo(target);
        try {
            if (Files.isDirectory(target.resolve(".git"))) {
                return;
            }
            run(git, "init", "-q", "-b", "main");
            run(git, "add", "-A");
            run(git, "-c", "user.name=Greenlight Sample", "-c", "user.email=sample@greenlight.invalid",
                    "-c", "commit.gpgsign=false", "commit", "-q", "--date=2026-01-01T00:00:00Z",
                    "-m", "v3.3 Unified Pipe: USC integration complete");
        } catch (GitRepo.GitUnavailableException e) {
            throw new IOException("cannot make the sample checkout a git repository: " + e.getMessage(), e);
        }
    }

    private static void run(GitRepo git, String... args) throws IOException, GitRepo.GitUnavailableException {
        GitRepo.Output o = git.gitWithEnv(java.util.Map.of(
                "GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z",
                "GIT_COMMITTER_NAME", "Greenlight Sample",
                "GIT_COMMITTER_EMAIL", "sample@greenlight.invalid"), args);
        if (!o.ok()) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + o.stderr().strip());
        }
    }
}

package dev.greenlight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real git repositories for tests: init, commit, change; fixed identity and dates so nothing depends on the machine. */
public final class TestGit {
    private TestGit() {
    }

    public static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Release Manager", "-c", "user.email=rm@example.com",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(Map.of("GIT_AUTHOR_DATE", "2026-03-01T10:00:00Z", "GIT_COMMITTER_DATE", "2026-03-01T10:00:00Z"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes {@code dir} a repository with everything in it committed; returns HEAD. */
    public static String initAndCommit(Path dir, String message) {
        git(dir, "init", "-q");
        return commitAll(dir, message);
    }

    public static String commitAll(Path dir, String message) {
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "--allow-empty", "-m", message);
        return git(dir, "rev-parse", "HEAD");
    }

    public static void write(Path root, String rel, String text) {
        try {
            Files.createDirectories(root.resolve(rel).getParent());
            Files.writeString(root.resolve(rel), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

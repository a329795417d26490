package dev.greenlight.schema;

import dev.greenlight.awsfake.Deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The world a runner example runs in: a git checkout made from its files, or a test AWS deployment. */
final class Fixtures {
    private Fixtures() {
    }

    static void checkout(Path dir, RunnerReference.Example x) throws Exception {
        write(dir, x.files());
        git(dir, "init", "-q");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "--allow-empty", "-m", "fixture");
        write(dir, x.staged());
        if (!x.staged().isEmpty()) {
            git(dir, "add", "-A");
        }
        write(dir, x.untracked());
    }

    /** The deployment an AWS example names: a good one, or one with the named fault. */
    static Deployment deployment(String name) {
        Deployment d = new Deployment();
        return switch (name) {
            case "good" -> d;
            case "an image re-pushed under the deployed tag" -> d.repushedTag();
            case "an image that was never pushed" -> d.imageNotPushed();
            case "a definition deployed with its placeholders" -> d.unsubstitutedDefinition();
            case "a rolled-back stack" -> d.rolledBack();
            case "an import error in the logs after the deploy" -> d.importErrorInLogs();
            case "a 9 s cold start after the deploy" -> d.slowColdStart(9000);
            case "a handler that raises ImportModuleError" -> d.importError("InitializeStateDataFunction");
            default -> throw new IllegalArgumentException("no test deployment '" + name + "'");
        };
    }

    private static void write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@example.invalid",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code greenlight run} with no {@code --checkout}: the git repository of the directory the person
 * stands in, as {@code git rev-parse --show-toplevel} finds it; the sample only for the bundled
 * checklist outside any repository. Each run is the real launcher in a JVM of its own, started in
 * the directory under test (a JVM cannot change its own working directory).
 */
class RepositoryYouStandInTest {
    @TempDir
    Path dir;

    private static Launcher.Outcome runFrom(Path start, String... args) throws Exception {
        return Launcher.run(start, Map.of(), args);
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@example.invalid"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text).isZero();
    }

    /** A small service repository with its template at the top and a nested source folder. */
    private Path serviceRepository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("orders-service"));
        Files.writeString(repo.resolve("template.yaml"), "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
        Files.createDirectories(repo.resolve("src/orders"));
        Files.writeString(repo.resolve("src/orders/app.py"), "def handler(event, context):\n    return {}\n");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "init");
        return repo;
    }

    private Path checklist(String paths) throws IOException {
        return Files.writeString(dir.resolve("mine.yaml"), """
                id: mine
                title: Mine
                sections:
                  - id: s
                    title: S
                    items:
                      - id: template-present
                        title: The template is there
                        check:
                          type: file-exists
                          paths: [%s]
                """.formatted(paths));
    }

    @Test
    void checksTheRepositoryTheCurrentDirectoryIsInAndSaysSo() throws Exception {
        Path repo = serviceRepository().toRealPath();
        Path mine = checklist("template.yaml");

        Launcher.Outcome o = runFrom(repo.resolve("src/orders"), "run", "--checklist", mine.toString(), "--format", "json", "--no-history");

        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("Checking the git repository at " + repo + " (current directory)");
        JsonNode item = new JsonMapper().readTree(o.out()).at("/items/0");
        assertThat(item.path("status").asText()).isEqualTo("PASS");
        assertThat(item.toString()).contains("template.yaml");
    }

    @Test
    void theRepositoryYouStandInDecidesTheVerdictNotTheSample() throws Exception {
        Path repo = serviceRepository();
        Path mine = checklist("src/orders/missing.py");

        Launcher.Outcome o = runFrom(repo, "run", "--checklist", mine.toString(), "--format", "json", "--no-history");

        assertThat(o.code()).as(o.err()).isEqualTo(1);
        JsonNode item = new JsonMapper().readTree(o.out()).at("/items/0");
        assertThat(item.path("status").asText()).isEqualTo("FAIL");
        assertThat(item.toString()).contains("src/orders/missing.py");
    }

    @Test
    void aChecklistOfYourOwnOutsideAnyRepositoryIsAClearErrorNotARunAgainstTheSample() throws Exception {
        Path nowhere = Files.createDirectories(dir.resolve("not-a-repo"));
        Path mine = checklist("template.yaml");

        Launcher.Outcome o = runFrom(nowhere, "run", "--checklist", mine.toString(), "--no-history");

        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("no --checkout given and " + nowhere.toAbsolutePath().normalize()
                + " is not inside a git repository").contains("--checkout DIR").doesNotContain("sample");
    }

    @Test
    void theBundledChecklistOutsideAnyRepositoryFallsBackToTheSample() throws Exception {
        Path nowhere = Files.createDirectories(dir.resolve("not-a-repo"));

        Launcher.Outcome o = runFrom(nowhere, "run", "--only", "asl-paths", "--format", "json", "--no-history");

        assertThat(o.err()).contains("is not inside a git repository; checking the bundled sample checkout at");
        assertThat(new JsonMapper().readTree(o.out()).at("/items/0/status").asText()).isEqualTo("PASS");
    }

    @Test
    void theBundledChecklistInsideARepositoryChecksThatRepository() throws Exception {
        Path repo = serviceRepository().toRealPath();

        Launcher.Outcome o = runFrom(repo, "run", "--only", "asl-paths", "--format", "json", "--no-history");

        assertThat(o.err()).contains("Checking the git repository at " + repo + " (current directory)");
        assertThat(new JsonMapper().readTree(o.out()).at("/items/0/status").asText()).isIn("FAIL", "ERROR");
    }
}

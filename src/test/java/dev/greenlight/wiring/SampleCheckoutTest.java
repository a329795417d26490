package dev.greenlight.wiring;

import dev.greenlight.runners.local.GitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SampleCheckoutTest {
    private static final Path ASSETS = Path.of("assets/sample-checkout");

    /** The index ships with the jar (resources cannot be listed); it must list exactly the files in assets/. */
    @Test
    void indexListsExactlyTheFilesOfTheSample() throws IOException {
        List<String> onDisk;
        try (Stream<Path> s = Files.walk(ASSETS)) {
            onDisk = s.filter(Files::isRegularFile).map(p -> ASSETS.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(SampleCheckout.INDEX)).sorted().toList();
        }
        assertThat(SampleCheckout.files()).containsExactlyElementsOf(onDisk);
    }

    @Test
    void materialisesAsAGitRepositoryWithOneReproducibleCommit(@TempDir Path dir) throws Exception {
        Path a = SampleCheckout.materialise(dir.resolve("a"));
        Path b = SampleCheckout.materialise(dir.resolve("b"));
        GitRepo ga = new GitRepo(a);
        assertThat(ga.isRepository()).isTrue();
        assertThat(ga.head()).isPresent();
        assertThat(ga.head()).isEqualTo(new GitRepo(b).head());
        assertThat(a.resolve("analemma-workflow-os/backend/template.yaml")).isRegularFile();
        assertThat(a.resolve(".github/workflows/backend-deploy.yml")).isRegularFile();
        GitRepo.Output status = ga.git("status", "--porcelain");
        assertThat(status.stdout()).as("a clean working tree").isBlank();
        GitRepo.Output tracked = ga.git("ls-files");
        assertThat(tracked.stdout().lines().toList()).hasSize(SampleCheckout.files().size());
    }
}

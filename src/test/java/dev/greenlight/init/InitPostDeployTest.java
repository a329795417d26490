package dev.greenlight.init;

import dev.greenlight.TestGit;
import dev.greenlight.awsfake.Deployment;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post-deploy items init writes, read back from a deployment served on 127.0.0.1 with the real
 * AWS SDK: green on a good deployment of HEAD, and each red for its own fault — a placeholder left in
 * the deployed definition, an older image, an import error after the deploy, a cold start over the
 * limit the person set (and green again when the person raises the limit).
 */
class InitPostDeployTest {
    private static final String SM = "step-function-orchestrator-deployed-no-placeholders";
    private static final String IMAGE = "initialize-state-data-function-runs-commit-image";
    private static final String LOGS = "initialize-state-data-function-no-errors-in-logs";
    private static final String COLD = "initialize-state-data-function-cold-start";

    @TempDir
    Path dir;
    private Path checkout;
    private Checklist checklist;
    private String sha;

    @BeforeEach
    void generate() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        sha = TestGit.git(checkout, "rev-parse", "HEAD");
        Path file = dir.resolve("generated.yaml");
        Files.writeString(file, InitChecklist.generate(checkout).yaml(), StandardCharsets.UTF_8);
        LoadResult loaded = Greenlight.loader().load(file);
        assertThat(loaded.problems()).isEmpty();
        checklist = loaded.checklist().orElseThrow();
    }

    private Map<String, Status> run(Deployment d, Map<String, String> vars) {
        Map<String, String> all = new java.util.HashMap<>(vars);
        all.put("stack", Deployment.STACK);
        RunOptions o = RunOptions.defaults(checkout).withOverrides(all).withOnly(Set.of(SM, IMAGE, LOGS, COLD));
        RunReport r = Greenlight.prepare(checklist, o, new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), null)
                .runBlocking();
        Map<String, Status> out = new java.util.LinkedHashMap<>();
        for (ItemResult x : r.results()) {
            out.put(x.itemId(), x.result().status());
        }
        return out;
    }

    @Test
    void greenOnAGoodDeploymentOfHead() {
        try (Deployment d = new Deployment(sha)) {
            assertThat(run(d, Map.of())).containsEntry(SM, Status.PASS).containsEntry(IMAGE, Status.PASS)
                    .containsEntry(LOGS, Status.PASS).containsEntry(COLD, Status.PASS);
        }
    }

    @Test
    void eachItemGoesRedForItsOwnFault() {
        try (Deployment d = new Deployment(sha).unsubstitutedDefinition()) {
            assertThat(run(d, Map.of())).containsEntry(SM, Status.FAIL).containsEntry(IMAGE, Status.PASS);
        }
        try (Deployment d = new Deployment(sha).staleImage()) {
            assertThat(run(d, Map.of())).containsEntry(IMAGE, Status.FAIL).containsEntry(SM, Status.PASS);
        }
        try (Deployment d = new Deployment(sha).importErrorInLogs()) {
            assertThat(run(d, Map.of())).containsEntry(LOGS, Status.FAIL).containsEntry(COLD, Status.PASS);
        }
    }

    @Test
    void theColdStartLimitIsThePersons() {
        try (Deployment d = new Deployment(sha).slowColdStart("InitializeStateDataFunction", 4200)) {
            assertThat(run(d, Map.of())).containsEntry(COLD, Status.FAIL);
            assertThat(run(d, Map.of("cold_start_max_ms", "5000"))).containsEntry(COLD, Status.PASS);
        }
    }
}

package dev.greenlight.engine;

import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fail-as: warn}: an item about the procedure's premise reports "evaluated and wrong" as WARN. */
class FailAsWarnTest {
    @TempDir
    Path checkout;

    private static final String CHECKLIST = """
            id: premise
            title: Premise
            sections:
              - id: e2e
                title: E2E
                items:
                  - id: test-file
                    title: The integration test the runbook names exists
                    check:
                      type: file-exists
                      paths: [tests/integration/test_workflow.py]
                      fail-as: warn
                  - id: deploy-file
                    title: The template exists
                    check:
                      type: file-exists
                      paths: [template.yaml]
                  - id: unreadable
                    title: A JSON value the runbook quotes
                    check:
                      type: json
                      file: broken.json
                      path: Comment
                      contains: v3.0
                      fail-as: warn
            """;

    private RunReport run(String yaml) {
        LoadResult loaded = Greenlight.loader().parse(yaml.getBytes(StandardCharsets.UTF_8), "premise.yaml");
        assertThat(loaded.problems()).isEmpty();
        return Greenlight.prepare(loaded.checklist().orElseThrow(), RunOptions.defaults(checkout), AwsSettings.DEFAULT, null)
                .runBlocking();
    }

    private static ItemResult item(RunReport r, String id) {
        return r.results().stream().filter(x -> x.itemId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aFailingPremiseIsAWarnThatSaysWhy() throws Exception {
        Files.writeString(checkout.resolve("broken.json"), "{\"Comment\": \"v3.0\",}");

        RunReport r = run(CHECKLIST);

        ItemResult premise = item(r, "test-file");
        assertThat(premise.status()).isEqualTo(Status.WARN);
        assertThat(premise.result().reason()).contains("tests/integration/test_workflow.py");
        assertThat(premise.result().notes()).anySatisfy(n -> assertThat(n).contains("premise of the verification procedure"));
        assertThat(item(r, "deploy-file").status()).isEqualTo(Status.FAIL);
        assertThat(item(r, "unreadable").status()).as("could not look stays ERROR").isEqualTo(Status.ERROR);
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void aHoldingPremisePassesWithoutTheNote() throws Exception {
        Files.createDirectories(checkout.resolve("tests/integration"));
        Files.writeString(checkout.resolve("tests/integration/test_workflow.py"), "def test_runs():\n    assert True\n");

        ItemResult premise = item(run(CHECKLIST), "test-file");

        assertThat(premise.status()).isEqualTo(Status.PASS);
        assertThat(premise.result().notes()).noneSatisfy(n -> assertThat(n).contains("premise"));
    }

    @Test
    void failAsAcceptsOnlyWarn() {
        LoadResult loaded = Greenlight.loader().parse(CHECKLIST.replaceFirst("fail-as: warn", "fail-as: pass")
                .getBytes(StandardCharsets.UTF_8), "premise.yaml");

        assertThat(loaded.problems()).extracting(Problem::message).containsExactly("'fail-as' can only be 'warn'");
        assertThat(loaded.problems().get(0).location().line()).isEqualTo(12);
    }

    @Test
    void theItemsLeftOutOfARunAreNotAffected() {
        LoadResult loaded = Greenlight.loader().parse(CHECKLIST.getBytes(StandardCharsets.UTF_8), "premise.yaml");
        RunReport r = Greenlight.prepare(loaded.checklist().orElseThrow(), RunOptions.defaults(checkout).withOnly(Set.of("deploy-file")),
                AwsSettings.DEFAULT, null).runBlocking();

        assertThat(r.results()).extracting(ItemResult::itemId).containsExactly("deploy-file");
        assertThat(r.exitCode()).isEqualTo(1);
    }
}

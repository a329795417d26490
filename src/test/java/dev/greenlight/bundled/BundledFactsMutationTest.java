package dev.greenlight.bundled;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The items of issue 16 (facts 5, 7, 8, 9) on the sample checkout: each turns red (or, for a premise
 * of the procedure, amber) for the right reason naming file and line, and an equivalent way of
 * writing the same fact stays green.
 */
class BundledFactsMutationTest {
    static final String BACKEND = "analemma-workflow-os/backend/";
    static final String TEMPLATE = BACKEND + "template.yaml";
    static final String WORKFLOW = ".github/workflows/backend-deploy.yml";
    static final String DOCKERFILE = BACKEND + "src/Dockerfile.lambda";
    static final String SIMULATOR = BACKEND + "src/handlers/simulator/mission_simulator.py";
    static final Set<String> ITEMS = Set.of("init-memory-size", "sdm-memory-size", "e2e-test-file", "e2e-simulator-workflow-file",
            "e2e-simulator-options", "e2e-simulator-stage-option", "lambda-dockerfile-base-arg", "lambda-image-build-arg",
            "sam-build", "asl-v3-comment");
    static Checklist checklist;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        var loaded = Greenlight.loader().loadBundled("unified-pipe-v3.3");
        assertThat(loaded.problems()).isEmpty();
        checklist = loaded.checklist().orElseThrow();
    }

    private Path sample() throws IOException {
        return SampleCheckout.materialise(dir.resolve("checkout"));
    }

    private static RunReport run(Path checkout) {
        return Greenlight.prepare(checklist, RunOptions.defaults(checkout).withOnly(ITEMS), AwsSettings.DEFAULT, null).runBlocking();
    }

    private static ItemResult item(RunReport r, String id) {
        return r.results().stream().filter(x -> x.itemId().equals(id)).findFirst().orElseThrow();
    }

    private static void edit(Path checkout, String rel, String from, String to) throws IOException {
        Path p = checkout.resolve(rel);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(text).as("mutation target in " + rel).contains(from);
        Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private static int lineOf(Path checkout, String rel, String needle) throws IOException {
        var lines = Files.readAllLines(checkout.resolve(rel));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + rel);
    }

    private static void assertStatus(RunReport r, String id, Status status, String file, Integer line) {
        ItemResult ir = item(r, id);
        assertThat(ir.status()).as(id + ": " + ir.result().reason()).isEqualTo(status);
        assertThat(ir.result().evidence()).as("evidence of " + id).anySatisfy(e -> {
            assertThat(e.file()).contains(file);
            if (line != null) {
                assertThat(e.line()).isEqualTo(line);
            }
        });
    }

    private static void othersPass(RunReport r, String... changed) {
        assertThat(r.results()).extracting(ItemResult::itemId).containsExactlyInAnyOrderElementsOf(ITEMS);
        Set<String> c = Set.of(changed);
        assertThat(r.results()).filteredOn(x -> !c.contains(x.itemId()))
                .allSatisfy(x -> assertThat(x.status()).as(x.itemId() + ": " + x.result().reason()).isEqualTo(Status.PASS));
    }

    @Test
    void everyNewItemPassesOnTheSample() throws Exception {
        RunReport r = run(sample());

        assertThat(r.results()).hasSize(ITEMS.size());
        othersPass(r);
        assertThat(item(r, "asl-v3-comment").result().notes()).anySatisfy(n -> assertThat(n).startsWith("It is exactly the text the document quotes"));
    }

    @Test
    void memoryFromGlobalsBelowTheDocumentsPremiseIsAWarnNamingGlobals() throws Exception {
        Path c = sample();
        edit(c, TEMPLATE, "    MemorySize: 2048\n", "    MemorySize: 512\n");

        RunReport r = run(c);

        int line = lineOf(c, TEMPLATE, "    MemorySize: 512");
        assertStatus(r, "init-memory-size", Status.WARN, TEMPLATE, line);
        assertStatus(r, "sdm-memory-size", Status.WARN, TEMPLATE, line);
        assertThat(item(r, "init-memory-size").result().reason()).contains("from Globals.Function.MemorySize").contains("is 512, expected 2048");
        assertThat(item(r, "init-memory-size").result().notes()).anySatisfy(n -> assertThat(n).contains("premise of the verification procedure"));
        assertThat(r.exitCode()).as("a premise is no no-go").isEqualTo(0);
        othersPass(r, "init-memory-size", "sdm-memory-size");
    }

    @Test
    void memoryMovedFromGlobalsIntoEachFunctionStaysGreen() throws Exception {
        Path c = sample();
        edit(c, TEMPLATE, "    MemorySize: 2048\n", "");
        edit(c, TEMPLATE, "      Role: !GetAtt WorkflowLambdaRole.Arn\n      Timeout: 60\n",
                "      Role: !GetAtt WorkflowLambdaRole.Arn\n      Timeout: 60\n      MemorySize: 2048\n");
        edit(c, TEMPLATE, "        Command: [\"src.handlers.utils.state_data_manager.lambda_handler\"]\n",
                "        Command: [\"src.handlers.utils.state_data_manager.lambda_handler\"]\n      MemorySize: 2048\n");

        RunReport r = run(c);

        othersPass(r);
    }

    @Test
    void noMemoryAnywhereIsTheDefault128() throws Exception {
        Path c = sample();
        edit(c, TEMPLATE, "    MemorySize: 2048\n", "");

        RunReport r = run(c);

        assertStatus(r, "init-memory-size", Status.WARN, TEMPLATE, lineOf(c, TEMPLATE, "  InitializeStateDataFunction:"));
        assertThat(item(r, "init-memory-size").result().actual()).isEqualTo("128");
    }

    @Test
    void theDocumentsE2eFilesAndOptionsMissingAreWarnings() throws Exception {
        Path c = sample();
        Files.delete(c.resolve(BACKEND + "tests/backend/integration/test_workflow_execution.py"));
        Files.delete(c.resolve(BACKEND + "src/test_workflows/simple_llm_test.json"));
        edit(c, SIMULATOR, "parser.add_argument(\"--workflow-file\", required=True)", "parser.add_argument(\"--scenario\", nargs=\"+\")");
        edit(c, SIMULATOR, "parser.add_argument(\"--stage\", default=\"dev\")", "# parser.add_argument(\"--stage\", default=\"dev\")");

        RunReport r = run(c);

        assertStatus(r, "e2e-test-file", Status.WARN, "test_workflow_execution.py", null);
        assertStatus(r, "e2e-simulator-workflow-file", Status.WARN, "simple_llm_test.json", null);
        assertStatus(r, "e2e-simulator-options", Status.WARN, SIMULATOR, lineOf(c, SIMULATOR, "--scenario"));
        assertStatus(r, "e2e-simulator-stage-option", Status.WARN, SIMULATOR, null);
        assertThat(r.exitCode()).isEqualTo(0);
        othersPass(r, "e2e-test-file", "e2e-simulator-workflow-file", "e2e-simulator-options", "e2e-simulator-stage-option");
    }

    @Test
    void simulatorOptionsDeclaredAcrossLinesWithShortFormsStayGreen() throws Exception {
        Path c = sample();
        edit(c, SIMULATOR, "parser.add_argument(\"--workflow-file\", required=True)",
                "parser.add_argument(\n        \"-w\",\n        '--workflow-file',\n        required=True,\n    )");
        edit(c, SIMULATOR, "parser.add_argument(\"--stage\", default=\"dev\")", "parser.add_argument('-s', '--stage', default='dev')");

        othersPass(run(c));
    }

    @Test
    void aHardCodedFromFailsAndTheBuildArgRemovedFails() throws Exception {
        Path c = sample();
        edit(c, DOCKERFILE, "FROM ${BASE_IMAGE_URI}", "FROM backend-llm-base:latest");
        edit(c, WORKFLOW, "          build-args: |\n            BASE_IMAGE_URI=", "          labels: |\n            BASE_IMAGE_URI=");

        RunReport r = run(c);

        assertStatus(r, "lambda-dockerfile-base-arg", Status.FAIL, DOCKERFILE, lineOf(c, DOCKERFILE, "FROM backend-llm-base:latest"));
        assertThat(item(r, "lambda-dockerfile-base-arg").result().reason()).contains("does not use ${BASE_IMAGE_URI}");
        assertStatus(r, "lambda-image-build-arg", Status.FAIL, WORKFLOW, null);
        assertThat(item(r, "lambda-image-build-arg").result().reason()).contains("build-args");
        othersPass(r, "lambda-dockerfile-base-arg", "lambda-image-build-arg");
    }

    @Test
    void theBaseImageArgWrittenDifferentlyStaysGreen() throws Exception {
        Path c = sample();
        edit(c, DOCKERFILE, "FROM ${BASE_IMAGE_URI}", "FROM --platform=linux/arm64 $BASE_IMAGE_URI AS runtime");
        edit(c, WORKFLOW, "          build-args: |\n            BASE_IMAGE_URI=", "          build-args: |\n            PYTHON_VERSION=3.12\n            BASE_IMAGE_URI=");

        othersPass(run(c));
    }

    @Test
    void samBuildRemovedFailsNamingTheWorkflow() throws Exception {
        Path c = sample();
        edit(c, WORKFLOW, "run: sam build --parameter-overrides StageName=${STAGE_NAME}", "run: sam validate --lint");

        RunReport r = run(c);

        assertStatus(r, "sam-build", Status.FAIL, WORKFLOW, null);
        othersPass(r, "sam-build");
    }

    @Test
    void samBuildInAMultiLineScriptStaysGreen() throws Exception {
        Path c = sample();
        edit(c, WORKFLOW, "        run: sam build --parameter-overrides StageName=${STAGE_NAME}\n",
                "        run: |\n          # build the images and the template first\n          sam build \\\n            --use-container \\\n            --parameter-overrides StageName=${STAGE_NAME}\n");

        othersPass(run(c));
    }

    @Test
    void aCommentThatIsNotTheQuotedTextPassesWithTheDifferenceAsANote() throws Exception {
        Path c = sample();
        edit(c, BACKEND + "src/aws_step_functions_v3.json", "Smart StateBag Orchestrator with Standardized Interfaces",
                "Smart StateBag Orchestrator");

        RunReport r = run(c);

        ItemResult comment = item(r, "asl-v3-comment");
        assertThat(comment.status()).isEqualTo(Status.PASS);
        assertThat(comment.result().notes()).anySatisfy(n -> assertThat(n)
                .contains("not exactly the text the document quotes")
                .contains("the document has \" with Standardized Interfaces\" where this has nothing"));
        assertThat(comment.result().evidence()).extracting(Evidence::line).contains(2);
    }
}

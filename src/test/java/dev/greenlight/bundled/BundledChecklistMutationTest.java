package dev.greenlight.bundled;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.local.GitRepo;
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
 * The bundled v3.3 checklist against the sample checkout: everything true passes (with drift
 * notes, since the sample's lines differ from the document's), and each single broken fact turns
 * the right item red with evidence naming the file.
 */
class BundledChecklistMutationTest {
    static final Set<String> LOCAL_SECTIONS = Set.of("asl-paths", "lambda-usc", "docker-build", "substitutions", "sam-deploy");
    static final String BACKEND = "analemma-workflow-os/backend/";
    static final String TEMPLATE = BACKEND + "template.yaml";
    static final String WORKFLOW = ".github/workflows/backend-deploy.yml";
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
        return Greenlight.prepare(checklist, RunOptions.defaults(checkout).withOnly(LOCAL_SECTIONS), AwsSettings.DEFAULT, null)
                .runBlocking();
    }

    private static ItemResult item(RunReport r, String id) {
        return r.results().stream().filter(x -> x.itemId().equals(id)).findFirst().orElseThrow();
    }

    private static void edit(Path checkout, String rel, String from, String to) throws IOException {
        Path p = checkout.resolve(rel);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(text).as("mutation target in " + rel).contains(from);
        Files.writeString(p, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
    }

    private static void assertRed(RunReport r, String id, String file) {
        ItemResult ir = item(r, id);
        assertThat(ir.status()).as(id + ": " + ir.result().reason()).isEqualTo(Status.FAIL);
        assertThat(ir.result().reason()).isNotBlank();
        assertThat(ir.result().evidence()).as("evidence of " + id).extracting(Evidence::file).anySatisfy(f -> assertThat(f).contains(file));
    }

    /** Items other than the expected red ones still hold: one broken fact turns only its items red. */
    private static void othersHold(RunReport r, String... red) {
        Set<String> expectedRed = Set.of(red);
        assertThat(r.results()).filteredOn(x -> !expectedRed.contains(x.itemId()))
                .allSatisfy(x -> assertThat(x.status()).as(x.itemId() + ": " + x.result().reason()).isIn(Status.PASS, Status.WARN));
    }

    @Test
    void everyLocalItemPassesOnTheSampleWithDriftNotes() throws Exception {
        RunReport r = run(sample());
        assertThat(r.results()).hasSizeGreaterThan(20)
                .allSatisfy(x -> assertThat(x.status()).as(x.itemId() + ": " + x.result().reason()).isEqualTo(Status.PASS));
        assertThat(item(r, "asl-orchestrator-definition-uri").result().notes())
                .anySatisfy(n -> assertThat(n).contains("the checklist says lines 2413-2414"));
        assertThat(r.results()).allSatisfy(x -> assertThat(x.result().evidence()).as("evidence of " + x.itemId()).isNotEmpty());
    }

    @Test
    void missingAslFileTurnsTheFileItemsRed() throws Exception {
        Path c = sample();
        Files.delete(c.resolve(BACKEND + "src/aws_step_functions_v3.json"));
        RunReport r = run(c);
        assertRed(r, "asl-files-exist", "aws_step_functions_v3.json");
        assertRed(r, "asl-orchestrator-definition-uri", "template.yaml");
        assertThat(item(r, "asl-v3-valid-json").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void definitionUriPointingAtTheOldFileIsRed() throws Exception {
        Path c = sample();
        Files.writeString(c.resolve(BACKEND + "src/aws_step_functions.json"), "{\"Comment\": \"v2\", \"States\": {}}");
        edit(c, TEMPLATE, "DefinitionUri: src/aws_step_functions_v3.json", "DefinitionUri: src/aws_step_functions.json");
        RunReport r = run(c);
        assertRed(r, "asl-orchestrator-definition-uri", "template.yaml");
        assertThat(item(r, "asl-orchestrator-definition-uri").result().actual()).contains("src/aws_step_functions.json");
        assertThat(item(r, "asl-orchestrator-definition-uri").result().expected()).contains("src/aws_step_functions_v3.json");
    }

    @Test
    void removedSubstitutionEntryIsRedWithThePlaceholderLocation() throws Exception {
        Path c = sample();
        edit(c, TEMPLATE, "        InitializeStateDataArn: !GetAtt InitializeStateDataFunction.Arn\n        ExecuteSegmentArn: !GetAtt SegmentRunnerFunction.Arn\n        SegmentRunnerArn",
                "        ExecuteSegmentArn: !GetAtt SegmentRunnerFunction.Arn\n        SegmentRunnerArn");
        RunReport r = run(c);
        assertRed(r, "orchestrator-substitutions", "aws_step_functions_v3.json");
        assertThat(item(r, "distributed-substitutions").status()).isEqualTo(Status.PASS);
        othersHold(r, "orchestrator-substitutions");
    }

    @Test
    void commentedOutUscImportIsRed() throws Exception {
        Path c = sample();
        edit(c, BACKEND + "src/common/initialize_state_data.py",
                "\nfrom src.handlers.utils.universal_sync_core import universal_sync_core",
                "\n# from src.handlers.utils.universal_sync_core import universal_sync_core");
        RunReport r = run(c);
        assertRed(r, "init-usc-import", "initialize_state_data.py");
        othersHold(r, "init-usc-import");
    }

    @Test
    void untrackedAndIgnoredAslFileIsRedNamingTheIgnoreLine() throws Exception {
        Path c = sample();
        Files.writeString(c.resolve(BACKEND + ".gitignore"), "aws_step_functions*.json\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        GitRepo git = new GitRepo(c);
        assertThat(git.git("rm", "-q", "--cached", BACKEND + "src/aws_step_functions_v3.json").ok()).isTrue();
        RunReport r = run(c);
        assertRed(r, "asl-files-tracked", "aws_step_functions_v3.json");
        ItemResult ignored = item(r, "asl-files-not-ignored");
        assertThat(ignored.status()).isEqualTo(Status.FAIL);
        assertThat(ignored.result().evidence()).anySatisfy(e -> {
            assertThat(e.file()).endsWith(".gitignore");
            assertThat(e.line()).isNotNull();
        });
    }

    @Test
    void handlerModuleRenamedWithGitMvIsRed() throws Exception {
        Path c = sample();
        GitRepo git = new GitRepo(c);
        assertThat(git.git("mv", BACKEND + "src/handlers/core/segment_runner_handler.py",
                BACKEND + "src/handlers/core/segment_runner.py").ok()).isTrue();
        RunReport r = run(c);
        // the old cfn-property item compared the Command text and stayed green
        assertRed(r, "segment-command", "template.yaml");
        assertThat(item(r, "segment-command").result().reason()).contains("segment_runner_handler.py does not exist");
        othersHold(r, "segment-command");
    }

    @Test
    void changedCopyInstructionIsRed() throws Exception {
        Path c = sample();
        edit(c, BACKEND + "src/Dockerfile.lambda", "COPY . /var/task/src/", "COPY . /var/task/");
        RunReport r = run(c);
        assertRed(r, "dockerfile-copies-src", "Dockerfile.lambda");
        // the handlers' modules are no longer where the runtime imports them from: those items see it too
        for (String handler : new String[]{"init-command", "sdm-command", "segment-command"}) {
            assertRed(r, handler, "template.yaml");
        }
        othersHold(r, "dockerfile-copies-src", "init-command", "sdm-command", "segment-command");
    }

    @Test
    void droppedImageRepositoryFlagIsRed() throws Exception {
        Path c = sample();
        edit(c, WORKFLOW, "            --image-repository \"${IMAGE_REPO_URI}\" \\\n", "");
        RunReport r = run(c);
        assertRed(r, "sam-deploy-flags", "backend-deploy.yml");
        othersHold(r, "sam-deploy-flags");
    }

    @Test
    void noCacheFalseIsRed() throws Exception {
        Path c = sample();
        edit(c, WORKFLOW, "no-cache: true", "no-cache: false");
        RunReport r = run(c);
        assertRed(r, "lambda-image-build", "backend-deploy.yml");
        othersHold(r, "lambda-image-build");
    }

    @Test
    void amd64InsteadOfArm64IsRed() throws Exception {
        Path c = sample();
        edit(c, WORKFLOW, "          platforms: linux/arm64\n          push: true\n          build-args",
                "          platforms: linux/amd64\n          push: true\n          build-args");
        RunReport r = run(c);
        assertRed(r, "lambda-image-build", "backend-deploy.yml");
        othersHold(r, "lambda-image-build");
    }

    @Test
    void handlerCommandTypoIsRed() throws Exception {
        Path c = sample();
        edit(c, TEMPLATE, "src.common.initialize_state_data.lambda_handler", "src.common.initialise_state_data.lambda_handler");
        RunReport r = run(c);
        assertRed(r, "init-command", "template.yaml");
        othersHold(r, "init-command");
    }

    @Test
    void oneFewerUscCallIsRed() throws Exception {
        Path c = sample();
        edit(c, BACKEND + "src/handlers/utils/state_data_manager.py", """
                def _hydrate(base_state, new_result):
                    return universal_sync_core(
                        base_state=base_state,
                        new_result=new_result,
                        context={'action': 'hydrate'}
                    )""", """
                def _hydrate(base_state, new_result):
                    return get_default_hydrator()(dict(base_state))""");
        RunReport r = run(c);
        assertRed(r, "sdm-usc-calls", "state_data_manager.py");
        assertThat(item(r, "sdm-usc-calls").result().actual()).contains("5");
        othersHold(r, "sdm-usc-calls");
    }

    @Test
    void invalidAslJsonIsRedWithItsLine() throws Exception {
        Path c = sample();
        edit(c, BACKEND + "src/aws_step_functions_v3.json", "\"StartAt\": \"InitializeStateBag\",", "\"StartAt\": \"InitializeStateBag\"");
        RunReport r = run(c);
        ItemResult json = item(r, "asl-v3-valid-json");
        assertRed(r, "asl-v3-valid-json", "aws_step_functions_v3.json");
        assertThat(json.result().evidence()).anySatisfy(e -> assertThat(e.line()).isNotNull());
        // items that needed a value from the file could not evaluate it: ERROR, naming the parse error
        for (String dependent : new String[]{"asl-v3-comment", "orchestrator-substitutions"}) {
            assertThat(item(r, dependent).status()).as(dependent).isEqualTo(Status.ERROR);
            assertThat(item(r, dependent).result().reason()).as(dependent).contains("aws_step_functions_v3.json:");
        }
        othersHold(r, "asl-v3-valid-json", "asl-v3-comment", "orchestrator-substitutions");
    }

    @Test
    void equivalentWaysOfWritingTheSameFactsStayGreen() throws Exception {
        Path c = sample();
        edit(c, TEMPLATE, "DefinitionUri: src/aws_step_functions_v3.json", "DefinitionUri: ./src/aws_step_functions_v3.json");
        edit(c, TEMPLATE, "MergeCallbackArn: !GetAtt MergeCallbackFunction.Arn", "MergeCallbackArn: !Sub \"${MergeCallbackFunction.Arn}\"");
        edit(c, BACKEND + "src/Dockerfile.lambda", "COPY . /var/task/src/", "COPY ./ /var/task/src/");
        edit(c, BACKEND + "src/common/initialize_state_data.py", "context={'action': 'init', 'source': 'InitializeStateData'}",
                "context=dict(action='init', source='InitializeStateData')");
        RunReport r = run(c);
        othersHold(r);
    }

    @Test
    void getAttToAMissingResourceIsRed() throws Exception {
        Path c = sample();
        edit(c, TEMPLATE, "MergeCallbackArn: !GetAtt MergeCallbackFunction.Arn", "MergeCallbackArn: !GetAtt MergeCallbackFunctionV2.Arn");
        RunReport r = run(c);
        assertRed(r, "orchestrator-substitutions", "template.yaml");
        assertThat(item(r, "orchestrator-substitutions").result().reason() + item(r, "orchestrator-substitutions").result().actual())
                .contains("MergeCallbackFunctionV2");
    }

    @Test
    void parsesEveryFileOncePerRun() throws Exception {
        Path c = sample();
        var run = Greenlight.prepare(checklist, RunOptions.defaults(c).withOnly(LOCAL_SECTIONS), AwsSettings.DEFAULT, null);
        run.runBlocking();
        assertThat(run.workspace().parseCounts()).isNotEmpty().allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1));
        assertThat(run.workspace().parseCounts()).containsKey("yaml:" + TEMPLATE);
    }
}

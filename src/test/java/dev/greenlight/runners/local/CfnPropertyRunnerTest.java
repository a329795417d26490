package dev.greenlight.runners.local;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.greenlight.runners.local.CfnFixture.ASL;
import static dev.greenlight.runners.local.CfnFixture.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

class CfnPropertyRunnerTest {
    @TempDir
    Path dir;
    CfnFixture fx;
    final CfnPropertyRunner runner = new CfnPropertyRunner();

    static final String DEFINITION_URI = """
            template: analemma-workflow-os/backend/template.yaml
            resource: StepFunctionOrchestrator
            path: Properties.DefinitionUri
            equals: src/aws_step_functions_v3.json
            target-exists: true
            """;

    @BeforeEach
    void setUp() throws Exception {
        fx = new CfnFixture(dir);
    }

    @Test
    void passesWithDriftNoteWhenTheTemplateLineDiffersFromTheHint() throws Exception {
        Result r = fx.run(runner, DEFINITION_URI, 2413);

        int line = fx.lineOf(TEMPLATE, "DefinitionUri:");
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains("src/aws_step_functions_v3.json");
        assertThat(r.evidence()).contains(
                Evidence.at("Properties.DefinitionUri of StepFunctionOrchestrator", TEMPLATE, line,
                        "DefinitionUri: src/aws_step_functions_v3.json"),
                Evidence.at("target file", ASL, null, Files.size(dir.resolve(ASL)) + " bytes"));
        assertThat(r.notes()).containsExactly("found at " + TEMPLATE + ":" + line + " (the checklist says line 2413)");
    }

    @Test
    void hasNoDriftNoteWhenTheHintIsRight() throws Exception {
        Result r = fx.run(runner, DEFINITION_URI, fx.lineOf(TEMPLATE, "DefinitionUri:"));

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void failsWhenDefinitionUriPointsAtTheOldFile() throws Exception {
        fx.edit(TEMPLATE, "DefinitionUri: src/aws_step_functions_v3.json", "DefinitionUri: src/aws_step_functions.json");

        Result r = fx.run(runner, DEFINITION_URI, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.expected()).startsWith("src/aws_step_functions_v3.json");
        assertThat(r.actual()).isEqualTo("src/aws_step_functions.json");
        assertThat(r.evidence()).extracting(Evidence::line).containsExactly(fx.lineOf(TEMPLATE, "DefinitionUri:"));
        assertThat(r.evidence().get(0).text()).isEqualTo("DefinitionUri: src/aws_step_functions.json");
    }

    @Test
    void failsNamingTheCheckoutPathWhenTheTargetFileIsMissing() throws Exception {
        Files.delete(dir.resolve(ASL));

        Result r = fx.run(runner, DEFINITION_URI, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains(ASL + " does not exist");
        assertThat(r.evidence()).extracting(Evidence::file).contains(ASL);
    }

    @Test
    void failsWhenTheTargetIsADirectory() throws Exception {
        fx.edit(TEMPLATE, "DefinitionUri: src/aws_step_functions_v3.json", "DefinitionUri: src");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: StepFunctionOrchestrator
                path: Properties.DefinitionUri
                target-exists: true
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("analemma-workflow-os/backend/src is not a regular file");
    }

    @Test
    void passesWhenDefinitionUriNamesTheSameFileWrittenDifferently() throws Exception {
        for (String written : new String[]{"./src/aws_step_functions_v3.json", "src//aws_step_functions_v3.json",
                "src/./aws_step_functions_v3.json", "\"./src/aws_step_functions_v3.json\""}) {
            fx.write(TEMPLATE, CfnFixture.TEMPLATE_TEXT.replace("DefinitionUri: src/aws_step_functions_v3.json",
                    "DefinitionUri: " + written));

            Result r = fx.run(runner, DEFINITION_URI, null, new Workspace(dir));

            String asWritten = written.replace("\"", "");
            assertThat(r.status()).as(written).isEqualTo(Status.PASS);
            assertThat(r.actual()).as(written).isEqualTo(asWritten);
            assertThat(r.evidence().get(0).text()).as(written).isEqualTo("DefinitionUri: " + written);
            assertThat(r.evidence()).as(written).contains(Evidence.at("target file", ASL, null, Files.size(dir.resolve(ASL)) + " bytes"));
            assertThat(r.notes()).as(written).contains(asWritten + " and src/aws_step_functions_v3.json are the same path, written differently.");
        }
    }

    @Test
    void failsWhenDefinitionUriDiffersOnlyInCase() throws Exception {
        fx.edit(TEMPLATE, "DefinitionUri: src/aws_step_functions_v3.json", "DefinitionUri: ./src/AWS_step_functions_v3.json");

        Result r = fx.run(runner, DEFINITION_URI, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("is ./src/AWS_step_functions_v3.json, expected src/aws_step_functions_v3.json");
    }

    @Test
    void comparesAPathPropertyAsAPathWithoutTargetExists() throws Exception {
        fx.edit(TEMPLATE, "DefinitionUri: src/aws_step_functions_v3.json", "DefinitionUri: ./src/aws_step_functions_v3.json");

        Result r = fx.run(runner, DEFINITION_URI.replace("target-exists: true\n", ""), null);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.actual()).isEqualTo("./src/aws_step_functions_v3.json");
    }

    @Test
    void comparesOtherTextPropertiesExactly() throws Exception {
        fx.edit(TEMPLATE, "Command: [\"src.common.initialize_state_data.lambda_handler\"]", "Command: [\"./bootstrap\"]");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: InitializeStateDataFunction
                path: Properties.ImageConfig.Command[0]
                equals: bootstrap
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("./bootstrap");
    }

    @Test
    void passesWhenAFlowListCommandEqualsTheExpectedList() {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: InitializeStateDataFunction
                path: Properties.ImageConfig.Command
                equals: [src.common.initialize_state_data.lambda_handler]
                """, null);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence().get(0).text()).isEqualTo("Command: [\"src.common.initialize_state_data.lambda_handler\"]");
    }

    @Test
    void failsOnATypoInTheHandlerCommand() throws Exception {
        fx.edit(TEMPLATE, "src.common.initialize_state_data.lambda_handler", "src.common.initialise_state_data.lambda_handler");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: InitializeStateDataFunction
                path: Properties.ImageConfig.Command
                equals: [src.common.initialize_state_data.lambda_handler]
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.expected()).isEqualTo("[src.common.initialize_state_data.lambda_handler]");
        assertThat(r.actual()).isEqualTo("[src.common.initialise_state_data.lambda_handler]");
    }

    @Test
    void locatesAListItemByIndexInABlockList() throws Exception {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: SegmentRunnerFunction
                path: Properties.ImageConfig.Command[0]
                matches: ^src\\.handlers\\.core\\.segment_runner_handler\\.lambda_handler$
                """, null);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence().get(0).line()).isEqualTo(fx.lineOf(TEMPLATE, "- src.handlers.core.segment_runner_handler"));
    }

    @Test
    void aCommentedOutPropertyIsNotAMatch() throws Exception {
        fx.edit(TEMPLATE, "      DefinitionUri: src/aws_step_functions_v3.json",
                "      # DefinitionUri: src/aws_step_functions_v3.json");

        Result r = fx.run(runner, DEFINITION_URI, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("absent");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(fx.lineOf(TEMPLATE, "StepFunctionOrchestrator:"));
            assertThat(e.text()).isEqualTo("StepFunctionOrchestrator:");
        });
    }

    @Test
    void failsWithSuggestionForAnUnknownResource() {
        Result r = fx.run(runner, DEFINITION_URI.replace("resource: StepFunctionOrchestrator", "resource: StepFunctionOrchestrater"), null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("Resource StepFunctionOrchestrater not found in template " + TEMPLATE + ".");
        assertThat(r.notes()).contains("did you mean 'StepFunctionOrchestrator'?");
    }

    @Test
    void failsWithTheResourceLineWhenAPropertyIsMissing() throws Exception {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: StepFunctionOrchestrator
                path: Properties.DefintionUri
                exists: true
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.evidence()).extracting(Evidence::line).containsExactly(fx.lineOf(TEMPLATE, "StepFunctionOrchestrator:"));
        assertThat(r.notes()).contains("did you mean 'DefinitionUri'?");
    }

    @Test
    void passesWhenAPropertyThatMustBeAbsentIsAbsent() {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: StepFunctionOrchestrator
                path: Properties.DefinitionString
                exists: false
                """, null);

        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void fallsBackToGlobalsAndSaysSo() throws Exception {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: InitializeStateDataFunction
                path: Properties.PackageType
                equals: Image
                """, null);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains("from Globals.Function.PackageType");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).startsWith("Globals.Function.PackageType");
            assertThat(e.line()).isEqualTo(fx.lineOf(TEMPLATE, "PackageType: Image"));
        });
    }

    @Test
    void theResourcesOwnValueWinsOverGlobals() throws Exception {
        fx.edit(TEMPLATE, "      PackageType: Image\n      ImageConfig:\n        Command:\n",
                "      PackageType: Zip\n      ImageConfig:\n        Command:\n");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: SegmentRunnerFunction
                path: Properties.PackageType
                equals: Image
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("Zip");
    }

    @Test
    void warnsWhenThePropertyIsWrittenTwice() throws Exception {
        fx.edit(TEMPLATE, "      DefinitionSubstitutions:",
                "      DefinitionUri: src/aws_step_functions_v3.json\n      DefinitionSubstitutions:");
        fx.edit(TEMPLATE, "      DefinitionUri: src/aws_step_functions_v3.json\n      DefinitionUri:",
                "      DefinitionUri: src/aws_step_functions.json\n      DefinitionUri:");

        Result r = fx.run(runner, DEFINITION_URI, null);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("written twice"));
    }

    @Test
    void failsWhenTheResourceHasAnotherType() {
        Result r = fx.run(runner, DEFINITION_URI + "resource-type: AWS::StepFunctions::StateMachine\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("AWS::Serverless::StateMachine");
    }

    @Test
    void comparesScalarsAsTextAndShowsIntrinsicsInShortForm() throws Exception {
        fx.edit(TEMPLATE, "      DefinitionUri:", "      Tracing:\n        Enabled: true\n      DefinitionUri:");

        Result bool = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: StepFunctionOrchestrator
                path: Properties.Tracing.Enabled
                equals: "true"
                """, null);
        Result getAtt = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: StepFunctionOrchestrator
                path: Properties.DefinitionSubstitutions.InitializeStateDataArn
                equals: !GetAtt SegmentRunnerFunction.Arn
                """, null);

        assertThat(bool.status()).isEqualTo(Status.PASS);
        assertThat(getAtt.status()).isEqualTo(Status.FAIL);
        assertThat(getAtt.actual()).isEqualTo("!GetAtt InitializeStateDataFunction.Arn");
        assertThat(getAtt.expected()).isEqualTo("!GetAtt SegmentRunnerFunction.Arn");
    }

    @Test
    void containsFindsAnItemOfAList() {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: StateDataManagerFunction
                path: Properties.ImageConfig.Command
                contains: src.handlers.utils.state_data_manager.lambda_handler
                """, null);

        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void hidesSecretValues() throws Exception {
        fx.edit(TEMPLATE, "      DefinitionUri:", "      Environment:\n        Variables:\n          OPENAI_API_KEY: sk-live-abc\n      DefinitionUri:");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: StepFunctionOrchestrator
                path: Properties.Environment.Variables.OPENAI_API_KEY
                equals: sk-live-other
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.toString()).doesNotContain("sk-live-abc").doesNotContain("sk-live-other");
    }

    @Test
    void errorsWithLineAndColumnWhenTheTemplateIsNotValidYaml() throws Exception {
        fx.write(TEMPLATE, "Resources:\n  A:\n    Type: [unclosed\n  B: 1\n");

        Result r = fx.run(runner, DEFINITION_URI, null);

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).matches(TEMPLATE.replace(".", "\\.") + ":\\d+:\\d+: not valid YAML: .*");
        assertThat(r.evidence().get(0).line()).isNotNull();
    }

    @Test
    void errorsOnABinaryTemplateWithoutAStackTrace() throws Exception {
        Files.write(dir.resolve(TEMPLATE), new byte[]{'R', 0, 1, 2, 3});

        Result r = fx.run(runner, DEFINITION_URI, null);

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).isEqualTo(TEMPLATE + " is a binary file, not text");
    }

    @Test
    void errorsOnATemplateOverTheSizeLimit() throws Exception {
        Result r = fx.run(runner, DEFINITION_URI, null, new Workspace(dir, 100));

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).contains(TEMPLATE).contains("limit");
    }

    @Test
    void failsWhenTheTemplateIsMissing() throws Exception {
        Files.delete(dir.resolve(TEMPLATE));

        Result r = fx.run(runner, DEFINITION_URI, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains(TEMPLATE + " does not exist");
    }

    @Test
    void parsesEachFileOnceAcrossItemsSharingAWorkspace() {
        fx.run(runner, DEFINITION_URI, null);
        fx.run(runner, DEFINITION_URI.replace("StepFunctionOrchestrator", "StepFunctionOrchestrator"), 10);
        fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: InitializeStateDataFunction
                path: Properties.PackageType
                equals: Image
                """, null);
        fx.run(new CfnSubstitutionsRunner(), """
                template: analemma-workflow-os/backend/template.yaml
                resource: StepFunctionOrchestrator
                """, null);
        fx.run(new CfnParametersRunner(), """
                template: analemma-workflow-os/backend/template.yaml
                names: [StageName]
                """, null);
        fx.run(new JsonValueRunner(), """
                file: analemma-workflow-os/backend/src/aws_step_functions_v3.json
                path: States.InitializeStateBag.Type
                equals: Task
                """, null);
        fx.run(new JsonValueRunner(), """
                file: analemma-workflow-os/backend/src/aws_step_functions_v3.json
                path: /States/InitializeStateBag/Parameters/Payload.$
                equals: $
                """, null);

        assertThat(fx.workspace.parseCounts()).containsOnly(
                org.assertj.core.api.Assertions.entry("yaml:" + TEMPLATE, 1),
                org.assertj.core.api.Assertions.entry("json-model:" + ASL, 1));
    }
}

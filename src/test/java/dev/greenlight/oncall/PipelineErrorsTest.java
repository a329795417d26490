package dev.greenlight.oncall;

import dev.greenlight.model.Checklist;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled checklist explains the deploy pipeline's own error messages, as SAM CLI and
 * CloudFormation word them, and keeps generic troubleshooting matches from running half the checklist.
 */
class PipelineErrorsTest {
    static final Checklist BUNDLED = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
    final SymptomMatcher matcher = new SymptomMatcher(BUNDLED);

    private SymptomMatcher.Diagnosis diagnose(String text) {
        return matcher.diagnose(text);
    }

    @Test
    void samCliMissingImageRepositoryInEachOfItsWordingsNamesTheDeployFlags() {
        for (String text : new String[]{
                // SAM CLI since --resolve-image-repos (samcli/lib/cli_validation/image_repository_validation.py)
                "Usage: sam deploy [OPTIONS]\nTry 'sam deploy -h' for help.\n\n"
                        + "Error: Missing option '--image-repository', '--image-repositories', or '--resolve-image-repos'",
                // SAM CLI 1.14 to 1.2x
                "Error: Missing option '--image-repository' or '--image-repositories'",
                "Error: Incomplete list of function logical ids specified for '--image-repositories'. "
                        + "You can also add --resolve-image-repos to automatically create missing repositories.",
                "Image repositories must be specified with --image-repository or --image-repositories, or --resolve-image-repos"}) {
            SymptomMatcher.Diagnosis d = diagnose(text);
            assertThat(d.basis()).as(text).isEqualTo(SymptomMatcher.Basis.SYMPTOM);
            assertThat(d.explaining()).as(text).extracting(m -> m.item().id()).containsExactly("sam-deploy-flags");
        }
    }

    @Test
    void cloudFormationMissingParameterValueNamesTheParameterInjection() {
        SymptomMatcher.Diagnosis d = diagnose("Error: Failed to create changeset for the stack: backend-workflow-dev, "
                + "An error occurred (ValidationError) when calling the CreateChangeSet operation: "
                + "Parameters: [BackendLambdaImageUri] must have values");

        assertThat(d.explaining()).extracting(m -> m.item().id()).containsExactly("sam-deploy-injects-parameters");
        assertThat(diagnose("Parameters: [CognitoIssuerUrl, CognitoAudience] must have values").explaining())
                .extracting(m -> m.item().id()).containsExactly("sam-deploy-injects-parameters");
    }

    @Test
    void anUndeclaredOverrideNamesTheTemplatesParameters() {
        assertThat(diagnose("An error occurred (ValidationError) when calling the CreateChangeSet operation: "
                + "Parameters: [GcpProjectId] do not exist in the template").explaining())
                .extracting(m -> m.item().id()).containsExactly("template-declares-parameters");
    }

    @Test
    void missingCapabilitiesNameTheDeployFlags() {
        assertThat(diagnose("An error occurred (InsufficientCapabilitiesException) when calling the CreateChangeSet "
                + "operation: Requires capabilities : [CAPABILITY_NAMED_IAM]").explaining())
                .extracting(m -> m.item().id()).containsExactly("sam-deploy-flags");
    }

    @Test
    void anImportModuleErrorReachesTheHandlerCommandsTheNamedOneFirst() {
        SymptomMatcher.Diagnosis d = diagnose("[ERROR] Runtime.ImportModuleError: Unable to import module "
                + "'src.handlers.utils.state_data_manager': No module named 'src.handlers.utils.state_data_managr'");

        assertThat(d.explaining()).extracting(m -> m.item().id())
                .startsWith("sdm-command").contains("init-command", "segment-command");
        assertThat(diagnose("Runtime.HandlerNotFound: Handler 'lambda_handlr' missing on module "
                + "'src.common.initialize_state_data'").explaining())
                .extracting(m -> m.item().id()).containsExactlyInAnyOrder("init-command", "sdm-command", "segment-command");
    }

    @Test
    void dockersUnconsumedBuildArgNamesTheDockerfilesArg() {
        assertThat(diagnose("[Warning] One or more build-args [BASE_IMAGE_URI] were not consumed").explaining())
                .extracting(m -> m.item().id()).startsWith("lambda-dockerfile-base-arg");
    }

    @Test
    void aGenericNotFoundRunsNothingAndListsTheItemsThatMentionIt() {
        SymptomMatcher.Diagnosis d = diagnose("Error: template.yaml not found");

        assertThat(d.basis()).isEqualTo(SymptomMatcher.Basis.TOO_GENERIC);
        assertThat(d.explaining()).isEmpty();
        assertThat(d.related()).hasSizeGreaterThan(SymptomMatcher.FALLBACK_LIMIT)
                .allSatisfy(m -> assertThat(m.kind()).isEqualTo(SymptomMatcher.Kind.TROUBLESHOOT));
    }

    @Test
    void aFewTroubleshootingMatchesStillRunWhenNoSymptomMatches() {
        SymptomMatcher.Diagnosis d = diagnose("echo $BASE_IMAGE_URI prints nothing: BASE_IMAGE_URI is unset");

        assertThat(d.basis()).isEqualTo(SymptomMatcher.Basis.TROUBLESHOOTING);
        assertThat(d.explaining()).extracting(m -> m.item().id())
                .containsExactlyInAnyOrder("lambda-dockerfile-base-arg", "lambda-image-build-arg");
    }
}

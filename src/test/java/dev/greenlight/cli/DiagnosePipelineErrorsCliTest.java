package dev.greenlight.cli;

import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code greenlight diagnose} with the pipeline's own error texts, on the bundled checklist and the sample checkout. */
class DiagnosePipelineErrorsCliTest {
    @TempDir
    Path home;
    @TempDir
    Path work;
    Path checkout;
    private String previousHome;
    private String out;

    @BeforeEach
    void setUp() throws Exception {
        previousHome = System.getProperty("greenlight.home");
        System.setProperty("greenlight.home", home.toString());
        checkout = SampleCheckout.materialise(work.resolve("checkout"));
    }

    @AfterEach
    void tearDown() {
        dev.greenlight.ui.UiFixture.restore("greenlight.home", previousHome);
    }

    private int diagnose(String message) {
        StringWriter o = new StringWriter();
        int code = GreenlightCommand.execute(new String[]{"diagnose", message, "--checklist", "unified-pipe-v3.3",
                "--checkout", checkout.toString()}, new PrintWriter(o), new PrintWriter(new StringWriter()));
        out = o.toString();
        return code;
    }

    @Test
    void samCliMissingImageRepositoryRunsTheDeployFlagsItem() {
        int code = diagnose("Error: Missing option '--image-repository', '--image-repositories', or '--resolve-image-repos'");

        assertThat(out).contains("Matched 1 item, best first:")
                .contains("symptom       sam deploy pushes images to ECR (--image-repository) with the right stack and capabilities  [sam-deploy-flags]")
                .contains("PASS   sam deploy pushes images to ECR");
        assertThat(code).as(out).isEqualTo(0);
    }

    @Test
    void cloudFormationMissingParameterValueRunsTheInjectionItem() {
        int code = diagnose("An error occurred (ValidationError) when calling the CreateChangeSet operation: "
                + "Parameters: [BackendLambdaImageUri] must have values");

        assertThat(out).contains("[sam-deploy-injects-parameters]  matched \"Parameters: [BackendLambdaImageUri] must have values\"")
                .contains("PASS   The deploy step injects the image URI");
        assertThat(code).as(out).isEqualTo(0);
    }

    @Test
    void aGenericNotFoundRunsNothingAndListsTheItemsLikeTheWindow() {
        int code = diagnose("Error: template.yaml not found");

        assertThat(code).isEqualTo(2);
        assertThat(out).startsWith("No checklist item declares this message as a symptom, and ")
                .contains("too generic to point anywhere, so none is run")
                .contains("[asl-orchestrator-definition-uri]  matched \"not found\"")
                .contains("greenlight run --only asl-orchestrator-definition-uri,")
                .doesNotContain("PASS ").doesNotContain("FAIL ").doesNotContain("Matched ");
    }
}

package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.WorkflowGitFixtures.BACKEND_DEPLOY;
import static dev.greenlight.runners.local.WorkflowGitFixtures.ctx;
import static dev.greenlight.runners.local.WorkflowGitFixtures.lineOf;
import static dev.greenlight.runners.local.WorkflowGitFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class WorkflowStepRunnerTest {
    private static final String FILE = ".github/workflows/backend-deploy.yml";
    private static final String LAMBDA_STEP = """
            file: .github/workflows/backend-deploy.yml
            step: Build and Push Final Lambda Image
            with:
              context: ./analemma-workflow-os/backend/src
              file: ./analemma-workflow-os/backend/src/Dockerfile.lambda
              no-cache: true
            with-contains:
              platforms: [linux/arm64]
              tags: ["backend-lambda-function:latest", "backend-lambda-function:${{ github.sha }}"]
            """;

    @TempDir
    Path checkout;

    private final WorkflowStepRunner runner = new WorkflowStepRunner();

    private Result check(String workflow, String spec) {
        write(checkout, FILE, workflow);
        return WorkflowGitFixtures.run(runner, spec, ctx(checkout));
    }

    /** Replaces text only inside the Lambda image step, which follows the base image step. */
    private static String inLambdaStep(String workflow, String from, String to) {
        int start = workflow.indexOf("Build and Push Final Lambda Image");
        String changed = workflow.substring(0, start) + workflow.substring(start).replaceFirst(
                java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        assertThat(changed).isNotEqualTo(workflow);
        return changed;
    }

    @Test
    void passesWhenTheLambdaImageStepHasEveryExpectedInput() {
        Result r = check(BACKEND_DEPLOY, LAMBDA_STEP);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains("'Build and Push Final Lambda Image'").contains(FILE + ":" + lineOf(BACKEND_DEPLOY, "Final Lambda"));
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("with.no-cache");
            assertThat(e.line()).isEqualTo(lineOf(BACKEND_DEPLOY, "no-cache: true"));
            assertThat(e.text()).isEqualTo("no-cache: true  # Always fresh build");
        });
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("with.tags contains backend-lambda-function:${{ github.sha }}");
            assertThat(e.line()).isEqualTo(lineOf(BACKEND_DEPLOY, "backend-lambda-function:${{ github.sha }}"));
        });
    }

    @Test
    void failsWhenNoCacheIsFalse() {
        Result r = check(BACKEND_DEPLOY.replace("no-cache: true", "no-cache: false"), LAMBDA_STEP);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("sets no-cache to false, not true");
        assertThat(r.actual()).contains("no-cache: false");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("with.no-cache");
            assertThat(e.where()).isEqualTo(FILE + ":" + lineOf(BACKEND_DEPLOY, "no-cache:"));
        });
    }

    @Test
    void failsWhenNoCacheIsMissing() {
        Result r = check(BACKEND_DEPLOY.replace("          no-cache: true  # Always fresh build\n", ""), LAMBDA_STEP);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("does not set no-cache");
    }

    @Test
    void failsWhenThePlatformIsAmd64() {
        String amd = inLambdaStep(BACKEND_DEPLOY, "platforms: linux/arm64", "platforms: linux/amd64");
        Result contains = check(amd, LAMBDA_STEP);
        Result exact = check(amd, """
                file: .github/workflows/backend-deploy.yml
                step: Build and Push Final Lambda Image
                with: {platforms: linux/arm64}
                """);

        assertThat(contains.status()).isEqualTo(Status.FAIL);
        assertThat(contains.reason()).contains("has no platforms entry containing linux/arm64");
        assertThat(exact.status()).isEqualTo(Status.FAIL);
        assertThat(exact.expected()).contains("platforms: linux/arm64");
        assertThat(exact.actual()).isEqualTo("platforms: linux/amd64");
    }

    @Test
    void passesWhenArm64IsOneOfSeveralCommaSeparatedPlatforms() {
        Result r = check(inLambdaStep(BACKEND_DEPLOY, "platforms: linux/arm64", "platforms: linux/amd64, linux/arm64"), LAMBDA_STEP);

        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenATagLineIsCommentedOutInsideTheBlock() {
        Result r = check(BACKEND_DEPLOY.replace("    ${{ env.ECR }}/backend-lambda-function:${{ github.sha }}",
                "    # ${{ env.ECR }}/backend-lambda-function:${{ github.sha }}"), LAMBDA_STEP);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("has no tags entry containing backend-lambda-function:${{ github.sha }}");
    }

    @Test
    void failsWithDidYouMeanWhenTheStepWasRenamed() {
        Result r = check(BACKEND_DEPLOY.replace("Build and Push Final Lambda Image", "Build and Push Final Lambda Images"), LAMBDA_STEP);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("No step named 'Build and Push Final Lambda Image' in " + FILE
                + "; did you mean 'Build and Push Final Lambda Images'?");
        assertThat(r.actual()).contains("Maximize disk space for Docker builds");
    }

    @Test
    void failsWhenTheStepIsCommentedOut() {
        String commented = BACKEND_DEPLOY.replace("""
                      - name: Maximize disk space for Docker builds
                        run: |
                          sudo rm -rf /usr/share/dotnet
                          sudo rm -rf /usr/local/lib/android
                          docker system prune -af --volumes
                """, """
                      # - name: Maximize disk space for Docker builds
                      #   run: |
                      #     docker system prune -af --volumes
                """);
        assertThat(commented).isNotEqualTo(BACKEND_DEPLOY);

        Result r = check(commented, "file: " + FILE + "\nstep: Maximize disk space for Docker builds\n");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).startsWith("No step named 'Maximize disk space for Docker builds'");
    }

    @Test
    void findsAStepByItsActionWithoutAVersion() {
        Result r = check(BACKEND_DEPLOY, """
                file: .github/workflows/backend-deploy.yml
                uses: docker/build-push-action
                with: {file: ./analemma-workflow-os/backend/Dockerfile.base}
                """);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains("'Build and Push LLM Base Image'");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("2 steps match uses docker/build-push-action"));
    }

    @Test
    void failsWhenNoStepUsesTheActionVersion() {
        Result r = check(BACKEND_DEPLOY, "file: " + FILE + "\nuses: docker/build-push-action@v6\n");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("No step in " + FILE + " uses docker/build-push-action@v6.");
        assertThat(r.actual()).isEqualTo("uses: actions/checkout@v4, docker/build-push-action@v5");
    }

    @Test
    void failsWhenTheStepIsInAnotherJob() {
        Result r = check(BACKEND_DEPLOY, "file: " + FILE + "\njob: deploy\nstep: Build and Push Final Lambda Image\n");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).startsWith("No step named 'Build and Push Final Lambda Image' in " + FILE + " (job deploy)");
    }

    @Test
    void failsWithDidYouMeanWhenTheJobIsMisspelt() {
        Result r = check(BACKEND_DEPLOY, "file: " + FILE + "\njob: buidl\nstep: Build and Push Final Lambda Image\n");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("Job 'buidl' is not in " + FILE + "; did you mean 'build'?");
    }

    @Test
    void failsWhenTheWorkflowFileIsMissing() {
        Result r = WorkflowGitFixtures.run(runner, LAMBDA_STEP, ctx(checkout));

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("does not exist");
    }

    @Test
    void errorsWhenTheWorkflowIsNotValidYaml() {
        Result r = check("jobs:\n  build: [\n", LAMBDA_STEP);

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).contains("not valid YAML");
    }

    @Test
    void notesDriftFromTheChecklistLineWithoutFailing() {
        write(checkout, FILE, BACKEND_DEPLOY);
        Result r = WorkflowGitFixtures.run(runner, """
                file: .github/workflows/backend-deploy.yml
                step: Build and Push Final Lambda Image
                with: {no-cache: true}
                """, ctx(checkout, 182));

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).contains("found at " + FILE + ":" + lineOf(BACKEND_DEPLOY, "no-cache:") + " (the checklist says line 182)");
    }

    @Test
    void comparesListsEntryByEntry() {
        Result r = check(BACKEND_DEPLOY, """
                file: .github/workflows/backend-deploy.yml
                step: Build and Push LLM Base Image
                with:
                  tags: ["${{ env.ECR }}/backend-llm-base:latest"]
                """);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).contains("backend-llm-base:${{ steps.hash.outputs.hash }}");
    }

    @Test
    void rejectsASpecWithoutStepOrUses() {
        assertThat(WorkflowGitFixtures.validate(runner, "file: " + FILE + "\n"))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("step"));
    }
}

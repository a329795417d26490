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

class WorkflowRunRunnerTest {
    private static final String FILE = ".github/workflows/backend-deploy.yml";
    private static final String SAM_DEPLOY = """
            file: .github/workflows/backend-deploy.yml
            step: Deploy SAM stack
            command: sam deploy
            flags: [--stack-name, --region, --resolve-s3, --image-repository, --capabilities, --parameter-overrides]
            flag-values:
              --capabilities: CAPABILITY_IAM CAPABILITY_NAMED_IAM
              --stack-name: backend-workflow-dev
              --image-repository: '"${IMAGE_REPO_URI}"'
            """;

    @TempDir
    Path checkout;

    private final WorkflowRunRunner runner = new WorkflowRunRunner();

    private Result check(String workflow, String spec) {
        write(checkout, FILE, workflow);
        return WorkflowGitFixtures.run(runner, spec, ctx(checkout));
    }

    private static String replaced(String from, String to) {
        String changed = BACKEND_DEPLOY.replace(from, to);
        assertThat(changed).isNotEqualTo(BACKEND_DEPLOY);
        return changed;
    }

    @Test
    void passesWhenSamDeployCarriesEveryFlagAcrossContinuations() {
        Result r = check(BACKEND_DEPLOY, SAM_DEPLOY);

        assertThat(r.status()).isEqualTo(Status.PASS);
        int samLine = lineOf(BACKEND_DEPLOY, "sam deploy");
        assertThat(r.reason()).isEqualTo("'sam deploy' at " + FILE + ":" + samLine + " receives the expected flags, as the shell would expand it.");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("--image-repository");
            assertThat(e.line()).isEqualTo(lineOf(BACKEND_DEPLOY, "--image-repository"));
            assertThat(e.text()).isEqualTo("--image-repository \"${IMAGE_REPO_URI}\" \\");
        });
        assertThat(r.actual()).contains("--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM");
    }

    @Test
    void failsWhenImageRepositoryIsDropped() {
        Result r = check(replaced("            --image-repository \"${IMAGE_REPO_URI}\" \\\n", ""), SAM_DEPLOY);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        int samLine = lineOf(BACKEND_DEPLOY, "sam deploy");
        assertThat(r.reason()).startsWith("'sam deploy' in step 'Deploy SAM stack' (" + FILE + ":" + samLine
                + ") lacks --image-repository");
        assertThat(r.actual()).contains("--image-repository absent");
    }

    @Test
    void failsWhenImageRepositoryIsCommentedOut() {
        Result r = check(replaced("            --image-repository \"${IMAGE_REPO_URI}\" \\\n",
                "            # --image-repository \"${IMAGE_REPO_URI}\" \\\n"), SAM_DEPLOY);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("lacks --image-repository");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("--image-repository (commented out)");
            assertThat(e.line()).isEqualTo(lineOf(BACKEND_DEPLOY, "--image-repository"));
        });
    }

    @Test
    void aCommentLineInsideTheContinuationCutsOffTheFlagsAfterIt() {
        // the shell ends the command at the comment; --capabilities then runs as a command of its own
        Result r = check(replaced("            --resolve-s3 \\\n",
                "            --resolve-s3 \\\n            # --no-fail-on-empty-changeset \\\n"), SAM_DEPLOY);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("lacks --image-repository (line " + (lineOf(BACKEND_DEPLOY, "--image-repository") + 1)
                + " has it, but a comment line ends the command before it)");
    }

    @Test
    void aLineWithoutTrailingBackslashEndsTheCommandAndSaysSo() {
        Result r = check(replaced("            --resolve-s3 \\\n", "            --resolve-s3\n"), SAM_DEPLOY);

        int resolveLine = lineOf(BACKEND_DEPLOY, "--resolve-s3");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("lacks --image-repository (line " + lineOf(BACKEND_DEPLOY, "--image-repository")
                        + " has it, but line " + resolveLine + " ends the 'sam deploy' command (no trailing \\),"
                        + " so the flags on the lines after it are not part of it)")
                .contains("lacks --capabilities (line " + lineOf(BACKEND_DEPLOY, "--capabilities")
                        + " has it, after the command ended at line " + resolveLine + ")")
                .doesNotContain("comment");
    }

    @Test
    void acceptsFlagEqualsValue() {
        Result r = check(replaced("--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM", "--capabilities=CAPABILITY_IAM")
                .replace("--stack-name \"backend-workflow-dev\"", "--stack-name=backend-workflow-dev"), """
                file: .github/workflows/backend-deploy.yml
                command: sam deploy
                flags: [--capabilities]
                flag-values: {--stack-name: backend-workflow-dev}
                """);

        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenAFlagHasAnotherValue() {
        Result r = check(replaced("--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM", "--capabilities CAPABILITY_IAM"), SAM_DEPLOY);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("passes --capabilities CAPABILITY_IAM, not CAPABILITY_IAM CAPABILITY_NAMED_IAM");
    }

    @Test
    void failsWhenTheCommandIsOnlyInAComment() {
        String commented = replaced("          sam deploy \\\n", "          # sam deploy \\\n          echo skipped \\\n");
        Result r = check(commented, SAM_DEPLOY);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("No 'sam deploy' command in the run script of step 'Deploy SAM stack' (nor in a script of the repository it calls).");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("commented out");
            assertThat(e.line()).isEqualTo(lineOf(commented, "# sam deploy"));
        });
    }

    @Test
    void everyOccurrenceMustCarryTheFlags() {
        String twice = replaced("            --parameter-overrides ${PARAM_OVERRIDES}\n",
                "            --parameter-overrides ${PARAM_OVERRIDES}\n          sam deploy --stack-name other\n");
        Result r = check(twice, SAM_DEPLOY);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("(" + FILE + ":" + lineOf(twice, "sam deploy --stack-name other") + ") lacks");
    }

    @Test
    void searchesEveryStepWhenNoStepIsNamed() {
        Result r = check(BACKEND_DEPLOY, """
                file: .github/workflows/backend-deploy.yml
                command: docker system prune
                flags: [-af, --volumes]
                """);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains(":" + lineOf(BACKEND_DEPLOY, "docker system prune"));
    }

    @Test
    void findsTextOutsideCommentsAcrossContinuations() {
        Result pass = check(BACKEND_DEPLOY, """
                file: .github/workflows/backend-deploy.yml
                step: Deploy SAM stack
                contains: ["sam deploy --stack-name \\"backend-workflow-dev\\""]
                """);
        Result fail = check(BACKEND_DEPLOY, """
                file: .github/workflows/backend-deploy.yml
                step: Deploy SAM stack
                contains: ["ECR repository"]
                """);

        assertThat(pass.status()).isEqualTo(Status.PASS);
        assertThat(pass.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(lineOf(BACKEND_DEPLOY, "sam deploy")));
        assertThat(fail.status()).isEqualTo(Status.FAIL);
        assertThat(fail.reason()).isEqualTo("'ECR repository' is not in the script of step 'Deploy SAM stack' (outside comments).");
        assertThat(fail.evidence()).anySatisfy(e -> assertThat(e.subject()).isEqualTo("'ECR repository' (commented out)"));
    }

    @Test
    void failsWithDidYouMeanWhenTheStepWasRenamed() {
        Result r = check(replaced("Deploy SAM stack", "Deploy SAM stacks"), SAM_DEPLOY);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("No step named 'Deploy SAM stack' in " + FILE + "; did you mean 'Deploy SAM stacks'?");
    }

    @Test
    void failsWhenTheStepHasNoScript() {
        Result r = check(BACKEND_DEPLOY, """
                file: .github/workflows/backend-deploy.yml
                step: Build and Push Final Lambda Image
                command: sam deploy
                """);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("Step 'Build and Push Final Lambda Image' has no run: script.");
    }

    @Test
    void notesDriftFromTheChecklistLine() {
        write(checkout, FILE, BACKEND_DEPLOY);
        Result r = WorkflowGitFixtures.run(runner, SAM_DEPLOY, ctx(checkout, 207));

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).containsExactly("found at " + FILE + ":" + lineOf(BACKEND_DEPLOY, "sam deploy")
                + " (the checklist says line 207)");
    }

    @Test
    void rejectsFlagsWithoutACommand() {
        assertThat(WorkflowGitFixtures.validate(runner, "file: x.yml\nflags: [--a]\n"))
                .extracting(p -> p.field()).containsExactly("command", "flags");
    }
}

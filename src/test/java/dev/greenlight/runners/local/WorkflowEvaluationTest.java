package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.WorkflowGitFixtures.ctx;
import static dev.greenlight.runners.local.WorkflowGitFixtures.lineOf;
import static dev.greenlight.runners.local.WorkflowGitFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow is read as the Actions runner and the shell would run it: each equivalent way of
 * passing sam deploy its flags stays green, and a real break of the same fact goes red naming the
 * file and line where it broke.
 */
class WorkflowEvaluationTest {
    private static final String FILE = ".github/workflows/deploy.yml";
    private static final String SPEC = """
            file: .github/workflows/deploy.yml
            command: sam deploy
            flags: [--stack-name, --region, --image-repository, --capabilities, --parameter-overrides]
            flag-values:
              --stack-name: orders-api-dev
              --capabilities: CAPABILITY_IAM CAPABILITY_NAMED_IAM
            """;
    private static final String PARAMS_SPEC = """
            file: .github/workflows/deploy.yml
            command: sam deploy
            contains: [ImageUri=, StageName=dev, LogLevel=]
            """;

    /** Stack name in the job's env, passed on by the step's env, used through a shell variable. */
    static final String ENV_INDIRECTION = """
            name: Deploy orders API
            on:
              push:
                branches: [main]
            env:
              AWS_REGION: eu-west-1
            jobs:
              deploy:
                runs-on: ubuntu-latest
                env:
                  STAGE: dev
                  STACK_NAME: orders-api-dev
                steps:
                  - uses: actions/checkout@v4
                  - name: Login to ECR
                    id: ecr
                    uses: aws-actions/amazon-ecr-login@v2
                  - name: Deploy
                    env:
                      SAM_STACK: ${{ env.STACK_NAME }}
                      REPO_URI: ${{ steps.ecr.outputs.registry }}/orders-api
                    run: |
                      # deploy the stack built above
                      OVERRIDES="StageName=${STAGE} ImageUri=${REPO_URI}:${{ github.sha }}"
                      OVERRIDES="$OVERRIDES LogLevel=INFO"
                      sam deploy \\
                        --stack-name "$SAM_STACK" \\
                        --region "${AWS_REGION}" \\
                        --image-repository "$REPO_URI" \\
                        --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \\
                        --no-fail-on-empty-changeset \\
                        --parameter-overrides $OVERRIDES
            """;

    @TempDir
    Path checkout;

    private final WorkflowRunRunner runner = new WorkflowRunRunner();

    private Result check(String workflow, String spec) {
        write(checkout, FILE, workflow);
        return WorkflowGitFixtures.run(runner, spec, ctx(checkout));
    }

    @Test
    void followsTheStackNameThroughJobAndStepEnv() {
        Result r = check(ENV_INDIRECTION, SPEC);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.actual()).contains("--stack-name orders-api-dev (job env STACK_NAME, " + FILE + ":"
                + lineOf(ENV_INDIRECTION, "STACK_NAME: orders-api-dev"));
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).startsWith("--stack-name orders-api-dev");
            assertThat(e.line()).isEqualTo(lineOf(ENV_INDIRECTION, "--stack-name \"$SAM_STACK\""));
        });
    }

    @Test
    void failsNamingTheEnvLineWhenTheJobEnvPointsAtAnotherStack() {
        String wf = ENV_INDIRECTION.replace("STACK_NAME: orders-api-dev", "STACK_NAME: orders-api-prod");

        Result r = check(wf, SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("passes --stack-name orders-api-prod (job env STACK_NAME, " + FILE + ":"
                + lineOf(wf, "STACK_NAME: orders-api-prod")).contains("not orders-api-dev");
    }

    @Test
    void aStackNameFromASecretIsAWarningThatSaysSo() {
        String wf = ENV_INDIRECTION.replace("STACK_NAME: orders-api-dev", "STACK_NAME: ${{ secrets.STACK_NAME }}");

        Result r = check(wf, SPEC);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.reason()).contains("secret STACK_NAME").contains("known only when the workflow runs");
    }

    @Test
    void parameterOverridesBuiltInAVariableAreReadAfterExpansion() {
        Result r = check(ENV_INDIRECTION, PARAMS_SPEC);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).startsWith("contains LogLevel=");
            assertThat(e.line()).isEqualTo(lineOf(ENV_INDIRECTION, "OVERRIDES=\"$OVERRIDES LogLevel=INFO\""));
        });
    }

    @Test
    void aParameterDroppedFromTheVariableFails() {
        String wf = ENV_INDIRECTION.replace("OVERRIDES=\"$OVERRIDES LogLevel=INFO\"", "echo no log level");

        Result r = check(wf, PARAMS_SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("'LogLevel=' is neither among the arguments 'sam deploy' (" + FILE + ":"
                + lineOf(wf, "sam deploy \\"));
    }

    @Test
    void aParameterAddedOnlyUnderAnIfIsAWarningNamingTheCondition() {
        String wf = ENV_INDIRECTION.replace("OVERRIDES=\"$OVERRIDES LogLevel=INFO\"",
                "if [ -n \"${LOG_LEVEL}\" ]; then\n            OVERRIDES=\"$OVERRIDES LogLevel=${LOG_LEVEL}\"\n          fi");

        Result r = check(wf, PARAMS_SPEC);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.reason()).contains("receives 'LogLevel=' only when if [ -n \"${LOG_LEVEL}\" ]");
    }

    static final String ARRAY = """
            name: deploy
            on: [push]
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - name: Deploy
                    env:
                      STACK: orders-api-dev
                    run: |
                      set -euo pipefail
                      DEPLOY_ARGS=(
                        --stack-name "$STACK"
                        --region eu-west-1
                        --image-repository "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api"
                        --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM
                      )
                      DEPLOY_ARGS+=(--parameter-overrides "StageName=dev")
                      sam deploy "${DEPLOY_ARGS[@]}" --no-confirm-changeset
            """;

    @Test
    void flagsKeptInABashArrayAreTheFlagsSamReceives() {
        Result r = check(ARRAY, SPEC);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("--image-repository");
            assertThat(e.line()).isEqualTo(lineOf(ARRAY, "--image-repository \"1234"));
        });
    }

    @Test
    void aFlagRemovedFromTheArrayFails() {
        String wf = ARRAY.replace("    --image-repository \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api\"\n", "");

        Result r = check(wf, SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("lacks --image-repository").contains(FILE + ":" + lineOf(wf, "sam deploy \"${DEPLOY_ARGS"));
    }

    static final String CALLS_SCRIPT = """
            name: deploy
            on: [push]
            jobs:
              deploy:
                runs-on: ubuntu-latest
                defaults:
                  run:
                    working-directory: ./services/orders
                env:
                  STACK_NAME: orders-api-dev
                steps:
                  - uses: actions/checkout@v4
                  - name: Deploy
                    run: |
                      chmod +x ./scripts/deploy.sh
                      ./scripts/deploy.sh "$STACK_NAME" eu-west-1
            """;
    static final String DEPLOY_SH = """
            #!/usr/bin/env bash
            # Deploys the stack; called from CI and by hand.
            set -euo pipefail
            stack="$1"
            region="${2:-us-east-1}"
            repo="123456789012.dkr.ecr.${region}.amazonaws.com/orders-api"

            sam deploy \\
              --stack-name "$stack" \\
              --region "$region" \\
              --image-repository "$repo" \\
              --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \\
              --parameter-overrides "StageName=dev"
            """;

    @Test
    void followsAScriptTheStepCallsWithItsArguments() {
        write(checkout, "services/orders/scripts/deploy.sh", DEPLOY_SH);

        Result r = check(CALLS_SCRIPT, SPEC);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).startsWith("--stack-name orders-api-dev");
            assertThat(e.file()).isEqualTo("services/orders/scripts/deploy.sh");
            assertThat(e.line()).isEqualTo(lineOf(DEPLOY_SH, "--stack-name \"$stack\""));
        });
        assertThat(r.reason()).contains("services/orders/scripts/deploy.sh:" + lineOf(DEPLOY_SH, "sam deploy"))
                .contains("called as './scripts/deploy.sh'");
    }

    @Test
    void aScriptThatNoLongerPassesTheFlagFailsNamingTheScript() {
        String script = DEPLOY_SH.replace("  --image-repository \"$repo\" \\\n", "");
        write(checkout, "services/orders/scripts/deploy.sh", script);

        Result r = check(CALLS_SCRIPT, SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("lacks --image-repository")
                .contains("services/orders/scripts/deploy.sh:" + lineOf(script, "sam deploy"));
    }

    @Test
    void aCalledScriptThatIsNotInTheCheckoutIsSaid() {
        Result r = check(CALLS_SCRIPT, SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("services/orders/scripts/deploy.sh, which is not in the checkout"));
    }

    static final String GITHUB_ENV = """
            name: deploy
            on: workflow_dispatch
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - name: Compute parameters
                    run: |
                      echo "PARAM_OVERRIDES=StageName=dev ImageUri=repo/orders:${GITHUB_SHA} LogLevel=WARN" >> "$GITHUB_ENV"
                      echo "STACK=orders-api-dev" >> $GITHUB_ENV
                  - name: Deploy
                    run: >-
                      sam deploy
                      --stack-name ${{ env.STACK }}
                      --region eu-west-1
                      --image-repository repo/orders
                      --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM
                      --parameter-overrides ${PARAM_OVERRIDES}
            """;

    @Test
    void valuesAnEarlierStepWritesToGithubEnvReachTheDeploy() {
        Result flags = check(GITHUB_ENV, SPEC);
        Result params = check(GITHUB_ENV, PARAMS_SPEC);

        assertThat(flags.status()).as(flags.reason()).isEqualTo(Status.PASS);
        assertThat(params.status()).as(params.reason()).isEqualTo(Status.PASS);
        assertThat(params.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).startsWith("contains ImageUri=");
            assertThat(e.line()).isEqualTo(lineOf(GITHUB_ENV, "echo \"PARAM_OVERRIDES="));
        });
    }

    @Test
    void aFoldedScriptPointsEachFlagAtItsOwnLine() {
        Result r = check(GITHUB_ENV, SPEC);

        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("--capabilities");
            assertThat(e.line()).isEqualTo(lineOf(GITHUB_ENV, "--capabilities CAPABILITY_IAM"));
        });
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("--parameter-overrides");
            assertThat(e.line()).isEqualTo(lineOf(GITHUB_ENV, "--parameter-overrides ${PARAM"));
        });
    }

    @Test
    void aGithubEnvValueForAnotherStackFailsNamingTheStepThatWroteIt() {
        String wf = GITHUB_ENV.replace("STACK=orders-api-dev", "STACK=orders-api-staging");

        Result r = check(wf, SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("orders-api-staging").contains("$GITHUB_ENV STACK")
                .contains(FILE + ":" + lineOf(wf, "STACK=orders-api-staging"));
    }

    @Test
    void githubShaIsTheCommitsShaWhicheverWayItIsWritten() {
        String spec = """
                file: .github/workflows/deploy.yml
                command: sam deploy
                contains: ["ImageUri=repo/orders:${{ github.sha }}"]
                """;

        assertThat(check(GITHUB_ENV, spec).status()).isEqualTo(Status.PASS);
        assertThat(check(GITHUB_ENV.replace("${GITHUB_SHA}", "latest"), spec).status()).isEqualTo(Status.FAIL);
    }

    private static final String IMAGE_SPEC = """
            file: .github/workflows/deploy.yml
            command: sam deploy
            parameters:
              ImageUri: "*/orders-api:${{ github.sha }}"
              StageName: dev
            flag-values:
              --image-repository: "*/orders-api"
            """;

    @Test
    void theImageUriParameterIsTheImageTaggedWithTheCommitsSha() {
        Result r = check(ENV_INDIRECTION, IMAGE_SPEC);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.actual()).contains("ImageUri=${{ steps.ecr.outputs.registry }}/orders-api:${{ github.sha }}");
    }

    @Test
    void aLatestTagInsteadOfTheShaFailsNamingTheLineThatSetsIt() {
        String wf = ENV_INDIRECTION.replace("ImageUri=${REPO_URI}:${{ github.sha }}", "ImageUri=${REPO_URI}:latest");

        Result r = check(wf, IMAGE_SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("passes ImageUri=${{ steps.ecr.outputs.registry }}/orders-api:latest (" + FILE + ":")
                .contains("not */orders-api:${{ github.sha }}");
    }

    @Test
    void anImageRepositoryOfAnotherRepositoryFails() {
        String wf = ENV_INDIRECTION.replace("REPO_URI: ${{ steps.ecr.outputs.registry }}/orders-api",
                "REPO_URI: ${{ steps.ecr.outputs.registry }}/payments-api");

        Result r = check(wf, IMAGE_SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("passes --image-repository ${{ steps.ecr.outputs.registry }}/payments-api");
    }

    static final String SAMCONFIG = """
            version = 0.1

            [default.global.parameters]
            stack_name = "orders-api"

            [default.deploy.parameters]
            resolve_s3 = true
            capabilities = "CAPABILITY_IAM CAPABILITY_NAMED_IAM"
            image_repository = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api"
            region = "eu-west-1"

            [prod.deploy.parameters]
            stack_name = "orders-api-prod"
            """;
    static final String USES_SAMCONFIG = """
            name: deploy
            on: [push]
            jobs:
              deploy:
                runs-on: ubuntu-latest
                defaults:
                  run:
                    working-directory: services/orders
                steps:
                  - name: Deploy
                    run: sam deploy --no-confirm-changeset --stack-name orders-api-dev --parameter-overrides StageName=dev
            """;

    @Test
    void optionsTheCommandLineLeavesOutComeFromSamconfigInTheDirectorySamRunsIn() {
        write(checkout, "services/orders/samconfig.toml", SAMCONFIG);

        Result r = check(USES_SAMCONFIG, SPEC);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("--image-repository");
            assertThat(e.file()).isEqualTo("services/orders/samconfig.toml");
            assertThat(e.line()).isEqualTo(lineOf(SAMCONFIG, "image_repository ="));
        });
    }

    @Test
    void aStackNameLeftToSamconfigIsTheFilesStackName() {
        write(checkout, "services/orders/samconfig.toml", SAMCONFIG);
        String wf = USES_SAMCONFIG.replace(" --stack-name orders-api-dev", "");

        Result r = check(wf, SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("passes --stack-name orders-api (services/orders/samconfig.toml [default.global.parameters] stack_name, "
                + "services/orders/samconfig.toml:" + lineOf(SAMCONFIG, "stack_name = \"orders-api\"") + "), not orders-api-dev");
    }

    @Test
    void aConfigEnvSelectsItsTable() {
        write(checkout, "services/orders/samconfig.toml", SAMCONFIG);
        String wf = USES_SAMCONFIG.replace(" --stack-name orders-api-dev", " --config-env prod");

        Result r = check(wf, SPEC);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("passes --stack-name orders-api-prod").contains("lacks --image-repository");
    }
}

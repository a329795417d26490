package dev.greenlight.init;

import dev.greenlight.TestGit;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What init must not turn into a false FAIL: fixture templates under tests/, code written inside the
 * template, plain CloudFormation functions whose code the handler runner cannot locate, TypeScript
 * built by esbuild, a build that runs outside the workflow.
 */
class InitNoFalseFailTest {
    @TempDir
    Path dir;

    private RunReport generateAndRun(Path repo) throws Exception {
        ChecklistGenerator.Generated g = InitChecklist.generate(repo);
        Path file = dir.resolve("generated.yaml");
        Files.writeString(file, g.yaml(), StandardCharsets.UTF_8);
        LoadResult loaded = Greenlight.loader().load(file);
        assertThat(loaded.problems()).isEmpty();
        Checklist c = loaded.checklist().orElseThrow();
        return Greenlight.prepare(c, RunOptions.defaults(repo), AwsSettings.DEFAULT, null).runBlocking();
    }

    private static Status status(RunReport r, String id) {
        return r.results().stream().filter(x -> x.itemId().equals(id)).findFirst().map(x -> x.result().status())
                .orElseThrow(() -> new AssertionError("no item " + id + " in " + r.results().stream().map(ItemResult::itemId).toList()));
    }

    @Test
    void inlineCodePlainLambdaEsbuildAndAMakefileBuildAreNeverRed() throws Exception {
        Path repo = dir.resolve("jobs");
        TestGit.write(repo, "template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Pipeline:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Definition:
                        StartAt: Go
                        States:
                          Go: {Type: Task, Resource: "${GoArn}", End: true}
                      DefinitionSubstitutions:
                        GoArn: !GetAtt GoFunction.Arn
                  GoFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: index.handler
                      InlineCode: |
                        def handler(event, context):
                            return {}
                  LegacyFunction:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.11
                      Handler: legacy.handler
                      Role: arn:aws:iam::123456789012:role/legacy
                      Code: {S3Bucket: artifacts, S3Key: legacy.zip}
                  ApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: nodejs20.x
                      CodeUri: api/
                      Handler: app.lambdaHandler
                    Metadata:
                      BuildMethod: esbuild
                      BuildProperties:
                        EntryPoints: [src/app.ts]
                """);
        TestGit.write(repo, "api/src/app.ts", "export const lambdaHandler = async () => ({ statusCode: 200 });\n");
        TestGit.write(repo, "tests/integration/template.yaml", """
                Resources:
                  BrokenFixture:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, CodeUri: nowhere/, Handler: missing.handler}
                """);
        TestGit.write(repo, "Makefile", "deploy:\n\tsam build && sam deploy\n");
        TestGit.write(repo, ".github/workflows/release.yml", """
                on: {push: {branches: [main]}}
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: make build
                      - name: Deploy
                        run: sam deploy --stack-name jobs --capabilities CAPABILITY_IAM --no-confirm-changeset
                """);
        TestGit.initAndCommit(repo, "jobs");
        RunReport r = generateAndRun(repo);
        assertThat(r.results()).filteredOn(x -> x.result().status() == Status.FAIL || x.result().status() == Status.ERROR)
                .extracting(x -> x.itemId() + ": " + x.result().reason()).isEmpty();
        assertThat(r.results()).extracting(ItemResult::itemId).noneMatch(id -> id.contains("broken-fixture"));
        assertThat(status(r, "go-function-handler")).isEqualTo(Status.MANUAL);
        assertThat(status(r, "legacy-function-handler")).isEqualTo(Status.MANUAL);
        assertThat(status(r, "api-function-handler-module")).isEqualTo(Status.PASS);
        assertThat(status(r, "pipeline-substitutions")).isEqualTo(Status.PASS);
        // the build runs in the Makefile, which the workflow model does not follow: a caveat, not a FAIL
        assertThat(status(r, "sam-build")).isEqualTo(Status.WARN);
        assertThat(status(r, "sam-deploy-capabilities")).isEqualTo(Status.PASS);
    }

    @Test
    void overridesOnlyTheRunKnowsAndBuiltNodeOutputAreCaveatsNotFailures() throws Exception {
        Path repo = dir.resolve("shop");
        TestGit.write(repo, "template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  DbUrl: {Type: String, NoEcho: true}
                  Stage: {Type: String}
                Resources:
                  CartFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: nodejs20.x
                      CodeUri: services/cart
                      Handler: dist/index.handler
                """);
        TestGit.write(repo, "tsconfig.json", "{\"compilerOptions\": {\"outDir\": \"dist\"}}\n");
        TestGit.write(repo, "services/cart/src/index.ts", "export const handler = async () => ({});\n");
        TestGit.write(repo, ".github/workflows/deploy.yml", """
                on: {push: {branches: [main]}}
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: sam build
                      - name: Deploy
                        run: |
                          sam deploy --stack-name shop --capabilities CAPABILITY_IAM \\
                            --parameter-overrides Stage=prod $(aws ssm get-parameter --name /shop/overrides --query Parameter.Value --output text)
                """);
        TestGit.initAndCommit(repo, "shop");
        RunReport r = generateAndRun(repo);
        assertThat(r.results()).filteredOn(x -> x.result().status() == Status.FAIL || x.result().status() == Status.ERROR)
                .extracting(x -> x.itemId() + ": " + x.result().reason()).isEmpty();
        assertThat(status(r, "cart-function-handler")).isEqualTo(Status.MANUAL);
        ItemResult params = r.results().stream().filter(x -> x.itemId().equals("sam-deploy-parameters")).findFirst().orElseThrow();
        assertThat(params.result().status()).isEqualTo(Status.WARN);
        assertThat(params.result().reason()).contains("passes no DbUrl= that can be read").contains("it may come from $(aws ssm get-parameter");
    }
}

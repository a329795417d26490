package dev.greenlight.runners.aws;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS runners against a deployment of the seed document's shape: good → green, each fault → the right red. */
class AwsDeploymentScenarioTest {
    @TempDir
    Path checkout;

    static final String CHECKLIST = """
            id: aws-scenario
            title: Deployed v3.3 stack
            vars:
              stage: dev
              sha: overridden-per-run
              stack: backend-workflow-${stage}
            sections:
              - id: aws
                title: Deployed stack
                items:
                  - id: identity
                    title: The run looks at the dev account
                    check: {type: sts-identity, account: "123456789012", production-accounts: ["999999999999"]}
                  - id: stack-status
                    title: Stack UPDATE_COMPLETE
                    check:
                      type: cfn-stack
                      stack: ${stack}
                      resources: [StepFunctionOrchestrator, InitializeStateDataFunction]
                  - id: ecr-image
                    title: HEAD image pushed
                    check: {type: ecr-image, repository: backend-lambda-function, tag: "${sha}"}
                  - id: sfn-comment
                    title: Orchestrator Comment says v3.0
                    check: {type: sfn-definition, logical-id: StepFunctionOrchestrator, path: Comment, contains: "v3.0"}
                  - id: sfn-init-arn
                    title: InitializeStateBag calls the real function
                    check:
                      type: sfn-definition
                      logical-id: StepFunctionOrchestrator
                      path: States.InitializeStateBag.Parameters.FunctionName
                      equals-arn-of: InitializeStateDataFunction
                  - id: sfn-no-placeholders
                    title: No placeholder left in the orchestrator
                    check: {type: sfn-definition, state-machine: WorkflowOrchestrator-dev, no-placeholders: true}
                  - id: sfn-distributed
                    title: Distributed orchestrator is v3 and substituted
                    check:
                      type: sfn-definition
                      logical-id: StepFunctionDistributedOrchestrator
                      path: /Comment
                      equals: "Analemma OS v3.0 - Smart StateBag Orchestrator with Standardized Interfaces"
                      no-placeholders: true
                  - id: lambda-init
                    title: InitializeStateData runs the HEAD image
                    check: {type: lambda-config, logical-id: InitializeStateDataFunction, image-tag: "${sha}", package-type: Image}
                  - id: lambda-init-uri
                    title: InitializeStateData image comes from this account's ECR
                    check:
                      type: lambda-config
                      logical-id: InitializeStateDataFunction
                      image-uri-matches: '^${aws.account}\\.dkr\\.ecr\\.${aws.region}\\.amazonaws\\.com/backend-lambda-function:'
                  - id: lambda-sdm
                    title: StateDataManager runs the HEAD image
                    check: {type: lambda-config, function: "${stack.StateDataManagerFunction}", image-tag: "${sha}"}
                  - id: lambda-segment
                    title: SegmentRunner runs the HEAD image
                    check: {type: lambda-config, logical-id: SegmentRunnerFunction, image-tag: "${sha}"}
                  - id: invoke-init
                    title: USC imports inside the InitializeStateData container
                    check:
                      type: lambda-invoke
                      logical-id: InitializeStateDataFunction
                      payload: {test: module_check}
                      max-response-bytes: 256000
                      path: module_check
                      equals: ok
                  - id: invoke-sdm
                    title: StateDataManager answers under 200 KB
                    check: {type: lambda-invoke, function: "${arn.StateDataManagerFunction}", payload: {test: module_check}, max-response-bytes: 204800}
            """;

    private RunReport run(Deployment d, boolean allowInvoke) {
        return AwsRuns.run(CHECKLIST, new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), checkout,
                allowInvoke, Map.of("sha", Deployment.SHA));
    }

    private static Map<String, ItemResult> byId(RunReport r) {
        return AwsRuns.byId(r);
    }

    private static void onlyThese(RunReport r, Status status, String... ids) {
        Map<String, Status> bad = r.results().stream().filter(i -> i.status() != Status.PASS)
                .filter(i -> !(i.status() == Status.SKIP && i.result().reason().startsWith("This check invokes")))
                .collect(Collectors.toMap(ItemResult::itemId, ItemResult::status));
        Map<String, Status> expected = java.util.Arrays.stream(ids).collect(Collectors.toMap(Function.identity(), i -> status));
        assertThat(bad).as(AwsRuns.allText(r)).isEqualTo(expected);
    }

    @Test
    void goodDeploymentIsAllGreenAndShowsTheAccount() {
        try (Deployment d = new Deployment()) {
            RunReport r = run(d, true);
            onlyThese(r, Status.PASS);
            assertThat(r.context()).containsEntry("aws.account", Deployment.ACCOUNT)
                    .containsEntry("aws.region", Deployment.REGION).containsEntry("aws.arn", Deployment.CALLER_ARN)
                    .containsEntry("aws.endpoint", d.endpoint().toString());
            ItemResult init = byId(r).get("lambda-init");
            assertThat(init.result().evidence()).filteredOn(e -> !e.subject().equals("ecr:DescribeImages")).allSatisfy(e -> {
                assertThat(e.subject()).isEqualTo("lambda:GetFunction");
                assertThat(e.resource()).isEqualTo(Deployment.functionArn("InitializeStateDataFunction"));
                assertThat(e.region()).isEqualTo(Deployment.REGION);
            });
            // the provenance hop through ECR: the tag's digest now is the one the function runs
            assertThat(init.result().evidence()).anySatisfy(e -> {
                assertThat(e.subject()).isEqualTo("ecr:DescribeImages");
                assertThat(e.text()).contains(Deployment.DIGEST);
            });
            assertThat(byId(r).get("invoke-init").result().evidence())
                    .anySatisfy(e -> assertThat(e.text()).contains("USC import ok").contains("REPORT RequestId"));
            assertThat(byId(r).get("ecr-image").result().reason()).contains("pushed 2024-05-02T10:10:00Z");
        }
    }

    @Test
    void secretsOfNoEchoParametersAndEnvironmentNeverAppear() {
        try (Deployment d = new Deployment().staleImage().rolledBack()) {
            String text = AwsRuns.allText(run(d, true));
            assertThat(text).doesNotContain(Deployment.SECRET).doesNotContain("OPENAI_API_KEY");
        }
    }

    @Test
    void staleImageTurnsTheLambdaImageItemsRed() {
        try (Deployment d = new Deployment().staleImage()) {
            RunReport r = run(d, false);
            onlyThese(r, Status.FAIL, "lambda-init", "lambda-sdm", "lambda-segment");
            ItemResult init = byId(r).get("lambda-init");
            assertThat(init.result().expected()).contains("image tag " + Deployment.SHA);
            assertThat(init.result().actual()).contains("image tag " + Deployment.OLD_SHA);
            assertThat(init.result().evidence()).anySatisfy(e -> assertThat(e.text()).isEqualTo("Code.ImageUri = "
                    + Deployment.imageUri(Deployment.OLD_SHA)));
        }
    }

    @Test
    void imageNotPushedTurnsTheEcrItemRed() {
        try (Deployment d = new Deployment().imageNotPushed()) {
            RunReport r = run(d, false);
            assertThat(byId(r).get("ecr-image").status()).isEqualTo(Status.FAIL);
            assertThat(byId(r).get("ecr-image").result().reason())
                    .isEqualTo("No image tagged " + Deployment.SHA + " in ECR repository backend-lambda-function: the image was not pushed.");
        }
    }

    @Test
    void unsubstitutedDefinitionFailsThePlaceholderAndArnItems() {
        try (Deployment d = new Deployment().unsubstitutedDefinition()) {
            RunReport r = run(d, false);
            onlyThese(r, Status.FAIL, "sfn-init-arn", "sfn-no-placeholders");
            assertThat(byId(r).get("sfn-no-placeholders").result().reason())
                    .contains("/States/InitializeStateBag/Parameters/FunctionName: ${InitializeStateDataArn}");
            assertThat(byId(r).get("sfn-init-arn").result().reason())
                    .contains("expected: " + Deployment.functionArn("InitializeStateDataFunction") + "  but was: ${InitializeStateDataArn}");
        }
    }

    @Test
    void wrongCommentFailsTheCommentItemOnly() {
        try (Deployment d = new Deployment().wrongComment()) {
            RunReport r = run(d, false);
            onlyThese(r, Status.FAIL, "sfn-comment");
            assertThat(byId(r).get("sfn-comment").result().actual()).isEqualTo("Comment = Analemma OS v2.1 - Legacy Orchestrator");
        }
    }

    @Test
    void rolledBackStackFailsWithTheFailedEventsReason() {
        try (Deployment d = new Deployment().rolledBack()) {
            RunReport r = run(d, false);
            ItemResult stack = byId(r).get("stack-status");
            assertThat(stack.status()).isEqualTo(Status.FAIL);
            assertThat(stack.result().reason()).startsWith("Stack backend-workflow-dev is UPDATE_ROLLBACK_COMPLETE.")
                    .contains("InitializeStateDataFunction UPDATE_FAILED: Resource handler returned message: \"Source image");
            assertThat(stack.result().evidence()).anySatisfy(e -> {
                assertThat(e.subject()).isEqualTo("cloudformation:DescribeStackEvents");
                assertThat(e.resource()).startsWith("arn:aws:cloudformation:us-east-1:123456789012:stack/backend-workflow-dev/");
            });
            // a rollback leaves the functions on the previous image, so those are red too
            assertThat(byId(r).get("lambda-init").status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void importErrorInTheContainerFailsTheInvokeWithTheLogTail() {
        try (Deployment d = new Deployment().importError("InitializeStateDataFunction")) {
            RunReport r = run(d, true);
            onlyThese(r, Status.FAIL, "invoke-init");
            ItemResult inv = byId(r).get("invoke-init");
            assertThat(inv.result().reason()).contains("the function failed (Unhandled): Runtime.ImportModuleError");
            assertThat(inv.result().evidence()).anySatisfy(e -> {
                assertThat(e.subject()).isEqualTo("lambda:InvokeFunction log tail");
                assertThat(e.text()).contains("No module named 'src.handlers.utils.universal_sync_core'");
            });
        }
    }

    @Test
    void oversizedResponseFailsTheSizeLimit() {
        try (Deployment d = new Deployment().responseSize("StateDataManagerFunction", 210_000)) {
            RunReport r = run(d, true);
            onlyThese(r, Status.FAIL, "invoke-sdm");
            assertThat(byId(r).get("invoke-sdm").result().reason()).contains("over the limit of 204800");
        }
    }

    @Test
    void oneRunDescribesEachResourceOnceAndOnlyReads() {
        try (Deployment d = new Deployment()) {
            RunReport r = run(d, false);
            assertThat(byId(r).get("invoke-init").status()).isEqualTo(Status.SKIP);
            List<FakeAws.Call> calls = d.aws().calls();
            Map<String, Long> counts = calls.stream().collect(Collectors.groupingBy(c -> c.service() + ":" + c.operation(), Collectors.counting()));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "sts:GetCallerIdentity", 1L,
                    "cloudformation:DescribeStacks", 1L,
                    "cloudformation:ListStackResources", 1L,
                    "cloudformation:DescribeStackEvents", 1L,
                    "ecr:DescribeImages", 1L,
                    "states:ListStateMachines", 1L,
                    "states:DescribeStateMachine", 2L,
                    "lambda:GetFunction", 3L));
            assertThat(calls).extracting(FakeAws.Call::path).filteredOn(p -> p.contains("/functions/")).doesNotHaveDuplicates();
            assertThat(calls).allSatisfy(c -> assertThat(AwsRuns.readOnlyPrefixes()).anyMatch(c.operation()::startsWith));
        }
    }

    @Test
    void invokeIsCalledOnlyWhenAllowed() {
        try (Deployment d = new Deployment()) {
            run(d, true);
            assertThat(d.aws().calls()).filteredOn(c -> c.operation().equals("Invoke")).hasSize(2);
            assertThat(d.aws().calls()).filteredOn(c -> !c.operation().equals("Invoke"))
                    .allSatisfy(c -> assertThat(AwsRuns.readOnlyPrefixes()).anyMatch(c.operation()::startsWith));
        }
    }
}

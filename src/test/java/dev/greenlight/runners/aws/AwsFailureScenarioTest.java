package dev.greenlight.runners.aws;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes wrong between Greenlight and AWS becomes ERROR or SKIP with advice, FAIL only for "not there". */
class AwsFailureScenarioTest {
    @TempDir
    Path checkout;

    private Deployment d;

    static final String CHECKLIST = """
            id: aws-failures
            title: Failures
            vars:
              stack: backend-workflow-dev
            sections:
              - id: aws
                title: AWS
                items:
                  - id: identity
                    title: Identity
                    check: {type: sts-identity}
                  - id: stack-status
                    title: Stack
                    check: {type: cfn-stack, stack: "${stack}"}
                  - id: ghost-stack
                    title: A stack that is not deployed
                    check: {type: cfn-stack, stack: backend-workflow-prod}
                  - id: sfn
                    title: Orchestrator definition
                    check: {type: sfn-definition, state-machine: WorkflowOrchestrator-dev, path: Comment, contains: v3.0}
                  - id: lambda
                    title: InitializeStateData config
                    check: {type: lambda-config, logical-id: InitializeStateDataFunction}
                  - id: ghost-function
                    title: A function that is not deployed
                    check: {type: lambda-config, function: backend-workflow-dev-GhostFunction-Zz9}
                  - id: ghost-logical
                    title: A logical id the stack does not have
                    check: {type: lambda-config, function: "${stack.GhostFunction}"}
            """;

    /** Short timeouts and back-off: the standard 10 s / 30 s would make a timeout test take minutes. */
    private static final AwsSettings.Timeouts FAST = new AwsSettings.Timeouts(Duration.ofMillis(400), Duration.ofMillis(1200), Duration.ofMillis(5));

    @BeforeEach
    void deployment() {
        d = new Deployment();
    }

    @AfterEach
    void restore() {
        d.close();
    }

    private Map<String, ItemResult> run(AwsSettings settings) {
        RunReport r = AwsRuns.run(CHECKLIST, settings.withTimeouts(FAST), checkout, false, Map.of());
        return AwsRuns.byId(r);
    }

    private Map<String, ItemResult> run() {
        return run(new AwsSettings(null, Deployment.REGION, d.endpoint().toString()));
    }

    @Test
    void accessDeniedIsErrorNamingTheActionAndResourceToGrant() {
        String fn = Deployment.functionArn("InitializeStateDataFunction");
        d.aws().fault(FakeAws.Fault.error("GetFunction", 403, "AccessDeniedException", "User: " + Deployment.CALLER_ARN
                + " is not authorized to perform: lambda:GetFunction on resource: " + fn
                + " because no identity-based policy allows the lambda:GetFunction action"));
        ItemResult r = run().get("lambda");
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.result().reason()).isEqualTo("Access denied to lambda:GetFunction: grant lambda:GetFunction on "
                + fn + " to the identity this run uses.");
        assertThat(r.result().evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("lambda:GetFunction");
            assertThat(e.text()).startsWith("AccessDeniedException: ");
        });
    }

    @Test
    void expiredTokenIsErrorWithHowToRefresh() throws Exception {
        Path credentials = checkout.resolve("credentials");
        java.nio.file.Files.writeString(credentials, "[dev-sso]\naws_access_key_id = ASIATEST\naws_secret_access_key = s\n"
                + "aws_session_token = old\n");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        d.aws().fault(FakeAws.Fault.error("GetCallerIdentity", 403, "ExpiredToken", "The security token included in the request is expired"));
        try {
            ItemResult r = run(new AwsSettings("dev-sso", Deployment.REGION, d.endpoint().toString())).get("identity");
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.result().reason()).isEqualTo("The AWS credentials have expired: refresh credentials "
                    + "(aws sso login --profile dev-sso) and run again.");
        } finally {
            System.clearProperty("aws.sharedCredentialsFile");
        }
    }

    @Test
    void throttlingBeyondTheSdkRetriesIsError() {
        d.aws().fault(FakeAws.Fault.error("DescribeStateMachine", 400, "ThrottlingException", "Rate exceeded"));
        ItemResult r = run().get("sfn");
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.result().reason()).startsWith("AWS throttled states:DescribeStateMachine even after the SDK's retries");
        assertThat(d.aws().calls()).filteredOn(c -> c.operation().equals("DescribeStateMachine")).hasSizeGreaterThan(1);
    }

    @Test
    void unknownStackFunctionOrLogicalIdFailsNamingWhatWasLookedFor() {
        Map<String, ItemResult> r = run();
        assertThat(r.get("ghost-stack").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("ghost-stack").result().reason()).isEqualTo("Stack backend-workflow-prod does not exist in us-east-1.");
        assertThat(r.get("ghost-function").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("ghost-function").result().reason())
                .isEqualTo("Lambda function backend-workflow-dev-GhostFunction-Zz9 does not exist in us-east-1.");
        assertThat(r.get("ghost-logical").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("ghost-logical").result().reason())
                .isEqualTo("Cannot resolve ${stack.GhostFunction}: stack backend-workflow-dev has no resource with logical id GhostFunction.");
        assertThat(r.get("stack-status").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aClosedPortIsErrorEndpointUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, ItemResult> r = run(new AwsSettings(null, Deployment.REGION, "http://127.0.0.1:" + port));
        assertThat(r.values()).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(Status.ERROR);
            assertThat(i.result().reason()).contains("endpoint unreachable: http://127.0.0.1:" + port);
        });
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsError() {
        d.aws().fault(FakeAws.Fault.delay(req -> req.operation().equals("DescribeStacks"), 3000));
        ItemResult r = run().get("stack-status");
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.result().reason()).contains("cloudformation:DescribeStacks on backend-workflow-dev timed out");
    }

    @Test
    void serverErrorIsErrorSayingAwsAnswered5xx() {
        d.aws().fault(FakeAws.Fault.error("DescribeStacks", 503, "ServiceUnavailable", "Service is unavailable"));
        ItemResult r = run().get("stack-status");
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.result().reason()).startsWith("AWS answered 503 to cloudformation:DescribeStacks");
    }

    /** Points the SDK's profile files at temporary ones for the duration of {@code body}. */
    private void withProfileFiles(String config, String credentials, Runnable body) throws Exception {
        Path configFile = java.nio.file.Files.writeString(checkout.resolve("aws-config"), config);
        Path credentialsFile = java.nio.file.Files.writeString(checkout.resolve("aws-credentials"), credentials);
        String[] keys = {"aws.configFile", "aws.sharedCredentialsFile", "aws.disableEc2Metadata"};
        String[] old = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            old[i] = System.getProperty(keys[i]);
        }
        System.setProperty("aws.configFile", configFile.toString());
        System.setProperty("aws.sharedCredentialsFile", credentialsFile.toString());
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            body.run();
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (old[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], old[i]);
                }
            }
        }
    }

    private static void assumeNoAwsInTheEnvironment() {
        for (String name : AwsSettings.REQUESTING_ENV) {
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(name) == null, name + " is set on this machine");
        }
    }

    @Test
    void anUndefinedProfileIsErrorNamingTheProfilesThere() throws Exception {
        withProfileFiles("[profile dev]\nregion = us-east-1\n", "[staging]\naws_access_key_id = AKIDTEST\naws_secret_access_key = s\n", () -> {
            Map<String, ItemResult> r = run(new AwsSettings("prod", Deployment.REGION, d.endpoint().toString()));
            assertThat(r.values()).allSatisfy(i -> {
                assertThat(i.status()).as(i.itemId()).isEqualTo(Status.ERROR);
                assertThat(i.result().reason()).as(i.itemId()).contains("AWS profile 'prod' is not defined in ")
                        .contains("; profiles there: dev, staging.");
            });
            assertThat(r.get("sfn").result().expected()).isEqualTo("Comment contains v3.0");
            assertThat(r.get("sfn").result().actual()).isEqualTo("AWS not set up");
            assertThat(r.get("sfn").result().evidence()).isEmpty();
        });
        assertThat(d.aws().calls()).isEmpty();
    }

    @Test
    void missingCredentialsForAProfileGivenWithProfileAreError() throws Exception {
        withProfileFiles("[profile empty]\nregion = us-east-1\n", "", () -> {
            Map<String, ItemResult> r = run(new AwsSettings("empty", Deployment.REGION, d.endpoint().toString()));
            ItemResult sfn = r.get("sfn");
            assertThat(sfn.status()).isEqualTo(Status.ERROR);
            assertThat(sfn.result().reason()).startsWith("No AWS credentials are configured for profile 'empty', though AWS "
                    + "was asked for with --profile empty: run 'aws configure'");
            // a short phrase, not the SDK's credential-chain text; what the item checks, not what it looked up
            assertThat(sfn.result().actual()).isEqualTo("no credentials");
            assertThat(sfn.result().expected()).isEqualTo("Comment contains v3.0");
            assertThat(sfn.result().evidence()).singleElement().satisfies(e ->
                    assertThat(e.text()).hasSizeLessThanOrEqualTo(AwsErrors.DETAIL_CHARS + 1));
            assertThat(r.get("lambda").result().expected()).isEqualTo("State Active, LastUpdateStatus Successful");
        });
        assertThat(d.aws().calls()).isEmpty();
    }

    @Test
    void noRegionSkipsEveryAwsItemWithTheSameSentence() throws Exception {
        assumeNoAwsInTheEnvironment();
        withProfileFiles("", "", () -> {
            Map<String, ItemResult> r = run(AwsSettings.DEFAULT);
            assertThat(r.values()).allSatisfy(i -> {
                assertThat(i.status()).isEqualTo(Status.SKIP);
                assertThat(i.result().reason()).contains("No AWS region is configured: pass --region");
            });
        });
    }

    @Test
    void noRegionIsErrorWhenAnEndpointWasGiven() throws Exception {
        withProfileFiles("", "", () -> {
            Map<String, ItemResult> r = run(new AwsSettings(null, null, d.endpoint().toString()));
            assertThat(r.values()).allSatisfy(i -> {
                assertThat(i.status()).isEqualTo(Status.ERROR);
                assertThat(i.result().reason()).contains("No AWS region is configured (AWS was asked for with --endpoint-url ");
            });
        });
        assertThat(d.aws().calls()).isEmpty();
    }

    @Test
    void noRegionSkipsLogsItemsWithTheSameReasonAsLambdaItems() throws Exception {
        assumeNoAwsInTheEnvironment();
        String checklist = """
                id: aws-no-region
                title: No region
                vars:
                  stack: backend-workflow-dev
                sections:
                  - id: aws
                    title: AWS
                    items:
                      - id: lambda
                        title: InitializeStateData config
                        check: {type: lambda-config, logical-id: InitializeStateDataFunction}
                      - id: logs
                        title: Day-Zero line
                        check: {type: logs-pattern, logical-id: InitializeStateDataFunction, pattern: Day-Zero, since: deploy}
                      - id: cold
                        title: Cold starts
                        check: {type: logs-cold-start, group: /aws/lambda/x, since: 1d, max-ms: 3000}
                """;
        withProfileFiles("", "", () -> {
            Map<String, ItemResult> r = AwsRuns.byId(AwsRuns.run(checklist, AwsSettings.DEFAULT.withTimeouts(FAST), checkout, false, Map.of()));
            ItemResult lambda = r.get("lambda");
            assertThat(lambda.status()).isEqualTo(Status.SKIP);
            assertThat(lambda.result().reason()).startsWith("No AWS region is configured: pass --region");
            for (String id : new String[]{"logs", "cold"}) {
                assertThat(r.get(id).status()).as(id).isEqualTo(Status.SKIP);
                assertThat(r.get(id).result().reason()).as(id).isEqualTo(lambda.result().reason());
            }
            assertThat(r.get("cold").result().expected()).isEqualTo("max Init Duration <= 3000 ms");
        });
        assertThat(d.aws().calls()).isEmpty();
    }
}

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

    @BeforeEach
    void fastTimeouts() {
        AwsSession.tuning = new AwsSession.Tuning(Duration.ofMillis(400), Duration.ofMillis(1200), Duration.ofMillis(5));
        d = new Deployment();
    }

    @AfterEach
    void restore() {
        AwsSession.tuning = null;
        d.close();
    }

    private Map<String, ItemResult> run(AwsSettings settings) {
        RunReport r = AwsRuns.run(CHECKLIST, settings, checkout, false, Map.of());
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

    @Test
    void missingCredentialsSkipWithHowToConfigure() {
        Map<String, ItemResult> r = run(new AwsSettings("greenlight-no-such-profile", Deployment.REGION, d.endpoint().toString()));
        assertThat(r.get("identity").status()).isEqualTo(Status.SKIP);
        assertThat(r.get("identity").result().reason()).startsWith("No AWS credentials are configured for profile 'greenlight-no-such-profile'")
                .contains("aws sso login --profile NAME");
        assertThat(d.aws().calls()).isEmpty();
    }

    @Test
    void noRegionSkipsEveryAwsItemWithTheSameSentence() {
        String old = System.getProperty("aws.disableEc2Metadata");
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            Map<String, ItemResult> r = run(new AwsSettings("greenlight-no-such-profile", null, d.endpoint().toString()));
            assertThat(r.values()).allSatisfy(i -> {
                assertThat(i.status()).isEqualTo(Status.SKIP);
                assertThat(i.result().reason()).contains("No AWS region is configured: pass --region");
            });
        } finally {
            if (old == null) {
                System.clearProperty("aws.disableEc2Metadata");
            } else {
                System.setProperty("aws.disableEc2Metadata", old);
            }
        }
    }

    @Test
    void noRegionSkipsLogsItemsWithTheSameReasonAsLambdaItems() {
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
        String old = System.getProperty("aws.disableEc2Metadata");
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            Map<String, ItemResult> r = AwsRuns.byId(AwsRuns.run(checklist,
                    new AwsSettings("greenlight-no-such-profile", null, d.endpoint().toString()), checkout, false, Map.of()));
            ItemResult lambda = r.get("lambda");
            assertThat(lambda.status()).isEqualTo(Status.SKIP);
            assertThat(lambda.result().reason()).startsWith("No AWS region is configured: pass --region");
            for (String id : new String[]{"logs", "cold"}) {
                assertThat(r.get(id).status()).as(id).isEqualTo(Status.SKIP);
                assertThat(r.get(id).result().reason()).as(id).isEqualTo(lambda.result().reason());
            }
            assertThat(d.aws().calls()).isEmpty();
        } finally {
            if (old == null) {
                System.clearProperty("aws.disableEc2Metadata");
            } else {
                System.setProperty("aws.disableEc2Metadata", old);
            }
        }
    }
}

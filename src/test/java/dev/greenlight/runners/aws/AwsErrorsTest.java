package dev.greenlight.runners.aws;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineRequest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** AwsErrors classifies the exceptions the real SDK throws for each service's real error shapes. */
class AwsErrorsTest {
    /** Short timeouts and back-off: the standard 10 s / 30 s would make a timeout test take minutes. */
    private static final AwsSettings.Timeouts FAST = new AwsSettings.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(2));
    private Deployment d;
    private AwsSession s;

    @BeforeEach
    void start() throws Exception {
        AwsRuns.testCredentials();
        d = new Deployment();
        s = AwsSession.create(new AwsSettings(null, Deployment.REGION, d.endpoint().toString()).withTimeouts(FAST));
    }

    @AfterEach
    void stop() {
        s.close();
        d.close();
    }

    /** Makes one call of the given service and returns what it threw. */
    private Exception call(String service) {
        try {
            switch (service) {
                case "cloudformation" -> s.cfn().describeStacks(DescribeStacksRequest.builder().stackName(Deployment.STACK).build());
                case "states" -> s.sfn().describeStateMachine(DescribeStateMachineRequest.builder()
                        .stateMachineArn(Deployment.stateMachineArn("WorkflowOrchestrator-dev")).build());
                case "lambda" -> s.lambda().getFunction(GetFunctionRequest.builder()
                        .functionName(Deployment.functionName("InitializeStateDataFunction")).build());
                case "ecr" -> s.ecr().describeImages(DescribeImagesRequest.builder().repositoryName(Deployment.REPOSITORY).build());
                case "sts" -> s.sts().getCallerIdentity();
                default -> throw new IllegalArgumentException(service);
            }
        } catch (Exception e) {
            return e;
        }
        return fail("expected " + service + " to fail");
    }

    private static String operation(String service) {
        return switch (service) {
            case "cloudformation" -> "DescribeStacks";
            case "states" -> "DescribeStateMachine";
            case "lambda" -> "GetFunction";
            case "ecr" -> "DescribeImages";
            default -> "GetCallerIdentity";
        };
    }

    @ParameterizedTest(name = "{0} {2} -> {3}")
    @CsvSource({
            "cloudformation, 403, AccessDenied, DENIED, ERROR",
            "lambda, 403, AccessDeniedException, DENIED, ERROR",
            "ecr, 400, UnauthorizedOperation, DENIED, ERROR",
            "sts, 403, AuthorizationError, DENIED, ERROR",
            "sts, 403, ExpiredToken, EXPIRED, ERROR",
            "states, 400, ExpiredTokenException, EXPIRED, ERROR",
            "cloudformation, 400, RequestExpired, EXPIRED, ERROR",
            "cloudformation, 403, InvalidClientTokenId, INVALID_CREDENTIALS, ERROR",
            "cloudformation, 400, Throttling, THROTTLED, ERROR",
            "states, 400, ThrottlingException, THROTTLED, ERROR",
            "lambda, 429, TooManyRequestsException, THROTTLED, ERROR",
            "ecr, 400, RequestLimitExceeded, THROTTLED, ERROR",
            "lambda, 404, ResourceNotFoundException, NOT_FOUND, FAIL",
            "states, 400, StateMachineDoesNotExist, NOT_FOUND, FAIL",
            "ecr, 400, RepositoryNotFoundException, NOT_FOUND, FAIL",
            "cloudformation, 500, InternalFailure, SERVER, ERROR",
            "lambda, 502, ServiceException, SERVER, ERROR",
            "cloudformation, 400, ValidationError, REJECTED, ERROR",
    })
    void classifiesTheServiceError(String service, int status, String code, AwsErrors.Kind kind, Status verdict) {
        d.aws().fault(FakeAws.Fault.error(operation(service), status, code, "message from the fake"));
        Exception e = call(service);
        AwsErrors.Failure f = AwsErrors.classify(e, service + ":" + operation(service), "the-resource", s);
        assertThat(f.kind()).as(e.toString()).isEqualTo(kind);
        assertThat(f.status()).isEqualTo(verdict);
        assertThat(f.detail()).startsWith(code + ": ");
        assertThat(f.sentence()).endsWith(".");
        if (kind == AwsErrors.Kind.DENIED) {
            assertThat(f.sentence()).contains("grant " + service + ":" + operation(service) + " on the-resource");
        }
        if (kind == AwsErrors.Kind.EXPIRED || kind == AwsErrors.Kind.INVALID_CREDENTIALS) {
            assertThat(f.sentence()).contains("refresh credentials (aws sso login");
        }
    }

    @ParameterizedTest
    @CsvSource({"Stack with id backend-workflow-prod does not exist, NOT_FOUND", "Template format error, REJECTED"})
    void validationErrorIsNotFoundOnlyForAMissingStack(String message, AwsErrors.Kind kind) {
        d.aws().fault(FakeAws.Fault.error("DescribeStacks", 400, "ValidationError", message));
        assertThat(AwsErrors.classify(call("cloudformation"), "cloudformation:DescribeStacks", "s", s).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"lambda", "states"})
    void aDroppedConnectionAfterRetriesIsNeverAPass(String service) {
        d.aws().fault(FakeAws.Fault.drop(operation(service)));
        AwsErrors.Failure f = AwsErrors.classify(call(service), service + ":" + operation(service), "r", s);
        assertThat(f.status()).isEqualTo(Status.ERROR);
    }

    /** What the SDK throws when no provider of the chain has credentials: a long chain description. */
    private static software.amazon.awssdk.core.exception.SdkClientException noCredentials() {
        return software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), "
                + "EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(), "
                + "ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()]) : ["
                + "x".repeat(1200) + "InstanceProfileCredentialsProvider(): Failed to load credentials from IMDS.]");
    }

    @org.junit.jupiter.api.Test
    void missingCredentialsAreErrorWhenARegionWasGivenAndTheResultStaysShort() {
        AwsErrors.Failure f = AwsErrors.classify(noCredentials(), "sts:GetCallerIdentity", "the caller identity", s);
        assertThat(f.status()).isEqualTo(Status.ERROR);
        assertThat(f.sentence()).startsWith("No AWS credentials are configured, though AWS was asked for with --region "
                + Deployment.REGION + ": ");
        dev.greenlight.engine.Result r = AwsErrors.result(noCredentials(), "sts:GetCallerIdentity", "the caller identity", s).build();
        assertThat(r.actual()).isEqualTo("no credentials");
        assertThat(r.reason()).isEqualTo(f.sentence());
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.text())
                .startsWith("Unable to load credentials").hasSizeLessThanOrEqualTo(AwsErrors.DETAIL_CHARS + 1).endsWith("…"));
    }

    @org.junit.jupiter.api.Test
    void missingCredentialsAreSkipWhenNobodyAskedForAws() throws Exception {
        for (String name : AwsSettings.REQUESTING_ENV) {
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(name) == null, name + " is set on this machine");
        }
        // a region from the SDK's own settings (as from ~/.aws/config), not from --region or AWS_REGION
        System.setProperty("aws.region", Deployment.REGION);
        try (AwsSession quiet = AwsSession.create(AwsSettings.DEFAULT)) {
            assertThat(quiet.request()).isNull();
            AwsErrors.Failure f = AwsErrors.classify(noCredentials(), "sts:GetCallerIdentity", "the caller identity", quiet);
            assertThat(f.status()).isEqualTo(Status.SKIP);
            assertThat(f.sentence()).startsWith("No AWS credentials are configured: run 'aws configure'");
        } finally {
            System.clearProperty("aws.region");
        }
    }

    @org.junit.jupiter.api.Test
    void theRequestForAwsComesFromTheOptionsOrTheEnvironment() {
        assertThat(AwsSettings.DEFAULT.request(name -> null)).isEmpty();
        assertThat(new AwsSettings("prod", null, null).request(name -> null)).contains("--profile prod");
        assertThat(new AwsSettings(null, "eu-west-1", null).request(name -> null)).contains("--region eu-west-1");
        assertThat(new AwsSettings(null, null, "http://127.0.0.1:4566").request(name -> null))
                .contains("--endpoint-url http://127.0.0.1:4566");
        for (String name : new String[]{"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"}) {
            assertThat(AwsSettings.DEFAULT.request(n -> n.equals(name) ? "x" : null)).as(name).contains(name);
        }
        assertThat(AwsSettings.DEFAULT.request(n -> n.equals("AWS_REGION") ? " " : null)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void anEndpointThatAnswersWithoutAnAwsErrorCodeDidNotAnswerLikeAws() throws Exception {
        com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        web.start();
        String url = "http://127.0.0.1:" + web.getAddress().getPort();
        try (AwsSession other = AwsSession.create(new AwsSettings(null, Deployment.REGION, url).withTimeouts(FAST))) {
            Exception e = null;
            try {
                other.sts().getCallerIdentity();
            } catch (Exception thrown) {
                e = thrown;
            }
            assertThat(e).isNotNull();
            AwsErrors.Failure f = AwsErrors.classify(e, "sts:GetCallerIdentity", "the caller identity", other);
            assertThat(f.kind()).isEqualTo(AwsErrors.Kind.NOT_AWS);
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.sentence()).isEqualTo("The endpoint " + url + " did not answer like AWS (HTTP 404); check --endpoint-url.");
            assertThat(AwsErrors.result(e, "sts:GetCallerIdentity", "the caller identity", other).build().actual())
                    .isEqualTo("not an AWS answer");
        } finally {
            web.stop(0);
        }
    }
}

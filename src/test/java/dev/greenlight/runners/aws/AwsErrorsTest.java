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
    private Deployment d;
    private AwsSession s;

    @BeforeEach
    void start() throws Exception {
        AwsSession.tuning = new AwsSession.Tuning(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(2));
        AwsRuns.testCredentials();
        d = new Deployment();
        s = AwsSession.create(new AwsSettings(null, Deployment.REGION, d.endpoint().toString()));
    }

    @AfterEach
    void stop() {
        AwsSession.tuning = null;
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
}

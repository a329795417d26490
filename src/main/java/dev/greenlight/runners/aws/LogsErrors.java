package dev.greenlight.runners.aws;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;

/**
 * Turns AWS failures of the logs runners and the log tail into verdicts and status sentences.
 * A local stand-in for the shared {@code AwsErrors}; the lead folds it in at merge.
 */
public final class LogsErrors {
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "AuthorizationError", "UnauthorizedException", "NotAuthorized");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired",
            "InvalidClientTokenId", "UnrecognizedClientException", "TokenRefreshRequired");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException");

    /** What kind of failure it was; the tail retries only the transient ones. */
    public enum Kind { DENIED, EXPIRED, THROTTLED, NOT_FOUND, NO_CREDENTIALS, TIMEOUT, UNREACHABLE, OTHER }

    private LogsErrors() {
    }

    public static Kind kind(Throwable e) {
        if (e instanceof AwsServiceException a) {
            String code = code(a);
            if (DENIED.contains(code) || a.statusCode() == 403 && !EXPIRED.contains(code)) {
                return Kind.DENIED;
            }
            if (EXPIRED.contains(code)) {
                return Kind.EXPIRED;
            }
            if (THROTTLED.contains(code) || a.isThrottlingException()) {
                return Kind.THROTTLED;
            }
            if (code.equals("ResourceNotFoundException") || code.equals("ValidationError")
                    && String.valueOf(a.awsErrorDetails() == null ? null : a.awsErrorDetails().errorMessage()).contains("does not exist")) {
                return Kind.NOT_FOUND;
            }
            return Kind.OTHER;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return Kind.TIMEOUT;
        }
        if (e instanceof SdkClientException) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Unable to load credentials") || m.contains("credentials") && m.contains("provider")) {
                return Kind.NO_CREDENTIALS;
            }
            return Kind.UNREACHABLE;
        }
        return Kind.OTHER;
    }

    /**
     * A verdict for a failed call.
     *
     * @param action   the IAM action of the call, e.g. "logs:FilterLogEvents"
     * @param resource what it was called on (a log group, a stack)
     */
    public static Result result(Throwable e, String action, String resource, AwsSession session) {
        String region = session == null ? null : session.region().id();
        Evidence ev = Evidence.aws(action, resource, region, message(e));
        return switch (kind(e)) {
            case DENIED -> Result.error("Access denied: grant " + action + " on " + resource + ".")
                    .expected(action + " allowed").actual(code(e)).evidence(ev).build();
            case EXPIRED -> Result.error("The AWS credentials have expired: refresh credentials (aws sso login --profile "
                            + profile(session) + ").").actual(code(e)).evidence(ev).build();
            case THROTTLED -> Result.error("AWS throttled " + action + " even after the SDK's retries; run the check again later.")
                    .actual(code(e)).evidence(ev).build();
            case NOT_FOUND -> Result.fail(resource + " does not exist.").expected(resource + " exists")
                    .actual("not found").evidence(ev).build();
            case NO_CREDENTIALS -> Result.skip("No AWS credentials are configured: set AWS_PROFILE or pass --profile, "
                    + "run aws configure, or aws sso login.").evidence(ev).build();
            case TIMEOUT -> Result.error(action + " timed out; check the network or the endpoint URL.").evidence(ev).build();
            case UNREACHABLE -> Result.error("Cannot reach AWS for " + action + ": " + firstLine(e.getMessage()) + ".")
                    .evidence(ev).build();
            case OTHER -> Result.error(action + " failed: " + message(e) + ".").evidence(ev).build();
        };
    }

    /** A short status sentence for the tail: "access denied: grant logs:FilterLogEvents on /aws/lambda/x". */
    public static String sentence(Throwable e, String action, String resource, AwsSession session) {
        return switch (kind(e)) {
            case DENIED -> "access denied: grant " + action + " on " + resource;
            case EXPIRED -> "credentials expired: refresh credentials (aws sso login --profile " + profile(session) + ")";
            case THROTTLED -> "throttled";
            case NOT_FOUND -> resource + " does not exist";
            case NO_CREDENTIALS -> "no AWS credentials: set AWS_PROFILE or pass --profile";
            case TIMEOUT -> action + " timed out";
            case UNREACHABLE -> "cannot reach CloudWatch Logs: " + firstLine(e.getMessage());
            case OTHER -> action + " failed: " + message(e);
        };
    }

    static String code(Throwable e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
            return a.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    static String message(Throwable e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            return code(e) + ": " + a.awsErrorDetails().errorMessage();
        }
        return firstLine(e.getMessage());
    }

    private static String profile(AwsSession session) {
        String p = session == null ? null : session.settings().profile();
        return p == null || p.isBlank() ? "<profile>" : p;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}

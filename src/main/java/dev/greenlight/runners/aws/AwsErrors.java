package dev.greenlight.runners.aws;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Redactor;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the SDK threw into a verdict with advice, the same way for every AWS runner and for the
 * aws./stack./arn. variables: denied → ERROR naming the IAM action to grant, expired or invalid
 * credentials → ERROR with how to refresh them, no credentials → SKIP with how to configure them
 * (ERROR when the person asked for AWS: {@link AwsSession#request()}), an endpoint that answers
 * without an AWS error code → ERROR "did not answer like AWS",
 * unknown resource → FAIL "not found", throttled, unreachable, timed out or 5xx → ERROR.
 */
public final class AwsErrors {
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthorizationError", "AccessDeniedFault", "UnauthorizedException", "NotAuthorized");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");
    private static final Set<String> INVALID = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded", "ThrottledException", "RequestThrottled", "RequestThrottledException");
    private static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "StateMachineDoesNotExist",
            "RepositoryNotFoundException", "ImageNotFoundException", "LogGroupNotFoundException",
            "ResourceNotFound", "NoSuchEntity");
    private static final Pattern DENIED_ACTION = Pattern.compile("perform: ([a-z0-9-]+:[A-Za-z0-9]+)");
    private static final Pattern DENIED_RESOURCE = Pattern.compile("on resource: ?(\\S+)");

    private AwsErrors() {
    }

    /** What kind of trouble an exception is. */
    public enum Kind {
        DENIED, EXPIRED, INVALID_CREDENTIALS, NO_CREDENTIALS, NOT_FOUND, THROTTLED, UNREACHABLE, TIMEOUT,
        SERVER, MALFORMED, REJECTED, NOT_AWS, SETUP, OTHER;

        /** Worth trying again after a pause (the log tail retries these, and stops on the others). */
        public boolean transientTrouble() {
            return this == THROTTLED || this == TIMEOUT || this == UNREACHABLE || this == SERVER;
        }
    }

    /**
     * A classified failure.
     *
     * @param sentence one plain sentence with the advice, ending with a period
     * @param detail   the AWS error code and message (or the client error), for evidence
     */
    public record Failure(Kind kind, Status status, String sentence, String detail) {
        /** The sentence without its final period, for "Cannot resolve ${x}: …." messages. */
        public String clause() {
            return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
        }
    }

    /**
     * Classifies a failure of one API call.
     *
     * @param action   the IAM action of the call ("lambda:GetFunction")
     * @param resource the ARN or name it was about
     * @param session  for the region, endpoint and profile named in advice; may be null
     */
    public static Failure classify(Throwable e, String action, String resource, AwsSession session) {
        if (e instanceof AwsSession.AwsSetupException setup) {
            return new Failure(Kind.SETUP, setup.notConfigured() ? Status.SKIP : Status.ERROR, setup.getMessage(), setup.getMessage());
        }
        if (e instanceof AwsServiceException ase) {
            return service(ase, action, resource, session);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || cause(e, SocketTimeoutException.class)) {
            return new Failure(Kind.TIMEOUT, Status.ERROR, action + " on " + resource + " timed out"
                    + " (no answer from " + endpoint(session, action) + " in time); try again, or raise the item's timeout.",
                    message(e));
        }
        if (cause(e, UnknownHostException.class) || cause(e, ConnectException.class) || cause(e, NoRouteToHostException.class)) {
            return new Failure(Kind.UNREACHABLE, Status.ERROR, "AWS endpoint unreachable: " + endpoint(session, action)
                    + "; check the network, the proxy, or --endpoint-url.", message(e));
        }
        String msg = message(e);
        if (e instanceof SdkClientException && isMissingCredentials(msg)) {
            // SKIP only when nobody asked for AWS: with --profile/--region/AWS_REGION… set, a missing
            // credential is a broken set-up, and a CI gate must not go green over it
            String request = session == null ? null : session.request();
            return new Failure(Kind.NO_CREDENTIALS, request == null ? Status.SKIP : Status.ERROR, "No AWS credentials are configured"
                    + profileClause(session) + (request == null ? "" : ", though AWS was asked for with " + request)
                    + ": run 'aws configure' or 'aws sso login --profile NAME' and pass --profile NAME, "
                    + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.", msg);
        }
        if (e instanceof SdkClientException && isExpiredSso(msg)) {
            return new Failure(Kind.EXPIRED, Status.ERROR, "The AWS SSO session has expired: refresh credentials ("
                    + loginCommand(session) + ").", msg);
        }
        if (e instanceof SdkClientException && msg.contains("Unable to unmarshall")) {
            return new Failure(Kind.MALFORMED, Status.ERROR, "AWS answered " + action + " with a response Greenlight cannot read ("
                    + firstLine(msg) + "); if " + endpoint(session, action) + " is an emulator, it may not support this call.", msg);
        }
        if (e instanceof SdkClientException && cause(e, IOException.class)) {
            return new Failure(Kind.UNREACHABLE, Status.ERROR, "The connection to " + endpoint(session, action) + " failed during "
                    + action + " (" + firstLine(msg) + "); check the network, the proxy, or --endpoint-url.", msg);
        }
        return new Failure(Kind.OTHER, Status.ERROR, action + " on " + resource + " could not be made: " + firstLine(msg) + ".", msg);
    }

    /** The kind of trouble, without the sentence. */
    public static Kind kind(Throwable e) {
        return classify(e, "", "", null).kind();
    }

    /** The AWS error code and message (or the client error) of a failure, cut and redacted, for evidence. */
    public static String detail(Throwable e) {
        return shortDetail(classify(e, "", "", null).detail());
    }

    /**
     * A short lower-case status for a long-running reader such as the log tail
     * ("access denied: grant logs:FilterLogEvents on /aws/lambda/x"); the same classification as
     * {@link #classify}, worded to be followed by "; stopped" or "; retrying in 2 s".
     */
    public static String status(Throwable e, String action, String resource, AwsSession session) {
        Failure f = classify(e, action, resource, session);
        return switch (f.kind()) {
            case DENIED -> {
                String message = e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                        ? ase.awsErrorDetails().errorMessage() : null;
                yield "access denied: grant " + find(DENIED_ACTION, message, action) + " on " + find(DENIED_RESOURCE, message, resource);
            }
            case EXPIRED -> "credentials expired: refresh credentials (" + loginCommand(session) + ")";
            case INVALID_CREDENTIALS -> "credentials rejected: refresh credentials (" + loginCommand(session) + ")";
            case NO_CREDENTIALS -> "no AWS credentials: set AWS_PROFILE or pass --profile";
            case THROTTLED -> "throttled";
            case NOT_FOUND -> resource + " does not exist";
            case TIMEOUT -> action + " timed out";
            case UNREACHABLE -> "cannot reach " + endpoint(session, action) + ": " + firstLine(f.detail());
            case SERVER -> "AWS answered " + firstLine(f.detail());
            case NOT_AWS -> "the endpoint " + endpoint(session, action) + " did not answer like AWS";
            default -> action + " failed: " + firstLine(f.detail());
        };
    }

    /** Longest SDK message kept as evidence: the chain of credential providers alone runs to 1,500 characters. */
    public static final int DETAIL_CHARS = 300;

    /**
     * The result for a failed call: the sentence as the reason, a short phrase as the actual value
     * ("no credentials", "access denied"), and the SDK's own message (cut, redacted) as the
     * evidence text of the call. Runners add the expected value; a set-up failure, which made no
     * call, has no evidence (it would only repeat the reason).
     */
    public static Result.Builder result(Throwable e, String action, String resource, AwsSession session) {
        Failure f = classify(e, action, resource, session);
        Result.Builder b = Result.of(f.status(), f.sentence()).actual(phrase(f));
        if (f.kind() != Kind.SETUP && action != null && !action.isBlank()) {
            b.evidence(Evidence.aws(action, resource, session == null ? null : session.region().id(), shortDetail(f.detail())));
        }
        return b;
    }

    /** What {@code actual} says for a call that failed: a few words, never the SDK's message. */
    static String phrase(Failure f) {
        return switch (f.kind()) {
            case DENIED -> "access denied";
            case EXPIRED -> "credentials expired";
            case INVALID_CREDENTIALS -> "credentials rejected";
            case NO_CREDENTIALS -> "no credentials";
            case NOT_FOUND -> "not found";
            case THROTTLED -> "throttled";
            case UNREACHABLE -> "unreachable";
            case TIMEOUT -> "timed out";
            case SERVER -> "AWS server error";
            case MALFORMED -> "unreadable answer";
            case REJECTED -> "rejected";
            case NOT_AWS -> "not an AWS answer";
            case SETUP -> "AWS not set up";
            case OTHER -> "call failed";
        };
    }

    /** The SDK's message for evidence: first {@link #DETAIL_CHARS} characters, secrets masked. */
    public static String shortDetail(String detail) {
        if (detail == null) {
            return null;
        }
        String cut = detail.length() > DETAIL_CHARS ? detail.substring(0, DETAIL_CHARS) + "…" : detail;
        return Redactor.redact(cut);
    }

    /**
     * The result of an item that could not run (SKIP or ERROR) says what the item checks as its
     * expected value ("Comment contains v3.0"), not the resource it was looking up when it stopped;
     * other verdicts are returned as they are.
     */
    public static Result expecting(String expected, Result r) {
        if (expected == null || expected.isBlank() || r.status() != Status.SKIP && r.status() != Status.ERROR) {
            return r;
        }
        return r.toBuilder().expected(expected).build();
    }

    /** True when the exception means "the thing asked for does not exist". */
    public static boolean isNotFound(Throwable e) {
        return e instanceof AwsServiceException ase && notFound(ase);
    }

    private static Failure service(AwsServiceException e, String action, String resource, AwsSession session) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String detail = (code == null ? "HTTP " + e.statusCode() : code) + ": " + (message == null ? "" : message);
        boolean otherwiseKnown = code != null && (EXPIRED.contains(code) || INVALID.contains(code) || THROTTLED.contains(code));
        if (code != null && DENIED.contains(code) || e.statusCode() == 403 && !otherwiseKnown) {
            String deniedAction = find(DENIED_ACTION, message, action);
            String deniedResource = find(DENIED_RESOURCE, message, resource);
            return new Failure(Kind.DENIED, Status.ERROR, "Access denied to " + deniedAction
                    + ": grant " + deniedAction + " on " + deniedResource + " to the identity this run uses.", detail);
        }
        if (code != null && EXPIRED.contains(code)) {
            return new Failure(Kind.EXPIRED, Status.ERROR, "The AWS credentials have expired: refresh credentials ("
                    + loginCommand(session) + ") and run again.", detail);
        }
        if (code != null && INVALID.contains(code)) {
            return new Failure(Kind.INVALID_CREDENTIALS, Status.ERROR, "AWS does not accept the credentials (" + code
                    + "): refresh credentials (" + loginCommand(session) + ") or check the access key.", detail);
        }
        if (code != null && THROTTLED.contains(code) || e.isThrottlingException()) {
            return new Failure(Kind.THROTTLED, Status.ERROR, "AWS throttled " + action + " even after the SDK's retries"
                    + "; run again later or with a lower --parallel.", detail);
        }
        if (code == null && e.statusCode() < 500) {
            // no AWS error code at all: a web server, proxy or wrong port answered, not an AWS API
            return new Failure(Kind.NOT_AWS, Status.ERROR, "The endpoint " + endpoint(session, action)
                    + " did not answer like AWS (HTTP " + e.statusCode() + ")" + "; check --endpoint-url.", detail);
        }
        if (notFound(e)) {
            return new Failure(Kind.NOT_FOUND, Status.FAIL, resource + " not found: " + action + " answered "
                    + detail + ".", detail);
        }
        if (e.statusCode() >= 500) {
            return new Failure(Kind.SERVER, Status.ERROR, "AWS answered " + e.statusCode() + " to " + action
                    + " (" + detail + "); this is on the AWS side, try again.", detail);
        }
        return new Failure(Kind.REJECTED, Status.ERROR, "AWS rejected " + action + " on " + resource + ": " + detail + ".", detail);
    }

    private static boolean notFound(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        if (code != null && NOT_FOUND.contains(code)) {
            return true;
        }
        return "ValidationError".equals(code) && message.matches("(?s)Stack with id .* does not exist.*");
    }

    private static boolean isMissingCredentials(String msg) {
        return msg.contains("Unable to load credentials") || msg.contains("Unable to load an AWS credentials")
                || msg.contains("contained no credentials") || msg.contains("Profile file contained no")
                || msg.contains("does not exist in") && msg.contains("profile");
    }

    private static boolean isExpiredSso(String msg) {
        return msg.contains("SSO session") && (msg.contains("expired") || msg.contains("invalid"))
                || msg.contains("The SSO session associated with this profile");
    }

    /** How to log in again, naming the profile in use when there is one. */
    static String loginCommand(AwsSession session) {
        String profile = session == null ? null : session.settings().profile();
        if (profile == null || profile.isBlank()) {
            profile = System.getenv("AWS_PROFILE");
        }
        return profile == null || profile.isBlank() ? "aws sso login --profile NAME, or new access keys"
                : "aws sso login --profile " + profile;
    }

    private static String profileClause(AwsSession session) {
        String profile = session == null ? null : session.settings().profile();
        return profile == null || profile.isBlank() ? "" : " for profile '" + profile + "'";
    }

    /** The endpoint a call went to: the override, or the service's regional endpoint. */
    static String endpoint(AwsSession session, String action) {
        if (session != null && session.endpoint() != null) {
            return session.endpoint().toString();
        }
        String service = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
        String region = session == null ? "REGION" : session.region().id();
        return "https://" + service + "." + region + ".amazonaws.com";
    }

    private static String find(Pattern p, String text, String fallback) {
        if (text == null) {
            return fallback;
        }
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).replaceAll("[.,]$", "") : fallback;
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").replaceAll("\\.$", "");
    }
}

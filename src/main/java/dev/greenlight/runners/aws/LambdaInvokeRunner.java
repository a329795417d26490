package dev.greenlight.runners.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Status;
import dev.greenlight.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Invokes a Lambda function with a payload from the checklist (opt-in: --allow-invoke, or the
 * person's consent in the app) and checks the answer: no FunctionError, response size under a
 * limit, a value at a path. The tail of the invocation's log (LogType Tail) is evidence.
 *
 * <pre>{@code
 * check:
 *   type: lambda-invoke
 *   logical-id: InitializeStateDataFunction    # or function: NAME|ARN
 *   payload: {test: module_check}
 *   max-response-bytes: 256000
 *   path: body.usc                               # optional, into the JSON response
 *   contains: universal_sync_core                # or equals: …
 *   allow-function-error: false                  # the default
 * }</pre>
 */
public final class LambdaInvokeRunner implements Runner<LambdaInvokeRunner.Spec> {
    private static final int LOG_CHARS = 4096;

    public record Spec(String function, String logicalId, String stack, JsonNode payload, Long maxResponseBytes,
                       String path, JsonNode equals, String contains, Boolean allowFunctionError) {
    }

    @Override
    public boolean postDeploy() {
        return true;
    }

    @Override
    public String type() {
        return "lambda-invoke";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public Access access() {
        return Access.INVOKE;
    }

    @Override
    public List<String> iamActions() {
        return List.of("lambda:InvokeFunction", "cloudformation:ListStackResources", "cloudformation:DescribeStackResource");
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> out = new ArrayList<>();
        if ((spec.function() == null || spec.function().isBlank()) == (spec.logicalId() == null || spec.logicalId().isBlank())) {
            out.add(new SpecProblem("", "give exactly one of 'function' and 'logical-id'", "logical-id: InitializeStateDataFunction"));
        }
        if ((spec.equals() != null || spec.contains() != null) && spec.path() == null) {
            out.add(new SpecProblem("path", "equals/contains need a 'path' into the response", "path: statusCode"));
        }
        if (spec.maxResponseBytes() != null && spec.maxResponseBytes() <= 0) {
            out.add(new SpecProblem("max-response-bytes", "'max-response-bytes' must be positive", null));
        }
        return out;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        return AwsErrors.expecting(expectation(spec), evaluate(spec, ctx));
    }

    /** What the item checks, for results of a run that could not get that far. */
    static String expectation(Spec spec) {
        List<String> parts = new ArrayList<>();
        if (!Boolean.TRUE.equals(spec.allowFunctionError())) {
            parts.add("no FunctionError");
        }
        if (spec.maxResponseBytes() != null) {
            parts.add("response under " + spec.maxResponseBytes() + " bytes");
        }
        if (spec.path() != null) {
            parts.add(spec.path() + (spec.equals() != null ? " = " + JsonValues.show(spec.equals()) : "")
                    + (spec.contains() != null ? " containing " + spec.contains() : ""));
        }
        return String.join(", ", parts);
    }

    private Result evaluate(Spec spec, RunContext ctx) {
        AwsSession s;
        AwsTargets.Target target;
        try {
            s = AwsTargets.session(ctx);
            target = AwsTargets.function(ctx, s, spec.function(), spec.logicalId(), spec.stack());
        } catch (AwsTargets.Unresolved u) {
            return u.result;
        }
        String region = s.region().id();
        String payload = spec.payload() == null ? "{}" : spec.payload().toString();
        InvokeResponse r;
        try {
            r = s.lambda().invoke(InvokeRequest.builder().functionName(target.id())
                    .invocationType(InvocationType.REQUEST_RESPONSE).logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String(payload)).build());
        } catch (Exception e) {
            Result.Builder b = AwsErrors.result(e, "lambda:InvokeFunction", target.id(), s).expected("function " + target.label() + " answers");
            if (AwsErrors.isNotFound(e)) {
                b.status(Status.FAIL).reason("Lambda function " + target.label() + " does not exist in " + region + ".");
            }
            return b.build();
        }
        byte[] body = r.payload() == null ? new byte[0] : r.payload().asByteArray();
        String text = new String(body, StandardCharsets.UTF_8);
        String resource = target.id();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.aws("lambda:InvokeFunction", resource, region, "status " + r.statusCode()
                + (r.functionError() == null ? "" : ", FunctionError " + r.functionError())
                + ", " + body.length + " bytes: " + cut(text, 500)));
        String log = decodeLog(r.logResult());
        if (log != null) {
            evidence.add(Evidence.aws("lambda:InvokeFunction log tail", resource, region, log));
        }
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        List<String> failures = new ArrayList<>();

        if (!Boolean.TRUE.equals(spec.allowFunctionError())) {
            expected.add("no FunctionError");
            actual.add(r.functionError() == null ? "no FunctionError" : "FunctionError " + r.functionError());
            if (r.functionError() != null) {
                failures.add("the function failed (" + r.functionError() + "): " + errorMessage(text));
            }
        }
        if (spec.maxResponseBytes() != null) {
            expected.add("response under " + spec.maxResponseBytes() + " bytes");
            actual.add(body.length + " bytes");
            if (body.length >= spec.maxResponseBytes()) {
                failures.add("the response is " + body.length + " bytes, over the limit of " + spec.maxResponseBytes());
            }
        }
        if (spec.path() != null) {
            Optional<JsonNode> value = Optional.empty();
            try {
                value = JsonValues.at(Json.COMPACT.readTree(text), spec.path());
            } catch (Exception e) {
                failures.add("the response is not JSON, so it has no " + spec.path());
            }
            expected.add(spec.path() + (spec.equals() != null ? " = " + JsonValues.show(spec.equals()) : "")
                    + (spec.contains() != null ? " containing " + spec.contains() : ""));
            if (value.isPresent()) {
                actual.add(spec.path() + " = " + JsonValues.show(value.get()));
                String miss = JsonValues.mismatch(value.get(), spec.equals(), spec.contains(), null);
                if (miss != null) {
                    failures.add(spec.path() + " " + miss);
                }
            } else if (failures.stream().noneMatch(f -> f.contains("not JSON"))) {
                actual.add(spec.path() + " missing");
                failures.add("the response has no " + spec.path());
            }
        }
        Result.Builder b = failures.isEmpty()
                ? Result.pass("Invoking " + target.label() + " succeeded: " + String.join(", ", actual) + ".")
                : Result.fail("Invoking " + target.label() + ": " + String.join("; ", failures) + ".");
        return b.expected(String.join(", ", expected)).actual(String.join(", ", actual)).evidence(evidence).build();
    }

    private static String decodeLog(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        try {
            String log = new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
            return log.length() > LOG_CHARS ? "…" + log.substring(log.length() - LOG_CHARS) : log;
        } catch (IllegalArgumentException e) {
            return "(log tail is not valid base64)";
        }
    }

    private static String errorMessage(String text) {
        try {
            JsonNode n = Json.COMPACT.readTree(text);
            if (n.has("errorType") || n.has("errorMessage")) {
                return n.path("errorType").asText("") + ": " + n.path("errorMessage").asText("");
            }
        } catch (Exception ignored) {
            // not JSON: show it as it came
        }
        return cut(text, 300);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}

package dev.greenlight.runners.aws;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Status;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A deployed Lambda function's configuration: the image tag of {@code Code.ImageUri} (the
 * checkout's HEAD sha after a deploy), package type, state and last update status. Environment
 * variables are never shown — only how many there are.
 *
 * <p>With {@code image-tag} the image's provenance is followed hop by hop ({@link ImageProvenance}):
 * HEAD's sha → the tag of {@code Code.ImageUri} → the digest ECR holds under that tag now → the
 * digest the function runs ({@code Code.ResolvedImageUri}; Lambda pins it at deploy time). A tag
 * re-pushed after the deploy leaves the function on an older digest under the right tag: a FAIL
 * with every hop as evidence. {@code qualifier} reads the alias or version that receives the
 * traffic (SAM's {@code AutoPublishAlias}) instead of {@code $LATEST}.
 *
 * <pre>{@code
 * check:
 *   type: lambda-config
 *   logical-id: InitializeStateDataFunction   # or function: NAME|ARN
 *   stack: ${stack}                           # optional: the checklist's 'stack' by default
 *   image-tag: ${git.sha}
 *   image-uri-matches: '\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com/backend-lambda-function:'
 *   package-type: Image
 *   state: Active                             # the default
 *   last-update-status: Successful            # the default
 *   qualifier: live                           # optional: the alias or version that receives traffic
 * }</pre>
 */
public final class LambdaConfigRunner implements Runner<LambdaConfigRunner.Spec> {

    public record Spec(String function, String logicalId, String stack, String imageTag, String imageUriMatches,
                       String packageType, String state, String lastUpdateStatus, String qualifier) {
    }

    @Override
    public boolean postDeploy() {
        return true;
    }

    @Override
    public String type() {
        return "lambda-config";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<String> iamActions() {
        return List.of("lambda:GetFunction", "ecr:DescribeImages", "cloudformation:ListStackResources",
                "cloudformation:DescribeStackResource");
    }

    @Override
    public List<String> iamActions(Spec spec) {
        List<String> out = new ArrayList<>(List.of("lambda:GetFunction"));
        if (spec.imageTag() != null) {
            out.add("ecr:DescribeImages");
        }
        if (!blank(spec.logicalId())) {
            out.addAll(AwsLookups.RESOLVE_ACTIONS);
        }
        return out;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> out = new ArrayList<>();
        if (blank(spec.function()) == blank(spec.logicalId())) {
            out.add(new SpecProblem("", "give exactly one of 'function' and 'logical-id'", "logical-id: InitializeStateDataFunction"));
        }
        if (spec.imageUriMatches() != null) {
            try {
                Pattern.compile(spec.imageUriMatches());
            } catch (PatternSyntaxException e) {
                out.add(new SpecProblem("image-uri-matches", "invalid regex: " + e.getDescription(), null));
            }
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
        if (spec.imageTag() != null) {
            parts.add("image tag " + spec.imageTag());
        }
        if (spec.imageUriMatches() != null) {
            parts.add("image URI matching /" + spec.imageUriMatches() + "/");
        }
        if (spec.packageType() != null) {
            parts.add("PackageType " + spec.packageType());
        }
        parts.add("State " + (spec.state() == null ? "Active" : spec.state()));
        parts.add("LastUpdateStatus " + (spec.lastUpdateStatus() == null ? "Successful" : spec.lastUpdateStatus()));
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
        GetFunctionResponse fn;
        try {
            fn = getFunction(s, target.id(), spec.qualifier());
        } catch (Exception e) {
            Result.Builder b = AwsErrors.result(e, "lambda:GetFunction", target.id(), s).expected("function " + target.label());
            if (AwsErrors.isNotFound(e)) {
                b.status(Status.FAIL).reason("Lambda function " + target.label() + " does not exist in " + region + ".");
            }
            return b.build();
        }
        FunctionConfiguration c = fn.configuration();
        String arn = c.functionArn();
        String imageUri = fn.code() == null ? null : fn.code().imageUri();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();

        if (spec.imageTag() != null || spec.imageUriMatches() != null) {
            evidence.add(Evidence.aws("lambda:GetFunction", arn, region, "Code.ImageUri = " + imageUri));
        }
        List<String> warnings = new ArrayList<>();
        if (spec.imageTag() != null) {
            String tag = tagOf(imageUri);
            expected.add("image tag " + spec.imageTag());
            actual.add("image tag " + (tag == null ? "none" : tag));
            if (!spec.imageTag().equals(tag)) {
                failures.add(imageUri == null ? "it has no container image (PackageType " + c.packageTypeAsString() + ")"
                        : "Code.ImageUri is tagged " + (tag == null ? "with no tag" : tag) + ", not " + spec.imageTag());
            } else {
                ImageProvenance.Verdict chain = ImageProvenance.follow(s, spec.imageTag(), fn, arn);
                evidence.addAll(chain.evidence());
                if (chain.failure() != null) {
                    failures.add(chain.failure());
                    actual.add("runs " + chain.running());
                } else if (chain.warning() != null) {
                    warnings.add(chain.warning());
                } else if (chain.running() != null) {
                    expected.add("the digest ECR holds under that tag");
                    actual.add("runs " + chain.running());
                }
            }
        }
        if (spec.imageUriMatches() != null) {
            expected.add("image URI matching /" + spec.imageUriMatches() + "/");
            if (imageUri == null || !Pattern.compile(spec.imageUriMatches()).matcher(imageUri).find()) {
                failures.add("Code.ImageUri " + imageUri + " does not match /" + spec.imageUriMatches() + "/");
            }
        }
        compare("PackageType", spec.packageType(), c.packageTypeAsString(), expected, actual, failures);
        compare("State", spec.state() == null ? "Active" : spec.state(), c.stateAsString(), expected, actual, failures);
        compare("LastUpdateStatus", spec.lastUpdateStatus() == null ? "Successful" : spec.lastUpdateStatus(),
                c.lastUpdateStatusAsString(), expected, actual, failures);
        int envCount = c.environment() == null || c.environment().variables() == null ? 0 : c.environment().variables().size();
        evidence.add(Evidence.aws("lambda:GetFunction", arn, region, "PackageType " + c.packageTypeAsString()
                + ", State " + c.stateAsString() + (c.stateReason() == null ? "" : " (" + c.stateReason() + ")")
                + ", LastUpdateStatus " + c.lastUpdateStatusAsString()
                + (c.lastUpdateStatusReason() == null ? "" : " (" + c.lastUpdateStatusReason() + ")")
                + ", LastModified " + c.lastModified()
                + ", " + envCount + " environment variable(s) (values not shown)"));

        String name = target.logical() != null ? target.label() : c.functionName();
        if (!failures.isEmpty()) {
            return Result.fail("Function " + name + ": " + String.join("; ", failures) + ".")
                    .expected(String.join(", ", expected)).actual(String.join(", ", actual)).evidence(evidence).build();
        }
        if (!warnings.isEmpty()) {
            return Result.warn("Function " + name + " has " + String.join(", ", expected) + ", but " + String.join("; ", warnings) + ".")
                    .expected(String.join(", ", expected)).actual(String.join(", ", actual)).evidence(evidence).build();
        }
        return Result.pass("Function " + name + " has " + String.join(", ", expected) + ".")
                .expected(String.join(", ", expected)).actual(String.join(", ", actual)).evidence(evidence).build();
    }

    /** lambda:GetFunction once per function per run. */
    static GetFunctionResponse getFunction(AwsSession s, String nameOrArn) throws Exception {
        return getFunction(s, nameOrArn, null);
    }

    /** lambda:GetFunction of an alias or version (null: $LATEST), once per run. */
    static GetFunctionResponse getFunction(AwsSession s, String nameOrArn, String qualifier) throws Exception {
        String q = qualifier == null || qualifier.isBlank() ? null : qualifier.strip();
        return s.once("lambda:function:" + nameOrArn + (q == null ? "" : ":" + q), () -> s.lambda().getFunction(
                GetFunctionRequest.builder().functionName(nameOrArn).qualifier(q).build()));
    }

    /** The tag of an image URI ({@code repo:tag}, {@code repo:tag@sha256:…}), or null for a digest-only URI. */
    static String tagOf(String imageUri) {
        if (imageUri == null) {
            return null;
        }
        String ref = imageUri.contains("@") ? imageUri.substring(0, imageUri.indexOf('@')) : imageUri;
        String last = ref.substring(ref.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon < 0 ? null : last.substring(colon + 1);
    }

    private static void compare(String field, String want, String got, List<String> expected, List<String> actual,
                                List<String> failures) {
        if (want == null) {
            return;
        }
        expected.add(field + " " + want);
        actual.add(field + " " + got);
        if (!want.equalsIgnoreCase(String.valueOf(got))) {
            failures.add(field + " is " + got + ", not " + want);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package dev.greenlight.runners.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Status;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

import java.util.List;

/**
 * An image with the given tag (the checkout's HEAD sha) was pushed to an ECR repository.
 *
 * <pre>{@code
 * check:
 *   type: ecr-image
 *   repository: backend-lambda-function
 *   tag: ${git.sha}
 * }</pre>
 */
public final class EcrImageRunner implements Runner<EcrImageRunner.Spec> {

    public record Spec(@JsonProperty(required = true) String repository, @JsonProperty(required = true) String tag) {
    }

    @Override
    public boolean postDeploy() {
        return true;
    }

    @Override
    public String type() {
        return "ecr-image";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<String> iamActions() {
        return List.of("ecr:DescribeImages");
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        return AwsErrors.expecting(expectation(spec), evaluate(spec, ctx));
    }

    /** What the item checks, for results of a run that could not get that far. */
    static String expectation(Spec spec) {
        return "image " + spec.repository() + ":" + spec.tag() + " in ECR";
    }

    private Result evaluate(Spec spec, RunContext ctx) {
        AwsSession s;
        try {
            s = AwsTargets.session(ctx);
        } catch (AwsTargets.Unresolved u) {
            return u.result;
        }
        String region = s.region().id();
        String image = spec.repository() + ":" + spec.tag();
        String expected = "image " + image + " in ECR";
        ImageDetail d;
        try {
            d = AwsLookups.image(s, null, spec.repository(), spec.tag());
        } catch (Exception e) {
            Result.Builder b = AwsErrors.result(e, "ecr:DescribeImages", "repository " + spec.repository(), s).expected(expected);
            if (AwsErrors.isNotFound(e)) {
                boolean noRepo = e.getClass().getSimpleName().startsWith("RepositoryNotFound");
                b.status(Status.FAIL).reason(noRepo
                        ? "ECR repository " + spec.repository() + " does not exist in " + region + "."
                        : "No image tagged " + spec.tag() + " in ECR repository " + spec.repository() + ": the image was not pushed.");
            }
            return b.build();
        }
        if (d == null) {
            return Result.fail("No image tagged " + spec.tag() + " in ECR repository " + spec.repository() + ".")
                    .expected(expected).actual("not found")
                    .evidence(Evidence.aws("ecr:DescribeImages", spec.repository(), region, "no image details returned")).build();
        }
        String arn = "arn:" + AwsSupport.partition(s.region()) + ":ecr:" + region + ":" + d.registryId() + ":repository/" + d.repositoryName();
        return Result.pass("Image " + image + " is in ECR, pushed " + d.imagePushedAt() + ".")
                .expected(expected).actual(image + " pushed " + d.imagePushedAt())
                .evidence(Evidence.aws("ecr:DescribeImages", arn, region, "tags " + d.imageTags() + ", digest "
                        + d.imageDigest() + ", pushed " + d.imagePushedAt()
                        + (d.imageSizeInBytes() == null ? "" : ", " + d.imageSizeInBytes() + " bytes")))
                .build();
    }
}

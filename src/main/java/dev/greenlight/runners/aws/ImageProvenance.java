package dev.greenlight.runners.aws;

import dev.greenlight.engine.Evidence;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain from a commit to the code a function runs: HEAD's sha is the image tag
 * ({@code Code.ImageUri}); ECR maps that tag to a digest now; Lambda resolved the tag to a digest
 * when the function was deployed and runs that one ({@code Code.ResolvedImageUri}) until the next
 * deploy. When the two digests differ the tag was re-pushed after the deploy, and the function
 * runs an older build under the right name.
 */
final class ImageProvenance {
    /** {@code <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>:<tag>} */
    private static final Pattern ECR_URI = Pattern.compile("^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]+))?$");
    private static final Pattern DIGEST = Pattern.compile("@(sha256:[0-9a-fA-F]+)$");

    /**
     * @param failure null unless the chain is broken
     * @param warning null unless a hop could not be followed
     * @param running the digest the function runs, when known
     */
    record Verdict(List<Evidence> evidence, String failure, String warning, String running) {
    }

    private ImageProvenance() {
    }

    static Verdict follow(AwsSession s, String sha, GetFunctionResponse fn, String functionArn) {
        String region = s.region().id();
        List<Evidence> evidence = new ArrayList<>();
        String imageUri = fn.code() == null ? null : fn.code().imageUri();
        String resolved = fn.code() == null ? null : fn.code().resolvedImageUri();
        Matcher uri = imageUri == null ? null : ECR_URI.matcher(imageUri);
        if (uri == null || !uri.matches()) {
            return new Verdict(evidence, null, null, null);
        }
        String account = uri.group(1);
        String repository = uri.group(3);
        String tag = uri.group(4);
        evidence.add(Evidence.aws("lambda:GetFunction", functionArn, region, "1. HEAD " + sha + " -> Code.ImageUri tag " + tag));
        Matcher running = resolved == null ? null : DIGEST.matcher(resolved);
        String runningDigest = running != null && running.find() ? running.group(1) : null;
        if (runningDigest == null) {
            return new Verdict(evidence, null, "the function reports no Code.ResolvedImageUri, so the digest it runs is unknown", null);
        }
        ImageDetail now;
        String ecrArn = "arn:" + AwsSupport.partition(s.region()) + ":ecr:" + uri.group(2) + ":" + account + ":repository/" + repository;
        try {
            now = AwsLookups.image(s, registryFor(s, account), repository, tag);
        } catch (Exception e) {
            if (AwsErrors.isNotFound(e)) {
                evidence.add(Evidence.aws("ecr:DescribeImages", ecrArn, uri.group(2), "2. " + repository + ":" + tag + " -> not in ECR now"));
                evidence.add(Evidence.aws("lambda:GetFunction", functionArn, region, "3. Code.ResolvedImageUri -> " + runningDigest));
                return new Verdict(evidence, null, "tag " + tag + " is no longer in ECR repository " + repository
                        + ", so the digest the function runs (" + short12(runningDigest) + ") cannot be traced to it", runningDigest);
            }
            AwsErrors.Failure f = AwsErrors.classify(e, "ecr:DescribeImages", ecrArn, s);
            return new Verdict(evidence, null, "the image's digest in ECR could not be read (" + f.clause() + ")", runningDigest);
        }
        String nowDigest = now == null ? null : now.imageDigest();
        evidence.add(Evidence.aws("ecr:DescribeImages", ecrArn, uri.group(2), "2. " + repository + ":" + tag + " -> "
                + (nowDigest == null ? "no image" : nowDigest + ", pushed " + now.imagePushedAt())));
        evidence.add(Evidence.aws("lambda:GetFunction", functionArn, region, "3. Code.ResolvedImageUri -> " + runningDigest
                + " (" + resolved + ")"));
        if (nowDigest != null && !nowDigest.equalsIgnoreCase(runningDigest)) {
            return new Verdict(evidence, "it runs digest " + short12(runningDigest) + ", but tag " + tag + " in ECR now names "
                    + short12(nowDigest) + (now.imagePushedAt() == null ? "" : " (pushed " + now.imagePushedAt() + ")")
                    + ": the tag was re-pushed after the deploy and Lambda still runs the digest it pinned then", null, runningDigest);
        }
        return new Verdict(evidence, null, null, runningDigest);
    }

    /** The caller's own registry is asked as ecr-image asks it (no registryId), so both share one call. */
    private static String registryFor(AwsSession s, String account) {
        try {
            return account.equals(AwsLookups.identity(s).account()) ? null : account;
        } catch (Exception e) {
            return account;
        }
    }

    private static String short12(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
    }
}

package dev.greenlight.runners.aws;

import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.Optional;

/**
 * Lookups shared by several runners, each made at most once per run through
 * {@link AwsSession#once}. Runners call these instead of the clients so that "each distinct
 * resource is described once" holds however many items ask.
 */
public final class AwsLookups {
    private AwsLookups() {
    }

    /** sts:GetCallerIdentity, once per run. */
    public static GetCallerIdentityResponse identity(AwsSession s) throws Exception {
        return s.once("sts:identity", () -> s.sts().getCallerIdentity());
    }

    /**
     * ecr:DescribeImages for one tag, once per run (ecr-image and lambda-config's provenance chain
     * ask the same question). With imageIds the answer is the one image: DescribeImages pages only
     * a listing, and maxResults cannot be combined with imageIds.
     *
     * @param registryId the registry (account) of the image URI, or null for the caller's
     */
    public static software.amazon.awssdk.services.ecr.model.ImageDetail image(AwsSession s, String registryId, String repository,
                                                                           String tag) throws Exception {
        return s.once("ecr:image:" + (registryId == null ? "" : registryId + "/") + repository + ":" + tag, () -> {
            var req = software.amazon.awssdk.services.ecr.model.DescribeImagesRequest.builder().repositoryName(repository)
                    .imageIds(software.amazon.awssdk.services.ecr.model.ImageIdentifier.builder().imageTag(tag).build());
            if (registryId != null) {
                req.registryId(registryId);
            }
            var details = s.ecr().describeImages(req.build()).imageDetails();
            return details.isEmpty() ? null : details.get(0);
        });
    }

    /** cloudformation:DescribeStacks for one stack, once per run. */
    public static Stack stack(AwsSession s, String stackName) throws Exception {
        return s.once("cfn:stack:" + stackName, () -> s.cfn()
                .describeStacks(DescribeStacksRequest.builder().stackName(stackName).build())
                .stacks().get(0));
    }

    /**
     * A resource of the stack by logical id, found with the fewest calls for the run (paged
     * ListStackResources or DescribeStackResource per id; see {@link StackResources}).
     */
    public static Optional<StackResource> resource(AwsSession s, String stackName, String logicalId) throws Exception {
        return StackResources.of(s, stackName).find(logicalId);
    }

    /**
     * What resolving logical ids may call; a run calls one of the two ({@link #resolveAction}), and
     * {@code greenlight iam-policy} keeps only that one.
     */
    public static final java.util.List<String> RESOLVE_ACTIONS = java.util.List.of("cloudformation:ListStackResources",
            "cloudformation:DescribeStackResource");

    /** The CloudFormation action a run with this plan uses to resolve logical ids. */
    public static String resolveAction(java.util.Set<String> plannedLogicalIds) {
        return StackResources.listsFor(plannedLogicalIds) ? "cloudformation:ListStackResources" : "cloudformation:DescribeStackResource";
    }
}

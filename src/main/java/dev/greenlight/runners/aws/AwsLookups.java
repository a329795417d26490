package dev.greenlight.runners.aws;

import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.List;
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

    /** cloudformation:DescribeStacks for one stack, once per run. */
    public static Stack stack(AwsSession s, String stackName) throws Exception {
        return s.once("cfn:stack:" + stackName, () -> s.cfn()
                .describeStacks(DescribeStacksRequest.builder().stackName(stackName).build())
                .stacks().get(0));
    }

    /** cloudformation:DescribeStackResources for one stack, once per run. */
    public static List<StackResource> resources(AwsSession s, String stackName) throws Exception {
        return s.once("cfn:resources:" + stackName, () -> s.cfn()
                .describeStackResources(DescribeStackResourcesRequest.builder().stackName(stackName).build())
                .stackResources());
    }

    /** The physical id of a logical resource of the stack. */
    public static Optional<StackResource> resource(AwsSession s, String stackName, String logicalId) throws Exception {
        return resources(s, stackName).stream().filter(r -> r.logicalResourceId().equals(logicalId)).findFirst();
    }
}

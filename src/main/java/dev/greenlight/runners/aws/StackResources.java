package dev.greenlight.runners.aws;

import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDetail;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds resources of one stack by logical id at the fewest calls for the run.
 *
 * <p>{@code DescribeStackResources} answers at most 100 resources (its API reference says so and
 * points at {@code ListStackResources}); a stack of 76 SAM functions has well over 100, so it is
 * never used. Two documented ways remain:
 * <ul>
 *   <li>{@code DescribeStackResource} per logical id: one call per id;</li>
 *   <li>{@code ListStackResources}, 100 summaries per page, through the SDK paginator: one call per
 *       page, read only as far as the ids the run needs (a stack holds at most 500 resources, so 5 pages).</li>
 * </ul>
 * The run knows which logical ids its items name ({@link #plan}): with one (or none), one
 * {@code DescribeStackResource} per id is the cheapest; with two or more, the list is read page by
 * page until every planned id is found, which for the bundled checklist's five ids on a stack of
 * 100–200 resources is 1–2 calls instead of five. The choice is made once per stack and run, so
 * {@code greenlight iam-policy} can name the one action the run will call
 * ({@link #listsFor(Set)}). Each page and each single describe is fetched once per run.
 */
final class StackResources {
    /** Fewer planned ids than this: one DescribeStackResource each. */
    static final int LIST_FROM = 2;

    private final AwsSession session;
    private final String stack;
    private final boolean list;
    private final Map<String, StackResource> found = new LinkedHashMap<>();
    private Iterator<ListStackResourcesResponse> pages;
    private boolean exhausted;
    /** A failed page read is remembered: a denied call is not retried by every item. */
    private RuntimeException failure;

    private StackResources(AwsSession session, String stack, Set<String> planned) {
        this.session = session;
        this.stack = stack;
        this.list = listsFor(planned);
    }

    /** Whether a run that names these logical ids reads ListStackResources (else DescribeStackResource per id). */
    static boolean listsFor(Set<String> plannedLogicalIds) {
        return plannedLogicalIds.size() >= LIST_FROM;
    }

    /** The run's resolver for this stack. */
    static StackResources of(AwsSession s, String stack) throws Exception {
        return s.once("cfn:resolver:" + stack, () -> new StackResources(s, stack, s.plannedLogicalIds()));
    }

    /** The resource with this logical id, or empty when the stack has none. */
    Optional<StackResource> find(String logicalId) throws Exception {
        if (!list) {
            return session.once("cfn:resource:" + stack + ":" + logicalId, () -> describeOne(logicalId));
        }
        synchronized (this) {
            // Page on until this id (and every planned one before it) is found, or the list ends.
            while (!found.containsKey(logicalId) && !exhausted) {
                if (failure != null) {
                    throw failure;
                }
                try {
                    nextPage();
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return Optional.ofNullable(found.get(logicalId));
        }
    }

    private void nextPage() {
        if (pages == null) {
            pages = session.cfn().listStackResourcesPaginator(ListStackResourcesRequest.builder().stackName(stack).build()).iterator();
        }
        if (!pages.hasNext()) {
            exhausted = true;
            return;
        }
        ListStackResourcesResponse page = pages.next();
        for (StackResourceSummary r : page.stackResourceSummaries()) {
            found.putIfAbsent(r.logicalResourceId(), StackResource.builder().stackName(stack)
                    .logicalResourceId(r.logicalResourceId()).physicalResourceId(r.physicalResourceId())
                    .resourceType(r.resourceType()).resourceStatus(r.resourceStatusAsString())
                    .resourceStatusReason(r.resourceStatusReason()).timestamp(r.lastUpdatedTimestamp()).build());
        }
        if (page.nextToken() == null || page.nextToken().isEmpty()) {
            exhausted = true;
        }
    }

    private Optional<StackResource> describeOne(String logicalId) {
        try {
            StackResourceDetail d = session.cfn().describeStackResource(DescribeStackResourceRequest.builder()
                    .stackName(stack).logicalResourceId(logicalId).build()).stackResourceDetail();
            return Optional.of(StackResource.builder().stackName(d.stackName()).stackId(d.stackId())
                    .logicalResourceId(d.logicalResourceId()).physicalResourceId(d.physicalResourceId())
                    .resourceType(d.resourceType()).resourceStatus(d.resourceStatusAsString())
                    .resourceStatusReason(d.resourceStatusReason()).timestamp(d.lastUpdatedTimestamp()).build());
        } catch (CloudFormationException e) {
            if (noSuchResource(e, logicalId)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * CloudFormation answers a logical id the stack lacks with 400 ValidationError "Resource X does
     * not exist for stack Y", and a missing stack with "Stack 'Y' does not exist": only the first
     * means "no such resource".
     */
    static boolean noSuchResource(SdkServiceException e, String logicalId) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        return e.statusCode() == 400 && msg.contains(logicalId) && msg.contains("does not exist for stack");
    }

}

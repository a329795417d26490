package dev.greenlight.runners.aws;

import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A stack's events, newest first, read through the SDK paginator only as far as a check needs:
 * DescribeStackEvents answers a page at a time with a NextToken, and a stack of 150 resources logs
 * several pages per update. Each page is fetched once per run, whichever item asks.
 */
final class StackEvents {
    private final AwsSession session;
    private final String stack;
    private final List<StackEvent> read = new ArrayList<>();
    private Iterator<DescribeStackEventsResponse> pages;
    private boolean exhausted;
    private RuntimeException failure;

    private StackEvents(AwsSession session, String stack) {
        this.session = session;
        this.stack = stack;
    }

    static StackEvents of(AwsSession s, String stack) throws Exception {
        return s.once("cfn:events:" + stack, () -> new StackEvents(s, stack));
    }

    /**
     * The newest {@code count} events; with {@code operationStart}, also every older event of the
     * latest operation (up to the first event before that instant), so a failed update's root
     * cause is found however many resources rolled back after it.
     */
    synchronized List<StackEvent> latest(int count, Instant operationStart) {
        while (!exhausted && (read.size() < count || operationStart != null && !reachedBefore(operationStart))) {
            nextPage();
        }
        int n = Math.min(count, read.size());
        if (operationStart != null) {
            int ofOperation = 0;
            while (ofOperation < read.size() && (read.get(ofOperation).timestamp() == null
                    || !read.get(ofOperation).timestamp().isBefore(operationStart))) {
                ofOperation++;
            }
            n = Math.max(n, ofOperation);
        }
        return List.copyOf(read.subList(0, n));
    }

    private boolean reachedBefore(Instant start) {
        return !read.isEmpty() && read.get(read.size() - 1).timestamp() != null
                && read.get(read.size() - 1).timestamp().isBefore(start);
    }

    private void nextPage() {
        if (failure != null) {
            throw failure;
        }
        try {
            if (pages == null) {
                pages = session.cfn().describeStackEventsPaginator(DescribeStackEventsRequest.builder().stackName(stack).build()).iterator();
            }
            if (!pages.hasNext()) {
                exhausted = true;
                return;
            }
            DescribeStackEventsResponse page = pages.next();
            read.addAll(page.stackEvents());
            if (page.nextToken() == null || page.nextToken().isEmpty()) {
                exhausted = true;
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }
}

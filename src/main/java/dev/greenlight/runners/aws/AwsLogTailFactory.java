package dev.greenlight.runners.aws;

import dev.greenlight.engine.logs.LogTail;
import dev.greenlight.engine.logs.LogTailFactory;

import java.time.Instant;
import java.util.List;

/**
 * Starts {@link CloudWatchLogTail}s on the clients of one {@link AwsSession}. The session must
 * stay open while its tails run; closing a tail does not close the session.
 */
public final class AwsLogTailFactory implements LogTailFactory {
    private final AwsSession session;
    private final CloudWatchLogTail.Options options;

    public AwsLogTailFactory(AwsSession session) {
        this(session, CloudWatchLogTail.Options.DEFAULT);
    }

    public AwsLogTailFactory(AwsSession session, CloudWatchLogTail.Options options) {
        this.session = session;
        this.options = options;
    }

    /**
     * The {@code /aws/lambda/<physical name>} group of a function given by its logical id in a
     * stack (for an item's {@code logs: - function: X}); uses the run's once-per-run stack lookup.
     *
     * @throws java.util.NoSuchElementException when the stack has no such resource
     * @throws Exception                        the SDK's error (see {@link AwsErrors#status})
     */
    public String lambdaGroup(String stack, String logicalId) throws Exception {
        String physical = AwsLookups.resource(session, stack, logicalId)
                .orElseThrow(() -> new java.util.NoSuchElementException("stack " + stack + " has no resource " + logicalId))
                .physicalResourceId();
        return "/aws/lambda/" + LogsQuery.functionName(physical);
    }

    @Override
    public LogTail follow(List<String> groups, Instant since, String filterPattern) {
        return new CloudWatchLogTail(session, groups, since, filterPattern, options).start();
    }
}

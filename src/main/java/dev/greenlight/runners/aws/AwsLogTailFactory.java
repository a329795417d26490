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
     * The group a function given by its logical id in a stack logs to (for an item's
     * {@code logs: - function: X}): its {@code LoggingConfig.LogGroup}, else
     * {@code /aws/lambda/<physical name>}; uses the run's once-per-run lookups.
     *
     * @throws java.util.NoSuchElementException when the stack has no such resource
     * @throws Exception                        the SDK's error (see {@link AwsErrors#status})
     */
    public String lambdaGroup(String stack, String logicalId) throws Exception {
        String physical = AwsLookups.resource(session, stack, logicalId)
                .orElseThrow(() -> new java.util.NoSuchElementException("stack " + stack + " has no resource " + logicalId))
                .physicalResourceId();
        try {
            var logging = LambdaConfigRunner.getFunction(session, physical).configuration().loggingConfig();
            if (logging != null && logging.logGroup() != null && !logging.logGroup().isBlank()) {
                return logging.logGroup();
            }
        } catch (Exception e) {
            if (!AwsErrors.isNotFound(e)) {
                throw e;
            }
        }
        return "/aws/lambda/" + LogsQuery.functionName(physical);
    }

    @Override
    public LogTail follow(List<String> groups, Instant since, String filterPattern) {
        return new CloudWatchLogTail(session, groups, since, filterPattern, options).start();
    }
}

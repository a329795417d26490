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

    @Override
    public LogTail follow(List<String> groups, Instant since, String filterPattern) {
        return new CloudWatchLogTail(session, groups, since, filterPattern, options).start();
    }
}

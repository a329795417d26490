package dev.greenlight.app;

import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.runners.aws.AwsLogTailFactory;
import dev.greenlight.runners.aws.AwsLookups;
import dev.greenlight.runners.aws.AwsSession;
import dev.greenlight.runners.aws.AwsSettings;

import java.time.Instant;
import java.util.function.Function;

/**
 * CloudWatch log tails for the app: one AWS session for the current settings, kept open while
 * tails may use it and closed when the settings change or the app ends.
 */
final class AwsTails implements Function<AwsSettings, LogTailFactory>, StackLookups, AutoCloseable {
    private AwsSettings settings;
    private AwsSession session;
    private AwsLogTailFactory factory;

    /** @throws IllegalStateException with a plain sentence when no session can be made (no region…) */
    @Override
    public synchronized LogTailFactory apply(AwsSettings s) {
        if (factory != null && s.equals(settings)) {
            return factory;
        }
        close();
        try {
            session = AwsSession.create(s);
        } catch (AwsSession.AwsSetupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        settings = s;
        factory = new AwsLogTailFactory(session);
        return factory;
    }

    @Override
    public String lambdaGroup(AwsSettings s, String stack, String logicalId) throws Exception {
        AwsLogTailFactory f;
        synchronized (this) {
            apply(s);
            f = factory;
        }
        // outside the lock: two AWS calls, and a log tail may want the session meanwhile
        try {
            return f.lambdaGroup(stack, logicalId);
        } catch (Exception e) {
            // the pane shows this sentence; the SDK's text ("Status Code: 404, Request ID: null",
            // credential-provider chains) stays in the cause, for the folded details
            throw new IllegalStateException(dev.greenlight.runners.aws.AwsErrors.classify(e,
                    "cloudformation:DescribeStackResource", stack + " / " + logicalId, null).sentence(), e);
        }
    }

    @Override
    public synchronized Instant deployTime(AwsSettings s, String stackName) {
        try {
            apply(s);
            var stack = AwsLookups.stack(session, stackName);
            return stack.lastUpdatedTime() != null ? stack.lastUpdatedTime() : stack.creationTime();
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
        }
        session = null;
        factory = null;
        settings = null;
    }
}

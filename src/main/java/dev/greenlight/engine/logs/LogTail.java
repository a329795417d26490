package dev.greenlight.engine.logs;

import java.util.List;

/**
 * A running follow of one or more log groups. The follower pushes into a bounded buffer on its own
 * thread; a viewer drains it in batches at its own pace, so a chatty log cannot flood a UI thread.
 */
public interface LogTail extends AutoCloseable {

    /** Up to {@code max} events received since the last call, oldest first. Never blocks. */
    List<LogEvent> drain(int max);

    /** Events dropped so far because the viewer did not drain fast enough. */
    long dropped();

    /** One plain sentence: "following 2 groups", "throttled; retrying in 4 s", an error with advice. */
    String status();

    boolean isRunning();

    @Override
    void close();
}

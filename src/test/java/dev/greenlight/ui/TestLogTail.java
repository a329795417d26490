package dev.greenlight.ui;

import dev.greenlight.engine.logs.EventBuffer;
import dev.greenlight.engine.logs.LogEvent;
import dev.greenlight.engine.logs.LogTail;

import java.util.List;

/** A log tail the test feeds from its own thread, through the same bounded buffer the AWS follower uses. */
public final class TestLogTail implements LogTail {
    private final EventBuffer buffer;
    private volatile boolean running = true;
    private volatile String status = "following 1 group";

    public TestLogTail(int capacity) {
        buffer = new EventBuffer(capacity);
    }

    public void add(String group, long ts, String message, String id) {
        buffer.add(new LogEvent(group, "stream-1", ts, message, id));
    }

    /** Starts a thread appending {@code count} lines numbered 1..count, every 100th an ERROR. */
    public Thread feed(String group, int count) {
        Thread t = new Thread(() -> {
            long base = System.currentTimeMillis();
            for (int i = 1; i <= count && running; i++) {
                add(group, base + i, (i % 100 == 0 ? "[ERROR] line " : "INFO line ") + i, "e" + i);
            }
        }, "test-log-feeder");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public List<LogEvent> drain(int max) {
        return buffer.drain(max);
    }

    @Override
    public long dropped() {
        return buffer.dropped();
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        status = "stopped";
    }
}

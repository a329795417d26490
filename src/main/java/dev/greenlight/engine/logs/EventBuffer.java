package dev.greenlight.engine.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded first-in-first-out buffer between a log follower and its viewer. When full, the oldest
 * events are dropped and counted: the viewer keeps up with the present rather than the past.
 */
public final class EventBuffer {
    private final int capacity;
    private final ArrayDeque<LogEvent> events;
    private long dropped;

    public EventBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    public synchronized void add(LogEvent e) {
        if (events.size() == capacity) {
            events.pollFirst();
            dropped++;
        }
        events.addLast(e);
    }

    public synchronized List<LogEvent> drain(int max) {
        int n = Math.min(max, events.size());
        List<LogEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(events.pollFirst());
        }
        return out;
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized long dropped() {
        return dropped;
    }

    public int capacity() {
        return capacity;
    }
}

package dev.greenlight.runners.aws;

import dev.greenlight.engine.logs.EventBuffer;
import dev.greenlight.engine.logs.LogEvent;
import dev.greenlight.engine.logs.LogTail;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows one or more CloudWatch log groups on one daemon thread: FilterLogEvents about once a
 * second from the newest timestamp seen minus a small overlap (late-ingested events are not
 * missed), duplicates dropped by eventId, each poll's events merged across groups in timestamp
 * order into a bounded {@link EventBuffer}. Throttling and network trouble back off exponentially
 * with jitter; access denied, a missing group or expired credentials stop the tail with a plain
 * status sentence.
 */
public final class CloudWatchLogTail implements LogTail {
    /** Thread names start with this, so leaks can be counted. */
    public static final String THREAD_PREFIX = "greenlight-log-tail-";
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int STATUS_HISTORY = 32;

    /**
     * @param pollInterval   pause between polls
     * @param overlap        how far before the newest seen timestamp each poll starts again
     * @param bufferCapacity events held for the viewer before the oldest are dropped
     * @param backoffBase    first wait after a throttled or failed poll; doubled each time
     * @param backoffMax     longest wait
     * @param maxPagesPerPoll pages read from one group per poll; the rest comes next poll
     * @param maxSeenIds     eventIds remembered for dedupe, beyond the ones inside the overlap
     */
    public record Options(Duration pollInterval, Duration overlap, int bufferCapacity, Duration backoffBase,
                          Duration backoffMax, int maxPagesPerPoll, int maxSeenIds) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000,
                Duration.ofSeconds(1), Duration.ofSeconds(30), 20, 200_000);

        public Options withPollInterval(Duration d) {
            return new Options(d, overlap, bufferCapacity, backoffBase, backoffMax, maxPagesPerPoll, maxSeenIds);
        }

        public Options withBufferCapacity(int n) {
            return new Options(pollInterval, overlap, n, backoffBase, backoffMax, maxPagesPerPoll, maxSeenIds);
        }

        public Options withBackoff(Duration base, Duration max) {
            return new Options(pollInterval, overlap, bufferCapacity, base, max, maxPagesPerPoll, maxSeenIds);
        }
    }

    private final AwsSession session;
    private final List<String> groups;
    private final long sinceMs;
    private final String filterPattern;
    private final Options options;
    private final EventBuffer buffer;
    private final Thread thread;
    /** eventId → timestamp, oldest first; pruned to the overlap window and {@link Options#maxSeenIds}. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();
    private final Map<String, Long> newest = new HashMap<>();
    /**
     * Where a group's last poll stopped when it hit {@link Options#maxPagesPerPoll} with pages left:
     * the next poll goes on from there instead of starting again at the newest timestamp minus the
     * overlap, which for a burst longer than one poll re-read the same first pages for ever.
     */
    private final Map<String, Resume> resume = new HashMap<>();

    private record Resume(long start, String token) {
    }
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private volatile boolean stopRequested;
    private volatile String status;
    private volatile long polls;
    private volatile long retries;

    public CloudWatchLogTail(AwsSession session, List<String> groups, Instant since, String filterPattern, Options options) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no log group to follow");
        }
        this.session = session;
        this.groups = List.copyOf(groups);
        this.sinceMs = since.toEpochMilli();
        this.filterPattern = filterPattern == null || filterPattern.isBlank() ? null : filterPattern;
        this.options = options;
        this.buffer = new EventBuffer(options.bufferCapacity());
        this.thread = new Thread(this::loop, THREAD_PREFIX + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
        setStatus("starting");
    }

    /** Starts polling; returns this. */
    public CloudWatchLogTail start() {
        thread.start();
        return this;
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

    /** The last status sentences, oldest first (a viewer that was not looking can still show "throttled"). */
    public synchronized List<String> statusHistory() {
        return List.copyOf(history);
    }

    /** Events waiting to be drained. */
    public int buffered() {
        return buffer.size();
    }

    /** Successful polls so far. */
    public long polls() {
        return polls;
    }

    /** Polls that failed transiently (throttled, unreachable) and were retried after a backoff. */
    public long retries() {
        return retries;
    }

    @Override
    public boolean isRunning() {
        return thread.isAlive() && !stopRequested;
    }

    /** Stops the poller and waits briefly for its thread to end. */
    @Override
    public void close() {
        stopRequested = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!status.endsWith("stopped")) {
            setStatus("stopped");
        }
    }

    private void loop() {
        int failures = 0;
        while (!stopRequested) {
            try {
                pollOnce();
                polls++;
                failures = 0;
                setStatus(following());
                Thread.sleep(options.pollInterval().toMillis());
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                if (stopRequested || Thread.currentThread().isInterrupted()) {
                    break;
                }
                if (!transient_(e)) {
                    setStatus(AwsErrors.status(e, LogsQuery.FILTER, describeGroups(), session) + "; stopped");
                    stopRequested = true;
                    break;
                }
                failures++;
                retries++;
                long wait = backoff(failures);
                String what = AwsErrors.kind(e) == AwsErrors.Kind.THROTTLED ? "throttled"
                        : AwsErrors.status(e, LogsQuery.FILTER, describeGroups(), session);
                setStatus(what + "; retrying in " + human(wait));
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
    }

    /**
     * One round over every group. Nothing is committed (seen ids, positions, buffer) until every
     * group answered, so a poll that fails half-way is simply repeated.
     */
    private void pollOnce() throws InterruptedException {
        List<LogEvent> batch = new ArrayList<>();
        Map<String, Long> batchIds = new LinkedHashMap<>();
        Map<String, Long> newestAfter = new HashMap<>(newest);
        Map<String, Resume> resumeAfter = new HashMap<>();
        for (String group : groups) {
            Long last = newest.get(group);
            long fresh = last == null ? sinceMs : Math.max(sinceMs, last - options.overlap().toMillis());
            Resume from = resume.get(group);
            long start = from == null ? fresh : from.start();
            String token = from == null ? null : from.token();
            int pages = 0;
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                FilterLogEventsRequest.Builder req = FilterLogEventsRequest.builder().logGroupName(group)
                        .startTime(start).nextToken(token);
                if (filterPattern != null) {
                    req.filterPattern(filterPattern);
                }
                FilterLogEventsResponse page;
                try {
                    page = session.logs().filterLogEvents(req.build());
                } catch (InvalidParameterException e) {
                    if (from == null || token == null || pages > 0) {
                        throw e;
                    }
                    // the service no longer takes the token the last poll kept: start again
                    // from the newest event seen, as a poll without one does
                    from = null;
                    start = fresh;
                    token = null;
                    continue;
                }
                for (FilteredLogEvent e : page.events()) {
                    String id = e.eventId() != null ? e.eventId() : group + "/" + e.logStreamName() + "/" + e.timestamp() + "/" + e.message();
                    long ts = e.timestamp() == null ? 0 : e.timestamp();
                    newestAfter.merge(group, ts, Math::max);
                    if (!seen.containsKey(id) && batchIds.putIfAbsent(id, ts) == null) {
                        batch.add(new LogEvent(group, e.logStreamName(), ts, e.message(), id));
                    }
                }
                token = page.nextToken();
                pages++;
                if (token == null) {
                    break;
                }
                if (pages >= options.maxPagesPerPoll()) {
                    resumeAfter.put(group, new Resume(start, token));
                    break;
                }
            }
        }
        // Stable sort: equal timestamps keep the service's order within a group.
        batch.sort(Comparator.comparingLong(LogEvent::timestamp));
        for (LogEvent e : batch) {
            seen.put(e.eventId(), e.timestamp());
            buffer.add(e);
        }
        newest.putAll(newestAfter);
        resume.clear();
        resume.putAll(resumeAfter);
        prune();
    }

    /** Forgets ids older than any poll can return again, and the oldest beyond the cap. */
    private void prune() {
        long cutoff = Long.MAX_VALUE;
        for (String g : groups) {
            Long last = newest.get(g);
            cutoff = Math.min(cutoff, last == null ? sinceMs : last - options.overlap().toMillis());
        }
        Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
        int excess = seen.size() - options.maxSeenIds();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() < cutoff || excess > 0) {
                it.remove();
                excess--;
            }
        }
    }

    private boolean transient_(RuntimeException e) {
        return AwsErrors.kind(e).transientTrouble();
    }

    private long backoff(int failures) {
        long base = options.backoffBase().toMillis();
        long cap = options.backoffMax().toMillis();
        long exp = base << Math.min(failures - 1, 20);
        long delay = Math.min(cap, Math.max(base, exp));
        // "Equal jitter": half fixed, half random, so retrying tails do not synchronise.
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    private String following() {
        return "following " + (groups.size() == 1 ? groups.get(0) : groups.size() + " groups")
                + (filterPattern == null ? "" : " (filter " + filterPattern + ")");
    }

    private String describeGroups() {
        return String.join(", ", groups);
    }

    private static String human(long ms) {
        return ms < 1000 ? ms + " ms" : Math.round(ms / 1000.0) + " s";
    }

    private synchronized void setStatus(String s) {
        status = s;
        if (history.size() == STATUS_HISTORY) {
            history.pollFirst();
        }
        history.addLast(s);
    }
}

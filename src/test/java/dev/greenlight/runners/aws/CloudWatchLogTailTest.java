package dev.greenlight.runners.aws;

import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.awsfake.FakeLogs;
import dev.greenlight.engine.logs.LogEvent;
import dev.greenlight.engine.logs.LogTail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The log tail over the real SDK: order, dedupe across polls, the buffer bound, backoff, stopping. */
class CloudWatchLogTailTest {
    private static final String A = "/aws/lambda/a";
    private static final String B = "/aws/lambda/b";
    private static final CloudWatchLogTail.Options FAST = CloudWatchLogTail.Options.DEFAULT
            .withPollInterval(Duration.ofMillis(50)).withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));

    private FakeAws aws;
    private FakeLogs logs;
    private AwsSession session;
    private final List<LogTail> tails = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        logs = new FakeLogs();
        logs.group(A).group(B);
        aws = new FakeAws().register(logs);
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        session = AwsSession.create(new AwsSettings(null, "us-east-1", aws.endpoint().toString()));
    }

    @AfterEach
    void stop() {
        tails.forEach(LogTail::close);
        session.close();
        aws.close();
    }

    private CloudWatchLogTail follow(CloudWatchLogTail.Options options, List<String> groups, Instant since, String filter) {
        CloudWatchLogTail t = (CloudWatchLogTail) new AwsLogTailFactory(session, options).follow(groups, since, filter);
        tails.add(t);
        return t;
    }

    /** Waits (bounded) for a condition; the test then asserts on state, never on elapsed time. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Drains {@code tail} into {@code got} until {@code done} holds. */
    private static void drainInto(List<LogEvent> got, LogTail tail, String what, BooleanSupplier done)
            throws InterruptedException {
        await(what, () -> {
            got.addAll(tail.drain(1000));
            return done.getAsBoolean();
        });
    }

    private static List<LogEvent> drainUntil(LogTail tail, int n) throws InterruptedException {
        List<LogEvent> got = new ArrayList<>();
        await(n + " events", () -> {
            got.addAll(tail.drain(1000));
            return got.size() >= n;
        });
        return got;
    }

    private static long threadsNamedLikeTails() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(CloudWatchLogTail.THREAD_PREFIX) && t.isAlive()).count();
    }

    @Test
    void deliversEventsAppendedWhileRunningInTimestampOrderMergedAcrossGroups() throws Exception {
        long t0 = 1_700_000_000_000L;
        logs.put(A, "s", t0 - 10_000, "before since: never delivered");
        CloudWatchLogTail tail = follow(FAST, List.of(A, B), Instant.ofEpochMilli(t0), null);
        await("first poll", () -> tail.polls() >= 1);
        logs.put(B, "s", t0 + 30, "b30").put(A, "s", t0 + 10, "a10").put(A, "s", t0 + 20, "a20").put(B, "s", t0 + 5, "b5");
        List<LogEvent> got = drainUntil(tail, 4);
        assertThat(got).extracting(LogEvent::message).containsExactly("b5", "a10", "a20", "b30");
        assertThat(got).extracting(LogEvent::group).containsExactly(B, A, A, B);
        assertThat(tail.status()).isEqualTo("following 2 groups");
    }

    @Test
    void equalTimestampsStraddlingAPollBoundaryAreDeliveredOnceEach() throws Exception {
        long ts = 1_700_000_000_000L;
        CloudWatchLogTail tail = follow(FAST, List.of(A), Instant.ofEpochMilli(ts - 1000), null);
        logs.put(A, "s", ts, "first").put(A, "s", ts, "second");
        List<LogEvent> got = drainUntil(tail, 2);
        long polled = tail.polls();
        logs.put(A, "s", ts, "third at the same millisecond").put(A, "s", ts + 1, "fourth");
        got.addAll(drainUntil(tail, 2));
        // Several more polls re-read the overlap window; none of it may come back.
        await("three more polls", () -> tail.polls() >= polled + 3);
        got.addAll(tail.drain(1000));
        assertThat(got).extracting(LogEvent::message)
                .containsExactly("first", "second", "third at the same millisecond", "fourth");
        assertThat(got).extracting(LogEvent::eventId).doesNotHaveDuplicates();
    }

    /**
     * More events inside the overlap window than one poll may read (here 1 page of 10; in
     * production 20 pages of 10,000, a group writing over ~40,000 lines/s): each poll used to start
     * again at the newest timestamp minus the overlap, re-read the same first pages, and never
     * reach the rest.
     */
    /** FAST, but a poll reads one page at most, so a burst takes several polls. */
    private static CloudWatchLogTail.Options onePagePerPoll() {
        return new CloudWatchLogTail.Options(FAST.pollInterval(), FAST.overlap(),
                FAST.bufferCapacity(), FAST.backoffBase(), FAST.backoffMax(), 1, FAST.maxSeenIds());
    }

    private void burst(long t0, int events) {
        for (int i = 0; i < events; i++) {
            logs.put(A, "s", t0 + i, "burst " + i);
        }
    }

    @Test
    void aBurstLongerThanOnePollCanReadIsReadOverSeveralPolls() throws Exception {
        long t0 = 1_700_000_000_000L;
        logs.pageSize(10);
        burst(t0, 55);
        CloudWatchLogTail tail = follow(onePagePerPoll(), List.of(A), Instant.ofEpochMilli(t0), null);
        List<LogEvent> got = new ArrayList<>();
        drainInto(got, tail, "12 polls", () -> tail.polls() >= 12);
        got.addAll(tail.drain(1000));
        assertThat(got).hasSize(55);
        assertThat(got).extracting(LogEvent::message).startsWith("burst 0", "burst 1").endsWith("burst 54");
        // and the tail keeps up with what comes after the burst
        logs.put(A, "s", t0 + 100, "after the burst");
        got.addAll(drainUntil(tail, 1));
        assertThat(got).extracting(LogEvent::message).endsWith("after the burst").doesNotHaveDuplicates();
    }

    /** A kept token the service no longer takes (they expire) sends the next poll back to the overlap, not to an error. */
    @Test
    void aRejectedResumeTokenStartsThePollAgainInsteadOfStoppingTheTail() throws Exception {
        long t0 = 1_700_000_000_000L;
        logs.pageSize(10).rejectTokens(true);
        burst(t0, 25);
        CloudWatchLogTail tail = follow(onePagePerPoll(), List.of(A), Instant.ofEpochMilli(t0), null);
        List<LogEvent> got = new ArrayList<>();
        drainInto(got, tail, "5 polls", () -> tail.polls() >= 5);
        assertThat(tail.status()).isEqualTo("following " + A);
        assertThat(got).extracting(LogEvent::message).startsWith("burst 0").doesNotHaveDuplicates();
        logs.rejectTokens(false);
        drainInto(got, tail, "the rest once tokens work again", () -> got.size() >= 25);
        assertThat(got).hasSize(25).extracting(LogEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void staysWithinTheBufferBoundWhen50000EventsArriveQuickly() throws Exception {
        int appended = 50_000;
        long t0 = 1_700_000_000_000L;
        CloudWatchLogTail tail = follow(FAST.withBufferCapacity(1_000), List.of(A), Instant.ofEpochMilli(t0), null);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < appended; i++) {
                logs.put(A, "s" + (i % 7), t0 + i / 3, "line " + i);
            }
        }, "test-writer");
        writer.start();
        long[] delivered = {0};
        long[] lastTs = {Long.MIN_VALUE};
        boolean[] ordered = {true};
        await("every event delivered or dropped", () -> {
            assertThat(tail.buffered()).isLessThanOrEqualTo(1_000);
            // A slow viewer: a few events per look.
            for (LogEvent e : tail.drain(50)) {
                ordered[0] &= e.timestamp() >= lastTs[0];
                lastTs[0] = e.timestamp();
                delivered[0]++;
            }
            return !writer.isAlive() && delivered[0] + tail.buffered() + tail.dropped() == appended;
        });
        assertThat(tail.dropped()).isGreaterThan(0);
        assertThat(delivered[0] + tail.buffered() + tail.dropped()).isEqualTo(appended);
        assertThat(ordered[0]).isTrue();
        // Nothing more arrives later: no event was counted twice.
        long polled = tail.polls();
        await("two more polls", () -> tail.polls() >= polled + 2);
        assertThat(delivered[0] + tail.buffered() + tail.dropped()).isEqualTo(appended);
    }

    @Test
    void backsOffWhenThrottledThenRecovers() throws Exception {
        // The SDK retries 3 times itself; 6 throttled answers make the tail back off twice.
        aws.fault(FakeAws.Fault.error("FilterLogEvents", 400, "ThrottlingException", "Rate exceeded").times(6));
        long ts = 1_700_000_000_000L;
        logs.put(A, "s", ts, "after the storm");
        CloudWatchLogTail tail = follow(FAST, List.of(A), Instant.ofEpochMilli(ts - 1), null);
        List<LogEvent> got = drainUntil(tail, 1);
        assertThat(got).extracting(LogEvent::message).containsExactly("after the storm");
        assertThat(tail.retries()).isEqualTo(2);
        assertThat(tail.statusHistory()).filteredOn(s -> s.startsWith("throttled; retrying in ")).hasSize(2);
        await("status back to following", () -> tail.status().equals("following " + A));
        assertThat(tail.isRunning()).isTrue();
    }

    @Test
    void stopsWithAPlainStatusWhenAccessIsDenied() throws Exception {
        aws.fault(FakeAws.Fault.error("FilterLogEvents", 400, "AccessDeniedException", "not authorized to perform: logs:FilterLogEvents"));
        CloudWatchLogTail tail = follow(FAST, List.of(A), Instant.now(), null);
        await("tail stops", () -> !tail.isRunning());
        assertThat(tail.status()).isEqualTo("access denied: grant logs:FilterLogEvents on " + A + "; stopped");
    }

    @Test
    void stopsWhenTheGroupDoesNotExist() throws Exception {
        CloudWatchLogTail tail = follow(FAST, List.of("/aws/lambda/never-ran"), Instant.now(), null);
        await("tail stops", () -> !tail.isRunning());
        assertThat(tail.status()).isEqualTo("/aws/lambda/never-ran does not exist; stopped");
    }

    @Test
    void appliesTheFilterPattern() throws Exception {
        long ts = 1_700_000_000_000L;
        logs.put(A, "s", ts + 1, "[INFO] fine").put(A, "s", ts + 2, "[ERROR] boom").put(A, "s", ts + 3, "[INFO] still fine");
        CloudWatchLogTail tail = follow(FAST, List.of(A), Instant.ofEpochMilli(ts), "ERROR");
        assertThat(drainUntil(tail, 1)).extracting(LogEvent::message).containsExactly("[ERROR] boom");
        long polled = tail.polls();
        await("two more polls", () -> tail.polls() >= polled + 2);
        assertThat(tail.drain(10)).isEmpty();
    }

    @Test
    void closeStopsThePollerThreadsAndLeaksNone() throws Exception {
        long before = threadsNamedLikeTails();
        // A slow endpoint, so close() lands while a request is in flight.
        aws.latency(200);
        List<CloudWatchLogTail> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            started.add(follow(CloudWatchLogTail.Options.DEFAULT, List.of(A, B), Instant.now(), null));
        }
        assertThat(threadsNamedLikeTails()).isEqualTo(before + 4);
        started.forEach(CloudWatchLogTail::close);
        assertThat(started).noneMatch(CloudWatchLogTail::isRunning);
        assertThat(threadsNamedLikeTails()).isEqualTo(before);
        assertThat(started.get(0).status()).isEqualTo("stopped");
    }
}

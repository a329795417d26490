package dev.greenlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.awsfake.FakeRequest;
import dev.greenlight.awsfake.FakeResponse;
import dev.greenlight.awsfake.FakeService;

/**
 * A CloudWatch Logs FilterLogEvents endpoint for one endless-looking group that generates its
 * events on demand instead of storing them, so a million-line stream costs the fake no memory and
 * the heap measured is the tail's. Event {@code i} has timestamp {@code base + i} ms (a 1,000
 * lines/s stream); events become visible at {@code releasePerSecond} lines/s of wall time, a
 * replay faster than real time.
 */
final class StreamingLogs implements FakeService {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int PAGE = 10_000;

    private final String group;
    private final long base;
    private final long total;
    private final long releasePerSecond;
    private volatile long startNanos = -1;

    StreamingLogs(String group, long baseMs, long total, long releasePerSecond) {
        this.group = group;
        this.base = baseMs;
        this.total = total;
        this.releasePerSecond = releasePerSecond;
    }

    void start() {
        startNanos = System.nanoTime();
    }

    long visible() {
        if (startNanos < 0) {
            return 0;
        }
        return Math.min(total, (System.nanoTime() - startNanos) * releasePerSecond / 1_000_000_000L);
    }

    @Override
    public String signingName() {
        return "logs";
    }

    @Override
    public FakeResponse error(int status, String code, String message) {
        return FakeResponse.jsonError(status, CONTENT_TYPE, code, message);
    }

    @Override
    public FakeResponse handle(FakeRequest r) {
        if (!r.operation().equals("FilterLogEvents")) {
            return error(400, "UnknownOperationException", "Unknown operation " + r.operation());
        }
        JsonNode in = r.json();
        if (!group.equals(in.path("logGroupName").asText())) {
            return error(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        long visible = visible();
        long from = in.hasNonNull("nextToken") ? Long.parseLong(in.get("nextToken").asText().substring(2))
                : Math.max(0, in.path("startTime").asLong(base) - base);
        long to = Math.min(visible, from + PAGE);
        StringBuilder b = new StringBuilder(Math.max(64, (int) (to - from) * 190)).append("{\"events\":[");
        for (long i = from; i < to; i++) {
            if (i > from) {
                b.append(',');
            }
            long ts = base + i;
            b.append("{\"logStreamName\":\"2024/05/02/[$LATEST]0a1b2c3d\",\"timestamp\":").append(ts)
                    .append(",\"message\":\"[INFO] request ").append(i)
                    .append(" processed segment 7 of workflow wf-3f1c2d in 42 ms\",\"ingestionTime\":").append(ts)
                    .append(",\"eventId\":\"").append(i).append("\"}");
        }
        b.append("],\"searchedLogStreams\":[]");
        if (to < visible) {
            b.append(",\"nextToken\":\"i/").append(to).append('"');
        }
        b.append('}');
        return FakeResponse.of(200, CONTENT_TYPE, b.toString());
    }
}

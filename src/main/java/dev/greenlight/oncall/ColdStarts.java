package dev.greenlight.oncall;

import dev.greenlight.engine.logs.LogEvent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts from Lambda's {@code REPORT} lines — the one parser of those lines, used by the
 * on-call chart and by the {@code logs-cold-start} runner: one point per invocation whose line carries
 * {@code Init Duration} (warm invocations have none), with the maximum and the 95th percentile.
 *
 * <pre>
 * REPORT RequestId: 3f1c… Duration: 102.25 ms Billed Duration: 103 ms Memory Size: 2048 MB Max Memory Used: 180 MB Init Duration: 812.34 ms
 * </pre>
 *
 * A function whose {@code LoggingConfig.LogFormat} is JSON writes the same report as a
 * {@code platform.report} record, the cold start in {@code record.metrics.initDurationMs}:
 * <pre>
 * {"time":"…","type":"platform.report","record":{"requestId":"3f1c…","metrics":{"durationMs":102.25,"billedDurationMs":103,"memorySizeMB":2048,"maxMemoryUsedMB":180,"initDurationMs":812.34}}}
 * </pre>
 * With SnapStart a cold start restores a snapshot instead of initialising: {@code Restore Duration}
 * in text, {@code restoreDurationMs} in JSON, counted as the cold start's time.
 */
public final class ColdStarts {
    private static final Pattern REQUEST = Pattern.compile("\\bREPORT\\s+RequestId:\\s*(\\S+)");
    private static final Pattern DURATION = Pattern.compile("(?<!Billed )(?<!Init )(?<!Restore )\\bDuration:\\s*([0-9]+(?:\\.[0-9]+)?)\\s*ms");
    private static final Pattern INIT = Pattern.compile("\\bInit Duration:\\s*([0-9]+(?:\\.[0-9]+)?)\\s*ms");
    private static final Pattern RESTORE = Pattern.compile("(?<!Billed )\\bRestore Duration:\\s*([0-9]+(?:\\.[0-9]+)?)\\s*ms");
    private static final com.fasterxml.jackson.databind.json.JsonMapper JSON = new com.fasterxml.jackson.databind.json.JsonMapper();
    private static final Pattern BILLED = Pattern.compile("\\bBilled Duration:\\s*([0-9]+(?:\\.[0-9]+)?)\\s*ms");
    private static final Pattern MEMORY = Pattern.compile("\\bMemory Size:\\s*([0-9]+)\\s*MB");
    private static final Pattern MAX_MEMORY = Pattern.compile("\\bMax Memory Used:\\s*([0-9]+)\\s*MB");

    private ColdStarts() {
    }

    /**
     * One REPORT line: {@code initMs} is null for a warm invocation, {@code timestamp} null when
     * unknown; billed duration falls back to the duration, memory figures are null when the line
     * lacks them.
     */
    public record Report(Instant timestamp, String requestId, double durationMs, Double initMs, double billedMs,
                         Integer memorySizeMb, Integer maxMemoryUsedMb) {
        public Report(Instant timestamp, String requestId, double durationMs, Double initMs) {
            this(timestamp, requestId, durationMs, initMs, durationMs, null, null);
        }

        public boolean cold() {
            return initMs != null;
        }
    }

    /** A cold start for the chart. */
    public record Point(Instant timestamp, String requestId, double initMs) {
    }

    /**
     * @param points      cold starts in input order
     * @param invocations REPORT lines seen, warm and cold
     */
    public record Series(List<Point> points, int invocations) {
        public Series {
            points = List.copyOf(points);
        }

        public OptionalDouble maxInitMs() {
            return points.stream().mapToDouble(Point::initMs).max();
        }

        /** Nearest-rank 95th percentile: the value at rank ceil(0.95 × n) of the sorted init times. */
        public OptionalDouble p95InitMs() {
            return percentile(points.stream().map(Point::initMs).toList(), 95);
        }
    }

    /** Parses a REPORT line (the text may carry a prefix, such as {@code aws logs tail}'s time and stream). */
    public static Optional<Report> parse(String line, Instant timestamp) {
        if (line == null) {
            return Optional.empty();
        }
        String trimmed = line.strip();
        if (trimmed.startsWith("{") && trimmed.contains("platform.report")) {
            return parseJson(trimmed, timestamp);
        }
        Matcher req = REQUEST.matcher(line);
        if (!req.find()) {
            return Optional.empty();
        }
        Matcher d = DURATION.matcher(line);
        if (!d.find(req.end())) {
            return Optional.empty();
        }
        Matcher init = INIT.matcher(line);
        Double initMs = init.find(req.end()) ? Double.valueOf(init.group(1)) : number(RESTORE, line, req.end());
        double duration = Double.parseDouble(d.group(1));
        Double billed = number(BILLED, line, req.end());
        Double memory = number(MEMORY, line, req.end());
        Double maxMemory = number(MAX_MEMORY, line, req.end());
        return Optional.of(new Report(timestamp, req.group(1), duration, initMs, billed == null ? duration : billed,
                memory == null ? null : memory.intValue(), maxMemory == null ? null : maxMemory.intValue()));
    }

    /** A JSON-format {@code platform.report} record; anything else (application lines, other platform records) is no report. */
    private static Optional<Report> parseJson(String json, Instant timestamp) {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (node == null || !"platform.report".equals(node.path("type").asText())) {
            return Optional.empty();
        }
        com.fasterxml.jackson.databind.JsonNode metrics = node.path("record").path("metrics");
        if (!metrics.path("durationMs").isNumber()) {
            return Optional.empty();
        }
        double duration = metrics.path("durationMs").asDouble();
        // a warm invocation has neither: null, not an unboxed 0 (so no ?: mixing double and null here)
        Double init = null;
        if (metrics.path("initDurationMs").isNumber()) {
            init = metrics.get("initDurationMs").asDouble();
        } else if (metrics.path("restoreDurationMs").isNumber()) {
            init = metrics.get("restoreDurationMs").asDouble();
        }
        double billed = metrics.path("billedDurationMs").isNumber() ? metrics.get("billedDurationMs").asDouble() : duration;
        Integer memory = metrics.path("memorySizeMB").isNumber() ? metrics.get("memorySizeMB").asInt() : null;
        Integer maxMemory = metrics.path("maxMemoryUsedMB").isNumber() ? metrics.get("maxMemoryUsedMB").asInt() : null;
        Instant when = timestamp;
        if (when == null && node.path("time").isTextual()) {
            try {
                when = OffsetDateTime.parse(node.get("time").asText()).toInstant();
            } catch (DateTimeParseException ignored) {
                // no time: the point has none, as with a text line without one
            }
        }
        return Optional.of(new Report(when, node.path("record").path("requestId").asText(null), duration, init, billed, memory, maxMemory));
    }

    private static Double number(Pattern p, String line, int from) {
        Matcher m = p.matcher(line);
        return m.find(from) ? Double.valueOf(m.group(1)) : null;
    }

    public static Series fromEvents(List<LogEvent> events) {
        List<Report> reports = new ArrayList<>();
        for (LogEvent e : events) {
            parse(e.message(), Instant.ofEpochMilli(e.timestamp())).ifPresent(reports::add);
        }
        return series(reports);
    }

    /** Plain lines, for example from {@code aws logs tail}; a leading ISO-8601 time is used as the timestamp. */
    public static Series fromLines(List<String> lines) {
        List<Report> reports = new ArrayList<>();
        for (String l : lines) {
            parse(l, leadingTime(l)).ifPresent(reports::add);
        }
        return series(reports);
    }

    public static Series series(List<Report> reports) {
        List<Point> points = reports.stream().filter(Report::cold)
                .map(r -> new Point(r.timestamp(), r.requestId(), r.initMs())).toList();
        return new Series(points, reports.size());
    }

    /** Nearest-rank percentile (p in 1..100) of the values; empty when there are none. */
    public static OptionalDouble percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (p < 1 || p > 100) {
            throw new IllegalArgumentException("percentile must be 1..100, was " + p);
        }
        List<Double> sorted = values.stream().sorted().toList();
        // integer arithmetic: ceil(p * n / 100) without floating-point error at exact ranks
        int rank = (p * sorted.size() + 99) / 100;
        return OptionalDouble.of(sorted.get(Math.max(rank, 1) - 1));
    }

    private static Instant leadingTime(String line) {
        String first = line.strip().split("\\s+", 2)[0];
        try {
            return OffsetDateTime.parse(first).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(first);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}

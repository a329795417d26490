package dev.greenlight.ui.charts;

import dev.greenlight.engine.logs.LogEvent;
import dev.greenlight.oncall.ColdStarts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The points of a cold-start chart, parsed by {@link ColdStarts} (the same parser as the
 * {@code logs-cold-start} check): one per REPORT line with an Init Duration, once per request id
 * (a follow may deliver an event again), oldest first.
 */
public final class ColdStartSeries {
    private final Map<String, ColdStarts.Point> byRequest = new LinkedHashMap<>();
    private final Double limitMs;
    private final Double p95LimitMs;

    /** @param limitMs the item's {@code max-ms}, or null; {@code p95LimitMs} its {@code p95-ms}, or null */
    public ColdStartSeries(Double limitMs, Double p95LimitMs) {
        this.limitMs = limitMs;
        this.p95LimitMs = p95LimitMs;
    }

    /** Adds the cold starts among the events; true when a point was new. */
    public boolean addEvents(List<LogEvent> events) {
        return add(ColdStarts.fromEvents(events));
    }

    /** Adds the cold starts among plain lines (for example the check's evidence lines). */
    public boolean addLines(List<String> lines) {
        return add(ColdStarts.fromLines(lines));
    }

    private boolean add(ColdStarts.Series s) {
        boolean added = false;
        for (ColdStarts.Point p : s.points()) {
            if (p.timestamp() != null && byRequest.putIfAbsent(p.requestId(), p) == null) {
                added = true;
            }
        }
        return added;
    }

    public List<ColdStarts.Point> points() {
        List<ColdStarts.Point> out = new ArrayList<>(byRequest.values());
        out.sort(Comparator.comparing(ColdStarts.Point::timestamp));
        return out;
    }

    public Double limitMs() {
        return limitMs;
    }

    public Double p95LimitMs() {
        return p95LimitMs;
    }

    public OptionalDouble max() {
        return byRequest.values().stream().mapToDouble(ColdStarts.Point::initMs).max();
    }

    public OptionalDouble p95() {
        return ColdStarts.percentile(byRequest.values().stream().map(ColdStarts.Point::initMs).toList(), 95);
    }

    /** True when a point is over {@code max-ms} or the p95 over {@code p95-ms}. */
    public boolean overLimit() {
        return limitMs != null && max().orElse(0) > limitMs || p95LimitMs != null && p95().orElse(0) > p95LimitMs;
    }

    /** "12 cold starts · max 2812 ms · p95 2700 ms · limit 3000 ms". */
    public String summary() {
        int n = byRequest.size();
        if (n == 0) {
            return "No cold start seen yet" + (limitMs == null ? "." : " (limit " + ms(limitMs) + ").");
        }
        StringBuilder b = new StringBuilder();
        b.append(n).append(n == 1 ? " cold start" : " cold starts").append(" · max ").append(ms(max().getAsDouble()))
                .append(" · p95 ").append(ms(p95().getAsDouble()));
        if (limitMs != null) {
            b.append(" · limit ").append(ms(limitMs));
        }
        if (p95LimitMs != null) {
            b.append(" · p95 limit ").append(ms(p95LimitMs));
        }
        if (overLimit()) {
            b.append(" — over the limit");
        }
        return b.toString();
    }

    public Instant first() {
        return points().isEmpty() ? null : points().get(0).timestamp();
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f ms", v);
    }
}

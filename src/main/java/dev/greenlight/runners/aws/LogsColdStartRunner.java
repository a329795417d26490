package dev.greenlight.runners.aws;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.oncall.ColdStarts;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Lambda cold starts since a point in time stay under a limit. Cold starts are the REPORT lines
 * that carry {@code Init Duration}; the check reports how many were seen, the maximum and the p95
 * (nearest rank), and fails when the maximum exceeds {@code max-ms} or the p95 exceeds {@code p95-ms}.
 *
 * <pre>{@code
 * check:
 *   type: logs-cold-start
 *   logical-id: InitializeStateDataFunction   # or function: <name|ARN>, or group: /aws/lambda/...
 *   stack: ${stack}                           # default: the checklist variable 'stack'
 *   since: deploy                              # or 30m, 2h, 1d (default 1d)
 *   max-ms: 3000
 *   p95-ms: 2500                               # optional
 *   min-samples: 1                             # fewer cold starts seen: NO DATA
 *   on-no-data: warn                           # the default for this runner: speed, not correctness
 * }</pre>
 */
public final class LogsColdStartRunner implements Runner<LogsColdStartRunner.Spec> {
    /**
     * Any of the cold-start phrases of either log format (text {@code Init Duration}, SnapStart's
     * {@code Restore Duration}, JSON {@code initDurationMs} / {@code restoreDurationMs}): the service
     * narrows to the reports that can be cold starts, the parser decides.
     */
    static final String FILTER = "?\"Init Duration\" ?\"Restore Duration\" ?initDurationMs ?restoreDurationMs";
    private static final int EVIDENCE = 3;

    public record Spec(String group, String function, String logicalId, String stack, String since,
                       Integer maxMs, Integer p95Ms, Integer minSamples) {
    }

    /** A parsed cold start and the event it came from. */
    private record Sample(ColdStarts.Report report, FilteredLogEvent event) {
    }

    @Override
    public boolean postDeploy() {
        return true;
    }

    /** A cold-start limit is about speed, not correctness: seeing none is a caveat unless the item says block. */
    @Override
    public boolean noDataBlocksByDefault() {
        return false;
    }

    @Override
    public String type() {
        return "logs-cold-start";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<String> iamActions() {
        return List.of(LogsQuery.FILTER, "lambda:GetFunction", "cloudformation:ListStackResources",
                "cloudformation:DescribeStackResource", "cloudformation:DescribeStacks");
    }

    @Override
    public List<String> iamActions(Spec spec) {
        return LogsQuery.iamActions(spec.group(), spec.logicalId(), spec.since());
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>(
                LogsQuery.validateSource(spec.group(), spec.function(), spec.logicalId(), spec.since()));
        if (spec.maxMs() == null && spec.p95Ms() == null) {
            problems.add(new SpecProblem("max-ms", "no limit: give 'max-ms' and/or 'p95-ms'", "e.g. max-ms: 3000"));
        }
        if (spec.maxMs() != null && spec.maxMs() <= 0 || spec.p95Ms() != null && spec.p95Ms() <= 0) {
            problems.add(new SpecProblem(spec.maxMs() != null && spec.maxMs() <= 0 ? "max-ms" : "p95-ms", "limits must be positive", null));
        }
        if (spec.minSamples() != null && spec.minSamples() < 1) {
            problems.add(new SpecProblem("min-samples", "'min-samples' must be at least 1", null));
        }
        return problems;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        return AwsErrors.expecting(expectation(spec), evaluate(spec, ctx));
    }

    /** What the item checks, for results of a run that could not get that far. */
    static String expectation(Spec spec) {
        return limits(spec);
    }

    private Result evaluate(Spec spec, RunContext ctx) {
        if (spec.maxMs() == null && spec.p95Ms() == null) {
            return Result.error("No limit given: set 'max-ms' and/or 'p95-ms'.").build();
        }
        LogsQuery.Target t;
        try {
            t = LogsQuery.resolve(ctx, spec.group(), spec.function(), spec.logicalId(), spec.stack(), spec.since(), "1d");
        } catch (LogsQuery.Stop stop) {
            return stop.result;
        }
        String region = t.session().region().id();
        int minSamples = spec.minSamples() == null ? 1 : spec.minSamples();
        LogsQuery.Scan scan;
        try {
            scan = LogsQuery.scan(ctx, t, FILTER, e -> ColdStarts.parse(e.message(), null).filter(ColdStarts.Report::cold).isPresent(),
                    Integer.MAX_VALUE);
        } catch (Exception e) {
            if (AwsErrors.isNotFound(e)) {
                return LogsQuery.noData(t, "the cold-start time", false).expected(limits(spec)).build();
            }
            return AwsErrors.result(e, LogsQuery.FILTER, t.group(), t.session()).build();
        }
        List<Sample> samples = new ArrayList<>();
        for (FilteredLogEvent e : scan.matched()) {
            ColdStarts.parse(e.message(), Instant.ofEpochMilli(e.timestamp())).filter(ColdStarts.Report::cold)
                    .ifPresent(report -> samples.add(new Sample(report, e)));
        }
        String expected = limits(spec);
        if (samples.size() < minSamples) {
            // "No cold start seen" is not a skipped check: it looked, and there was nothing to measure.
            boolean ran;
            try {
                ran = scan.scanned() > 0 || LogsQuery.anyEvent(ctx, t);
            } catch (Exception e) {
                return AwsErrors.result(e, LogsQuery.FILTER, t.group(), t.session()).build();
            }
            if (!ran) {
                return LogsQuery.noData(t, "the cold-start time", true).expected(expected).build();
            }
            Instant end = LogsQuery.windowEndInstant(t.session());
            return Result.noData("No data: " + (samples.isEmpty() ? "no cold start" : "only " + samples.size() + " of the "
                            + minSamples + " cold starts needed") + " in " + t.group() + " from " + t.since() + " to " + end
                            + " (the function ran, but warm), so the cold-start time cannot be judged since " + t.sinceText()
                            + ". To produce data: invoke the function after a deploy or after it has been idle, and run again"
                            + (minSamples > 1 ? ", or lower 'min-samples'" : "") + ".")
                    .expected(expected).actual(samples.size() + " cold start(s)")
                    .evidence(Evidence.aws(LogsQuery.FILTER, t.group(), region, "window " + t.since() + " to " + end + ", "
                            + scan.scanned() + " REPORT lines with Init Duration, " + samples.size() + " cold start(s)"))
                    .build();
        }
        samples.sort(Comparator.comparingDouble((Sample s) -> s.report().initMs()).reversed());
        double max = samples.get(0).report().initMs();
        double p95 = nearestRank(samples, 0.95);
        List<String> over = new ArrayList<>();
        if (spec.maxMs() != null && max > spec.maxMs()) {
            over.add("slowest cold start " + ms(max) + " exceeds " + spec.maxMs() + " ms");
        }
        if (spec.p95Ms() != null && p95 > spec.p95Ms()) {
            over.add("p95 " + ms(p95) + " exceeds " + spec.p95Ms() + " ms");
        }
        String actual = "max " + ms(max) + ", p95 " + ms(p95) + " over " + samples.size() + " cold start(s)";
        List<Evidence> evidence = samples.stream().limit(EVIDENCE)
                .map(s -> Evidence.aws(LogsQuery.FILTER, t.group(), region, LogsQuery.line(s.event()))).toList();
        Result.Builder b;
        if (over.isEmpty()) {
            b = Result.pass("Cold starts in " + t.group() + " since " + t.sinceText() + " stay within the limit: " + actual + ".");
        } else {
            String joined = String.join("; ", over);
            b = Result.fail(Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + " (" + samples.size()
                    + " cold start(s) in " + t.group() + " since " + t.sinceText() + ").");
        }
        b.expected(expected).actual(actual).evidence(evidence);
        if (scan.truncated()) {
            b.note("stopped after " + scan.scanned() + " REPORT lines; the window holds more");
        }
        return b.build();
    }

    /** Nearest-rank percentile over samples sorted slowest first. */
    private static double nearestRank(List<Sample> slowestFirst, double q) {
        int n = slowestFirst.size();
        int rank = (int) Math.ceil(q * n); // 1-based rank in ascending order
        return slowestFirst.get(n - rank).report().initMs();
    }

    private static String limits(Spec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.maxMs() != null) {
            parts.add("max Init Duration <= " + spec.maxMs() + " ms");
        }
        if (spec.p95Ms() != null) {
            parts.add("p95 Init Duration <= " + spec.p95Ms() + " ms");
        }
        return String.join(", ", parts);
    }

    private static String ms(double v) {
        String n = v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return n + " ms";
    }
}

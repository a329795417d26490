package dev.greenlight.runners.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A log line is present (or absent) in a log group within a time window. The CloudWatch
 * {@code filter-pattern} is applied by the service; the {@code pattern} regex is applied here to
 * each event's message (both may be given: the filter narrows what is fetched) — to a text line
 * itself, to the {@code message} of a JSON-format line ({@link LambdaLogLine}).
 *
 * <pre>{@code
 * check:
 *   type: logs-pattern
 *   logical-id: InitializeStateDataFunction   # or function: <name|ARN>, or group: /aws/lambda/...
 *   stack: ${stack}                           # default: the checklist variable 'stack'
 *   filter-pattern: '"Day-Zero Sync"'
 *   pattern: '🎯 \[Day-Zero Sync\]'
 *   since: deploy                              # or 30m, 2h, 1d (default 1d)
 *   present: true                              # false: any match is a FAIL
 *   min: 1
 * }</pre>
 */
public final class LogsPatternRunner implements Runner<LogsPatternRunner.Spec> {
    private static final int EVIDENCE = 5;

    public record Spec(String group, String function, String logicalId, String stack, String pattern,
                       String filterPattern, String since, Boolean present, Integer min) {
    }

    @Override
    public boolean postDeploy() {
        return true;
    }

    @Override
    public String type() {
        return "logs-pattern";
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
        if (spec.pattern() == null && spec.filterPattern() == null) {
            problems.add(new SpecProblem("pattern", "give 'pattern' (a regex) or 'filter-pattern' (CloudWatch syntax)",
                    "e.g. filter-pattern: '\"ModuleNotFoundError\"'"));
        }
        if (spec.pattern() != null && !spec.pattern().contains("${")) {
            try {
                Pattern.compile(spec.pattern());
            } catch (PatternSyntaxException e) {
                problems.add(new SpecProblem("pattern", "invalid regex: " + e.getDescription(), "escape [ ] ( ) with \\"));
            }
        }
        if (spec.min() != null && spec.min() < 1) {
            problems.add(new SpecProblem("min", "'min' must be at least 1", null));
        }
        if (spec.min() != null && Boolean.FALSE.equals(spec.present())) {
            problems.add(new SpecProblem("min", "'min' has no meaning with 'present: false' (any match fails)", "remove 'min'"));
        }
        return problems;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        return AwsErrors.expecting(expectation(spec), evaluate(spec, ctx));
    }

    /** What the item checks, for results of a run that could not get that far. */
    static String expectation(Spec spec) {
        boolean present = spec.present() == null || spec.present();
        int min = spec.min() == null ? 1 : spec.min();
        String where = spec.group() != null ? spec.group() : "the logs of " + (spec.function() != null ? spec.function() : spec.logicalId());
        return (present ? (min == 1 ? "a line matching " : min + " lines matching ") : "no line matching ") + describe(spec)
                + " in " + where + " since " + (spec.since() == null ? "1d" : spec.since());
    }

    private Result evaluate(Spec spec, RunContext ctx) {
        LogsQuery.Target t;
        try {
            t = LogsQuery.resolve(ctx, spec.group(), spec.function(), spec.logicalId(), spec.stack(), spec.since(), "1d");
        } catch (LogsQuery.Stop stop) {
            return stop.result;
        }
        boolean present = spec.present() == null || spec.present();
        int min = spec.min() == null ? 1 : spec.min();
        Pattern regex;
        try {
            regex = spec.pattern() == null ? null : Pattern.compile(spec.pattern());
        } catch (PatternSyntaxException e) {
            return Result.error("The pattern is not a valid regex: " + e.getDescription() + ".").build();
        }
        // a JSON-format application line is matched by its message, as a text line by itself
        Predicate<FilteredLogEvent> keep = e -> regex == null
                || LambdaLogLine.texts(e.message()).stream().anyMatch(text -> regex.matcher(text).find());
        String what = describe(spec);
        String region = t.session().region().id();
        LogsQuery.Scan scan;
        try {
            // Present: stop at min. Absent: keep counting so the verdict can say how many.
            scan = LogsQuery.scan(ctx, t, spec.filterPattern(), keep, present ? min : Integer.MAX_VALUE);
        } catch (Exception e) {
            if (AwsErrors.isNotFound(e)) {
                return LogsQuery.noData(t, judged(what, present), false).expected(expectation(spec)).build();
            }
            return AwsErrors.result(e, LogsQuery.FILTER, t.group(), t.session()).build();
        }
        if (scan.matched().isEmpty() && !scan.truncated()) {
            // Nothing matched: a verdict only if the group logged anything at all in the window.
            try {
                boolean ran = spec.filterPattern() == null || spec.filterPattern().isBlank() ? scan.scanned() > 0 : LogsQuery.anyEvent(ctx, t);
                if (!ran) {
                    return LogsQuery.noData(t, judged(what, present), true).expected(expectation(spec)).build();
                }
            } catch (Exception e) {
                return AwsErrors.result(e, LogsQuery.FILTER, t.group(), t.session()).build();
            }
        }
        List<Evidence> evidence = scan.matched().stream().limit(EVIDENCE)
                .map(e -> Evidence.aws(LogsQuery.FILTER, t.group(), region, LogsQuery.line(e))).toList();
        int n = scan.matched().size();
        String count = (scan.truncated() && !present ? "at least " : "") + n;
        if (present) {
            String expected = (min == 1 ? "a line matching " : min + " lines matching ") + what + " in " + t.group()
                    + " since " + t.sinceText();
            if (n >= min) {
                FilteredLogEvent first = scan.matched().get(0);
                return Result.pass("Found " + what + " in " + t.group() + " since " + t.sinceText() + ".")
                        .expected(expected).actual(min == 1 ? LogsQuery.line(first) : n + " matching lines")
                        .evidence(evidence.subList(0, 1)).build();
            }
            // With nothing matching, the evidence is the search itself: which group, which window, how much was read.
            List<Evidence> shown = n > 0 ? evidence : List.of(Evidence.aws(LogsQuery.FILTER, t.group(), region,
                    scan.scanned() + " events scanned since " + t.sinceText() + ", none matching " + what));
            Result.Builder b = Result.fail((n == 0 ? "No line matching " + what : "Only " + n + " of " + min + " lines matching " + what)
                            + " in " + t.group() + " since " + t.sinceText() + ".")
                    .expected(expected).actual(n + " matching of " + scan.scanned() + " scanned").evidence(shown);
            if (scan.truncated()) {
                b.note("stopped after " + scan.scanned() + " events; the window holds more");
            }
            return b.build();
        }
        String expected = "no line matching " + what + " in " + t.group() + " since " + t.sinceText();
        if (n > 0) {
            return Result.fail(count + " line(s) matching " + what + " in " + t.group() + " since " + t.sinceText() + ".")
                    .expected(expected).actual(count + " matching, first: " + LogsQuery.line(scan.matched().get(0)))
                    .evidence(evidence).build();
        }
        if (scan.truncated()) {
            return Result.warn("No match in the first " + scan.scanned() + " events of " + t.group()
                            + ", but the window holds more than were scanned.")
                    .expected(expected).actual("0 matching of " + scan.scanned() + " scanned (window not exhausted)")
                    .evidence(Evidence.aws(LogsQuery.FILTER, t.group(), region, scan.scanned() + " events scanned")).build();
        }
        return Result.pass("No line matching " + what + " in " + t.group() + " since " + t.sinceText() + ".")
                .expected(expected).actual("0 matching of " + scan.scanned() + " scanned")
                .evidence(Evidence.aws(LogsQuery.FILTER, t.group(), region, scan.scanned() + " events scanned, none matching"))
                .build();
    }

    /**
     * A group that logged nothing in the window (or does not exist) is NO DATA either way: a wanted
     * line cannot have been logged by a function that did not run, and an unwanted one is absent only
     * vacuously. Absence of evidence is not evidence.
     */
    private static String judged(String what, boolean present) {
        return "whether a line matching " + what + " is logged" + (present ? "" : " (it must not be)");
    }

    private static String describe(Spec spec) {
        if (spec.pattern() != null && spec.filterPattern() != null) {
            return "/" + spec.pattern() + "/ (filter " + spec.filterPattern() + ")";
        }
        return spec.pattern() != null ? "/" + spec.pattern() + "/" : "filter " + spec.filterPattern();
    }
}

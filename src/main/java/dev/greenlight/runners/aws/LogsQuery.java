package dev.greenlight.runners.aws;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.VariableException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the two logs runners share: which log group (given, or the group the function logs to:
 * its {@code LoggingConfig.LogGroup}, {@code /aws/lambda/<name>} only when it sets none), which time
 * window ({@code deploy} or a duration), and a bounded FilterLogEvents scan through the SDK
 * paginator, each page fetched once per run.
 */
final class LogsQuery {
    static final String FILTER = "logs:FilterLogEvents";
    /** Enough for any post-deploy window people look at; beyond it the verdict says it stopped early. */
    static final int MAX_SCANNED = 50_000;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");

    /**
     * The resolved group and window.
     *
     * @param logFormat the function's {@code LoggingConfig.LogFormat} ("Text" or "JSON"), null when the group was given
     * @param groupSource how the group was found, for evidence ("LoggingConfig.LogGroup of …")
     */
    record Target(AwsSession session, String group, Instant since, String sinceText, String logFormat, String groupSource) {
        Target(AwsSession session, String group, Instant since, String sinceText) {
            this(session, group, since, sinceText, null, "given");
        }
    }

    /** A check ended before scanning; carries its verdict. */
    static final class Stop extends Exception {
        final transient Result result;

        Stop(Result result) {
            super(result.reason(), null, false, false);
            this.result = result;
        }
    }

    /** Events that matched, how many were read, and whether the scan stopped before the window's end. */
    record Scan(List<FilteredLogEvent> matched, long scanned, boolean truncated, int calls) {
    }

    private LogsQuery() {
    }

    static List<Runner.SpecProblem> validateSource(String group, String function, String logicalId, String since) {
        List<Runner.SpecProblem> problems = new ArrayList<>();
        int given = (group == null ? 0 : 1) + (function == null ? 0 : 1) + (logicalId == null ? 0 : 1);
        if (given != 1) {
            problems.add(new Runner.SpecProblem(given == 0 ? "group" : "function",
                    given == 0 ? "no log group: give 'group', 'function' or 'logical-id'" : "give only one of 'group', 'function' and 'logical-id'",
                    "e.g. logical-id: InitializeStateDataFunction (with stack: ${stack})"));
        }
        if (since != null && !since.contains("${") && !since.equals("deploy") && parseSince(since, Instant.now()).isEmpty()) {
            problems.add(new Runner.SpecProblem("since", "'" + since + "' is not a time window",
                    "use deploy, a duration such as 30m, 2h, 1d, or an ISO instant"));
        }
        return problems;
    }

    /** logs:FilterLogEvents, and the CloudFormation reads a logical id or "since: deploy" needs. */
    static List<String> iamActions(String group, String logicalId, String since) {
        List<String> actions = new ArrayList<>(List.of(FILTER));
        if (group == null) {
            // the function's LoggingConfig names its group
            actions.add("lambda:GetFunction");
        }
        if (logicalId != null) {
            actions.addAll(AwsLookups.RESOLVE_ACTIONS);
        }
        if ("deploy".equals(since == null ? null : since.strip())) {
            actions.add("cloudformation:DescribeStacks");
        }
        return actions;
    }

    /** A duration back from {@code now} ("30m", "2h", "1d", "45s", "1w") or an ISO-8601 instant. */
    static Optional<Instant> parseSince(String text, Instant now) {
        String t = text.strip();
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return Optional.of(now.minus(d));
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Target resolve(RunContext ctx, String group, String function, String logicalId, String stackName,
                          String since, String defaultSince) throws Stop {
        AwsSession session;
        String resolvedGroup = group;
        String logFormat = null;
        String groupSource = "given";
        try {
            session = AwsTargets.session(ctx);
            if (function != null || logicalId != null) {
                // The same lookup (and the same sentences) as lambda-config: a logical id is found in the stack once per run.
                AwsTargets.Target fn = AwsTargets.function(ctx, session, function, logicalId, stackName);
                String name = functionName(fn.id());
                resolvedGroup = "/aws/lambda/" + name;
                groupSource = "the default group of " + name + " (its LoggingConfig names none)";
                try {
                    // GetFunction, not GetFunctionConfiguration: lambda-config items read the same answer, once per run
                    var config = LambdaConfigRunner.getFunction(session, fn.id()).configuration();
                    var logging = config.loggingConfig();
                    if (logging != null && logging.logGroup() != null && !logging.logGroup().isBlank()) {
                        resolvedGroup = logging.logGroup();
                        groupSource = "LoggingConfig.LogGroup of " + name;
                    }
                    if (logging != null) {
                        logFormat = logging.logFormatAsString();
                    }
                } catch (Exception e) {
                    if (!AwsErrors.isNotFound(e)) {
                        throw new Stop(AwsErrors.result(e, "lambda:GetFunction", fn.id(), session)
                                .expected("the log group of " + fn.label()).build());
                    }
                    // a missing function: its default group is looked at, and its absence is the verdict
                }
            }
        } catch (AwsTargets.Unresolved u) {
            throw new Stop(u.result);
        }
        String window = since == null ? defaultSince : since.strip();
        Instant start;
        if (window.equals("deploy")) {
            String stack;
            try {
                stack = AwsSupport.stackName(ctx, stackName);
            } catch (VariableException e) {
                throw new Stop(Result.error("'since: deploy' needs a stack: set 'stack' on the check or the checklist variable 'stack'.").build());
            }
            Stack s;
            try {
                s = AwsLookups.stack(session, stack);
            } catch (Exception e) {
                throw new Stop(AwsErrors.result(e, "cloudformation:DescribeStacks", stack, session)
                        .expected("the deploy time of stack " + stack).build());
            }
            start = s.lastUpdatedTime() != null ? s.lastUpdatedTime() : s.creationTime();
            if (start == null) {
                throw new Stop(Result.error("Stack " + stack + " reports neither a last update nor a creation time.").build());
            }
            window = "the deploy of " + stack + " at " + start;
        } else {
            start = parseSince(window, Instant.now()).orElseThrow(() -> new Stop(Result.error("'since: "
                    + since + "' is not a time window; use deploy, 30m, 2h, 1d or an ISO instant.").build()));
            window = window.matches("\\d+\\s*[smhdw]") ? "the last " + window + " (" + start + ")" : start.toString();
        }
        return new Target(session, resolvedGroup, start, window, logFormat, groupSource);
    }

    /**
     * Pages through FilterLogEvents from {@code since} to now, keeping events that pass {@code keep},
     * until {@code enough} of them are found or {@link #MAX_SCANNED} events were read.
     */
    static Scan scan(RunContext ctx, Target t, String filterPattern, Predicate<FilteredLogEvent> keep, int enough)
            throws Exception {
        List<FilteredLogEvent> matched = new ArrayList<>();
        long scanned = 0;
        long end = windowEnd(t.session());
        FilterLogEventsRequest.Builder req = FilterLogEventsRequest.builder().logGroupName(t.group())
                .startTime(t.since().toEpochMilli()).endTime(end);
        if (filterPattern != null && !filterPattern.isBlank()) {
            req.filterPattern(filterPattern);
        }
        Pages pages = pages(t.session(), req.build());
        for (int i = 0; ; i++) {
            FilterLogEventsResponse page = pages.page(i);
            if (page == null) {
                return new Scan(matched, scanned, false, pages.read());
            }
            for (FilteredLogEvent e : page.events()) {
                scanned++;
                if (keep.test(e)) {
                    matched.add(e);
                    if (matched.size() >= enough) {
                        return new Scan(matched, scanned, hasMore(page), pages.read());
                    }
                }
            }
            if (ctx.cancelled() || scanned >= MAX_SCANNED) {
                return new Scan(matched, scanned, hasMore(page), pages.read());
            }
        }
    }

    private static boolean hasMore(FilterLogEventsResponse page) {
        return page.nextToken() != null && !page.nextToken().isEmpty();
    }

    /**
     * One query's pages, read through the SDK paginator (which follows nextToken, including the
     * empty pages with a token CloudWatch answers while it searches), each fetched once per run and
     * shared by every item asking the same query.
     */
    static final class Pages {
        private final AwsSession session;
        private final FilterLogEventsRequest request;
        private final List<FilterLogEventsResponse> read = new ArrayList<>();
        private java.util.Iterator<FilterLogEventsResponse> it;
        private boolean exhausted;
        private RuntimeException failure;

        Pages(AwsSession session, FilterLogEventsRequest request) {
            this.session = session;
            this.request = request;
        }

        /** Page {@code i} (0-based), or null past the last. */
        synchronized FilterLogEventsResponse page(int i) {
            while (read.size() <= i && !exhausted) {
                if (failure != null) {
                    throw failure;
                }
                try {
                    if (it == null) {
                        it = session.logs().filterLogEventsPaginator(request).iterator();
                    }
                    if (!it.hasNext()) {
                        exhausted = true;
                        break;
                    }
                    FilterLogEventsResponse p = it.next();
                    read.add(p);
                    if (!hasMore(p)) {
                        exhausted = true;
                    }
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return i < read.size() ? read.get(i) : null;
        }

        synchronized int read() {
            return read.size();
        }
    }

    /**
     * Where every log window of this run ends: now, taken once per run, so that the items of one
     * run judge the same events and two items reading the same group since the same moment
     * (the document's two checks of InitializeStateData's logs since the deploy) share their pages.
     */
    private static long windowEnd(AwsSession session) throws Exception {
        return session.once("logs:window-end", () -> Instant.now().toEpochMilli());
    }

    /** The pages of one query, shared by the run's items (concurrent callers wait for the one call per page). */
    private static Pages pages(AwsSession session, FilterLogEventsRequest r) throws Exception {
        String key = FILTER + " " + r.logGroupName() + " " + r.startTime() + ".." + r.endTime() + " pattern=" + r.filterPattern();
        return session.once(key, () -> new Pages(session, r));
    }

    /**
     * Whether the group logged anything at all in the window: one event is enough. A filter pattern
     * narrows what the service returns, so "nothing matched" says nothing about whether the function
     * ran; this asks the same window without a pattern (its pages are shared like any other query's).
     */
    static boolean anyEvent(RunContext ctx, Target t) throws Exception {
        return !scan(ctx, t, null, e -> true, 1).matched().isEmpty();
    }

    /** Where this run's windows end, for saying which window was looked at. */
    static Instant windowEndInstant(AwsSession session) {
        try {
            return Instant.ofEpochMilli(windowEnd(session));
        } catch (Exception e) {
            return Instant.now();
        }
    }

    /**
     * NO DATA: the check could ask, and there was nothing to judge. The reason says what was looked
     * at (the group, the window from-to, events scanned: 0) and how to produce data.
     *
     * @param what       what could not be judged ("whether /ImportModuleError/ is logged")
     * @param groupFound false when the log group does not exist at all
     */
    static Result.Builder noData(Target t, String what, boolean groupFound) {
        String region = t.session().region().id();
        Instant end = windowEndInstant(t.session());
        String window = t.since() + " to " + end;
        String seen = groupFound
                ? "Log group " + t.group() + " has no events from " + window + " (events scanned: 0)"
                : "Log group " + t.group() + " does not exist (nothing was ever logged, or the name is wrong)";
        String how = "To produce data: invoke the function (or wait for traffic) and run again"
                + (t.sinceText().startsWith("the deploy") ? "" : ", or widen the window with 'since' (now " + t.sinceText() + ")")
                + ".";
        return Result.noData("No data: " + seen + ", so " + what + " cannot be judged since " + t.sinceText() + ". " + how)
                .actual(groupFound ? "0 events in the window" : "log group not found")
                .evidence(Evidence.aws(FILTER, t.group(), region, "window " + window + ", events scanned: 0"
                        + (groupFound ? "" : " (ResourceNotFoundException)")));
    }

    /** The function name inside an ARN (without a version or alias), or the name itself. */
    static String functionName(String nameOrArn) {
        String s = nameOrArn.strip();
        int i = s.indexOf(":function:");
        if (i < 0) {
            return s;
        }
        String rest = s.substring(i + ":function:".length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    /** "2024-05-01T10:00:00.123Z [stream] message", one line. */
    static String line(FilteredLogEvent e) {
        String msg = e.message() == null ? "" : e.message().strip();
        if (msg.length() > 500) {
            msg = msg.substring(0, 500) + "…";
        }
        return Instant.ofEpochMilli(e.timestamp()) + " [" + e.logStreamName() + "] " + msg.replace('\n', ' ');
    }
}

package dev.greenlight.runners.aws;

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
 * What the two logs runners share: which log group (given, or the function's
 * {@code /aws/lambda/<physical name>} from the stack), which time window ({@code deploy} or a
 * duration), and a bounded, paged FilterLogEvents scan.
 */
final class LogsQuery {
    static final String FILTER = "logs:FilterLogEvents";
    /** Enough for any post-deploy window people look at; beyond it the verdict says it stopped early. */
    static final int MAX_SCANNED = 50_000;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");

    /** The resolved group and window. */
    record Target(AwsSession session, String group, Instant since, String sinceText) {
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
    static List<String> iamActions(String logicalId, String since) {
        List<String> actions = new ArrayList<>(List.of(FILTER));
        if (logicalId != null) {
            actions.add("cloudformation:DescribeStackResources");
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
        try {
            session = AwsTargets.session(ctx);
            if (function != null || logicalId != null) {
                // The same lookup (and the same sentences) as lambda-config: a logical id is found in the stack once per run.
                AwsTargets.Target fn = AwsTargets.function(ctx, session, function, logicalId, stackName);
                resolvedGroup = "/aws/lambda/" + functionName(fn.id());
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
        return new Target(session, resolvedGroup, start, window);
    }

    /**
     * Pages through FilterLogEvents from {@code since} to now, keeping events that pass {@code keep},
     * until {@code enough} of them are found or {@link #MAX_SCANNED} events were read.
     */
    static Scan scan(RunContext ctx, Target t, String filterPattern, Predicate<FilteredLogEvent> keep, int enough)
            throws Exception {
        List<FilteredLogEvent> matched = new ArrayList<>();
        long scanned = 0;
        int calls = 0;
        String token = null;
        long end = windowEnd(t.session());
        do {
            FilterLogEventsRequest.Builder req = FilterLogEventsRequest.builder().logGroupName(t.group())
                    .startTime(t.since().toEpochMilli()).endTime(end).nextToken(token);
            if (filterPattern != null && !filterPattern.isBlank()) {
                req.filterPattern(filterPattern);
            }
            FilterLogEventsResponse page = page(t.session(), req.build());
            calls++;
            for (FilteredLogEvent e : page.events()) {
                scanned++;
                if (keep.test(e)) {
                    matched.add(e);
                    if (matched.size() >= enough) {
                        return new Scan(matched, scanned, page.nextToken() != null, calls);
                    }
                }
            }
            token = page.nextToken();
            if (ctx.cancelled()) {
                return new Scan(matched, scanned, token != null, calls);
            }
        } while (token != null && scanned < MAX_SCANNED);
        return new Scan(matched, scanned, token != null, calls);
    }

    /**
     * Where every log window of this run ends: now, taken once per run, so that the items of one
     * run judge the same events and two items reading the same group since the same moment
     * (the document's two checks of InitializeStateData's logs since the deploy) share their pages.
     */
    private static long windowEnd(AwsSession session) throws Exception {
        return session.once("logs:window-end", () -> Instant.now().toEpochMilli());
    }

    /** One FilterLogEvents page, once per run for the same request (concurrent callers wait for the one call). */
    private static FilterLogEventsResponse page(AwsSession session, FilterLogEventsRequest r) throws Exception {
        String key = FILTER + " " + r.logGroupName() + " " + r.startTime() + ".." + r.endTime()
                + " pattern=" + r.filterPattern() + " token=" + r.nextToken();
        return session.once(key, () -> session.logs().filterLogEvents(r));
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

package dev.greenlight.awsfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CloudWatch Logs over JSON 1.1 ({@code X-Amz-Target: Logs_20140328.<Op>}): log groups holding
 * streams of events, FilterLogEvents (with the filter-pattern subset people use on plain-text
 * logs and nextToken pagination), DescribeLogGroups and GetLogEvents, and the service's error
 * shapes. Member names follow the SDK's model classes (FilterLogEventsRequest and friends).
 *
 * <p>{@link #put} is thread-safe so a test can append while a tail is polling.
 */
public final class FakeLogs implements FakeService {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_LIMIT = 10_000;
    /** FilterLogEvents: "the maximum is 1 MB of log events or 10,000 log events" a page; an event counts its UTF-8 bytes plus 26. */
    public static final int MAX_PAGE_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD_BYTES = 26;

    /** One stored event; {@code seq} makes eventIds unique and keeps insertion order for equal timestamps. */
    public record Event(String group, String stream, long timestamp, String message, long ingestionTime, long seq) {
        public String eventId() {
            // Real ids are long digit strings; uniqueness is what clients rely on.
            return String.format("%020d%020d", timestamp, seq);
        }
    }

    private final Map<String, Long> groups = new TreeMap<>();
    private final List<Event> events = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private volatile int pageSize = MAX_LIMIT;

    /** The most events one FilterLogEvents page returns (AWS: 10,000), whatever the request's limit; tests lower it to force paging. */
    public FakeLogs pageSize(int n) {
        this.pageSize = n;
        return this;
    }

    private volatile boolean rejectTokens;

    /** FilterLogEvents answers every nextToken with the service's "invalid token" error (an expired one). */
    public FakeLogs rejectTokens(boolean reject) {
        this.rejectTokens = reject;
        return this;
    }

    public synchronized FakeLogs group(String name) {
        groups.putIfAbsent(name, System.currentTimeMillis());
        return this;
    }

    /** Appends an event (creating the group if needed). */
    public synchronized FakeLogs put(String group, String stream, long timestampMs, String message) {
        groups.putIfAbsent(group, System.currentTimeMillis());
        events.add(new Event(group, stream, timestampMs, message, System.currentTimeMillis(), seq.incrementAndGet()));
        return this;
    }

    public synchronized int size() {
        return events.size();
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
        JsonNode in = r.json();
        return switch (r.operation()) {
            case "FilterLogEvents" -> filter(in);
            case "DescribeLogGroups" -> describeGroups(in);
            case "GetLogEvents" -> getEvents(in);
            default -> error(400, "UnknownOperationException", "Unknown operation " + r.operation());
        };
    }

    private FakeResponse filter(JsonNode in) {
        String group = groupName(in);
        if (group == null) {
            return error(400, "InvalidParameterException", "Either logGroupName or logGroupIdentifier must be given.");
        }
        FilterPattern pattern;
        try {
            pattern = FilterPattern.parse(in.path("filterPattern").asText(""));
        } catch (IllegalArgumentException e) {
            return error(400, "InvalidParameterException", "Invalid filter pattern: " + e.getMessage());
        }
        Set<String> streams = new HashSet<>();
        in.path("logStreamNames").forEach(n -> streams.add(n.asText()));
        String streamPrefix = in.path("logStreamNamePrefix").asText(null);
        Long start = in.hasNonNull("startTime") ? in.get("startTime").asLong() : null;
        Long end = in.hasNonNull("endTime") ? in.get("endTime").asLong() : null;
        int limit = Math.min(pageSize, in.hasNonNull("limit") ? in.get("limit").asInt() : MAX_LIMIT);
        if (rejectTokens && in.hasNonNull("nextToken")) {
            return error(400, "InvalidParameterException", "The specified nextToken is invalid.");
        }
        int offset = in.hasNonNull("nextToken") ? Integer.parseInt(in.get("nextToken").asText().substring(2)) : 0;

        List<Event> matching;
        synchronized (this) {
            if (!groups.containsKey(group)) {
                return error(400, "ResourceNotFoundException", "The specified log group does not exist.");
            }
            matching = events.stream()
                    .filter(e -> e.group().equals(group))
                    .filter(e -> streams.isEmpty() || streams.contains(e.stream()))
                    .filter(e -> streamPrefix == null || e.stream().startsWith(streamPrefix))
                    .filter(e -> start == null || e.timestamp() >= start)
                    .filter(e -> end == null || e.timestamp() <= end)
                    .filter(e -> pattern.matches(e.message()))
                    .sorted(Comparator.comparingLong(Event::timestamp).thenComparingLong(Event::seq))
                    .toList();
        }
        ObjectNode out = FakeRequest.JSON.createObjectNode();
        ArrayNode list = out.putArray("events");
        int to = Math.min(matching.size(), offset + limit);
        long bytes = 0;
        int i = Math.min(offset, matching.size());
        for (; i < to; i++) {
            Event e = matching.get(i);
            long size = e.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + EVENT_OVERHEAD_BYTES;
            if (bytes + size > MAX_PAGE_BYTES && i > offset) {
                break;
            }
            bytes += size;
            list.addObject().put("logStreamName", e.stream()).put("timestamp", e.timestamp())
                    .put("message", e.message()).put("ingestionTime", e.ingestionTime()).put("eventId", e.eventId());
        }
        to = i;
        out.putArray("searchedLogStreams");
        if (to < matching.size()) {
            out.put("nextToken", "o/" + to);
        }
        return FakeResponse.json(out, CONTENT_TYPE);
    }

    private FakeResponse describeGroups(JsonNode in) {
        String prefix = in.path("logGroupNamePrefix").asText("");
        ObjectNode out = FakeRequest.JSON.createObjectNode();
        ArrayNode list = out.putArray("logGroups");
        synchronized (this) {
            groups.forEach((name, created) -> {
                if (name.startsWith(prefix)) {
                    String arn = "arn:aws:logs:us-east-1:123456789012:log-group:" + name;
                    list.addObject().put("logGroupName", name).put("creationTime", created).put("metricFilterCount", 0)
                            .put("arn", arn + ":*").put("logGroupArn", arn).put("storedBytes", 0);
                }
            });
        }
        return FakeResponse.json(out, CONTENT_TYPE);
    }

    private FakeResponse getEvents(JsonNode in) {
        String group = groupName(in);
        String stream = in.path("logStreamName").asText(null);
        if (group == null || stream == null) {
            return error(400, "InvalidParameterException", "logGroupName and logStreamName are required.");
        }
        Long start = in.hasNonNull("startTime") ? in.get("startTime").asLong() : null;
        Long end = in.hasNonNull("endTime") ? in.get("endTime").asLong() : null;
        List<Event> found;
        synchronized (this) {
            if (!groups.containsKey(group)) {
                return error(400, "ResourceNotFoundException", "The specified log group does not exist.");
            }
            found = events.stream().filter(e -> e.group().equals(group) && e.stream().equals(stream))
                    .filter(e -> start == null || e.timestamp() >= start)
                    .filter(e -> end == null || e.timestamp() < end)
                    .sorted(Comparator.comparingLong(Event::timestamp).thenComparingLong(Event::seq)).toList();
            if (found.isEmpty() && events.stream().noneMatch(e -> e.group().equals(group) && e.stream().equals(stream))) {
                return error(400, "ResourceNotFoundException", "The specified log stream does not exist.");
            }
        }
        ObjectNode out = FakeRequest.JSON.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (Event e : found) {
            list.addObject().put("timestamp", e.timestamp()).put("message", e.message()).put("ingestionTime", e.ingestionTime());
        }
        // One page always: the tokens only have to be stable, as the real service's are at the end of a stream.
        out.put("nextForwardToken", "f/" + found.size()).put("nextBackwardToken", "b/0");
        return FakeResponse.json(out, CONTENT_TYPE);
    }

    /** logGroupName, or the name inside a logGroupIdentifier (a name or an ARN). */
    private static String groupName(JsonNode in) {
        if (in.hasNonNull("logGroupName")) {
            return in.get("logGroupName").asText();
        }
        if (in.hasNonNull("logGroupIdentifier")) {
            String id = in.get("logGroupIdentifier").asText();
            int i = id.indexOf(":log-group:");
            if (i < 0) {
                return id;
            }
            String name = id.substring(i + ":log-group:".length());
            return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
        }
        return null;
    }

    /**
     * The plain-text part of the CloudWatch filter syntax: space-separated terms that must all
     * appear, {@code "quoted phrases"}, {@code ?term} (at least one of the ?-terms must appear),
     * {@code -term} (must not appear). Matching is case-sensitive substring matching. JSON
     * ({@code { $.x = 1 }}) and space-delimited ({@code [a, b]}) patterns are rejected, so a test
     * cannot pass by accident on syntax the fake does not understand.
     */
    public record FilterPattern(List<String> all, List<String> any, List<String> none) {

        public static FilterPattern parse(String text) {
            String t = text == null ? "" : text.strip();
            if (t.startsWith("{") || t.startsWith("[") || t.startsWith("%")) {
                throw new IllegalArgumentException("only plain-text patterns are supported by the fake: " + t);
            }
            List<String> all = new ArrayList<>();
            List<String> any = new ArrayList<>();
            List<String> none = new ArrayList<>();
            int i = 0;
            while (i < t.length()) {
                char c = t.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                List<String> into = all;
                if (c == '?' || c == '-') {
                    into = c == '?' ? any : none;
                    i++;
                    if (i >= t.length() || Character.isWhitespace(t.charAt(i))) {
                        throw new IllegalArgumentException("'" + c + "' must be followed by a term");
                    }
                }
                String term;
                if (t.charAt(i) == '"') {
                    int close = t.indexOf('"', i + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed quote at " + i);
                    }
                    term = t.substring(i + 1, close);
                    i = close + 1;
                } else {
                    int j = i;
                    while (j < t.length() && !Character.isWhitespace(t.charAt(j))) {
                        j++;
                    }
                    term = t.substring(i, j);
                    i = j;
                }
                into.add(term);
            }
            return new FilterPattern(all, any, none);
        }

        public boolean matches(String message) {
            for (String s : all) {
                if (!message.contains(s)) {
                    return false;
                }
            }
            for (String s : none) {
                if (message.contains(s)) {
                    return false;
                }
            }
            return any.isEmpty() || any.stream().anyMatch(message::contains);
        }
    }
}

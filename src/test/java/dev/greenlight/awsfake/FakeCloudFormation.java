package dev.greenlight.awsfake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static dev.greenlight.awsfake.FakeResponse.xml;

/**
 * CloudFormation over the Query protocol (form-encoded request, XML answer, lists as
 * {@code <member>}): DescribeStacks (parameters with NoEcho values as {@code ****}, like AWS),
 * DescribeStackResource, DescribeStackResources, DescribeStackEvents (newest first),
 * ListStackResources. An unknown stack answers 400 ValidationError "Stack with id X does not
 * exist", as AWS does.
 *
 * <p>The limits are AWS's, not what a runner happens to need: DescribeStackResources answers the
 * first {@value #DESCRIBE_RESOURCES_CAP} resources only (its API reference: "only the first 100
 * resources will be returned. If your stack has more resources than that, you should use
 * ListStackResources instead"), ListStackResources answers {@value #LIST_PAGE} summaries a page
 * with an opaque NextToken, DescribeStackEvents {@value #EVENTS_PAGE} events a page (the reference
 * promises only "a page" under 1 MB; 100 is what the service answers), and an unknown logical id
 * in DescribeStackResource is 400 ValidationError "Resource X does not exist for stack Y".
 */
public final class FakeCloudFormation implements FakeService {
    static final String XMLNS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    public static final int DESCRIBE_RESOURCES_CAP = 100;
    public static final int LIST_PAGE = 100;
    public static final int EVENTS_PAGE = 100;

    public record Parameter(String key, String value, boolean noEcho) {
    }

    public record Resource(String logicalId, String physicalId, String type, String status, String reason, Instant timestamp) {
    }

    public record Event(String logicalId, String physicalId, String type, String status, String reason, Instant timestamp) {
    }

    /** A stack; mutable so scenarios can change it between runs. */
    public static final class Stack {
        public String name;
        public String id;
        public String status = "CREATE_COMPLETE";
        public String statusReason;
        public Instant created = Instant.parse("2024-01-10T09:00:00Z");
        public Instant updated;
        public final List<Parameter> parameters = new ArrayList<>();
        public final List<Resource> resources = new ArrayList<>();
        /** Newest first, as DescribeStackEvents answers. */
        public final List<Event> events = new ArrayList<>();

        public Stack(String name, String id) {
            this.name = name;
            this.id = id;
        }
    }

    private final Map<String, Stack> stacks = new ConcurrentHashMap<>();

    @Override
    public String signingName() {
        return "cloudformation";
    }

    public FakeCloudFormation put(Stack s) {
        stacks.put(s.name, s);
        return this;
    }

    public Stack stack(String name) {
        return stacks.get(name);
    }

    @Override
    public FakeResponse handle(FakeRequest r) {
        String action = r.operation();
        switch (action) {
            case "DescribeStacks":
                String wanted = r.form().get("StackName");
                if (wanted == null) {
                    return ok(action, "<Stacks>" + join(new ArrayList<>(stacks.values()), FakeCloudFormation::stackXml) + "</Stacks>");
                }
                return withStack(r, s -> ok(action, "<Stacks>" + stackXml(s) + "</Stacks>"));
            case "DescribeStackResources":
                return withStack(r, s -> {
                    String logical = r.form().get("LogicalResourceId");
                    List<Resource> rs = s.resources.stream().filter(x -> logical == null || x.logicalId().equals(logical))
                            .limit(DESCRIBE_RESOURCES_CAP).toList();
                    return ok(action, "<StackResources>" + join(rs, x -> "<member>" + el("StackName", s.name) + el("StackId", s.id)
                            + el("LogicalResourceId", x.logicalId()) + el("PhysicalResourceId", x.physicalId())
                            + el("ResourceType", x.type()) + el("Timestamp", x.timestamp().toString())
                            + el("ResourceStatus", x.status()) + el("ResourceStatusReason", x.reason()) + "</member>")
                            + "</StackResources>");
                });
            case "DescribeStackResource":
                return withStack(r, s -> {
                    String logical = r.form().get("LogicalResourceId");
                    if (logical == null) {
                        return error(400, "ValidationError", "1 validation error detected: Value null at 'logicalResourceId' "
                                + "failed to satisfy constraint: Member must not be null");
                    }
                    Resource x = s.resources.stream().filter(y -> y.logicalId().equals(logical)).findFirst().orElse(null);
                    if (x == null) {
                        return error(400, "ValidationError", "Resource " + logical + " does not exist for stack " + s.name);
                    }
                    return ok(action, "<StackResourceDetail>" + el("StackName", s.name) + el("StackId", s.id)
                            + el("LogicalResourceId", x.logicalId()) + el("PhysicalResourceId", x.physicalId())
                            + el("ResourceType", x.type()) + el("LastUpdatedTimestamp", x.timestamp().toString())
                            + el("ResourceStatus", x.status()) + el("ResourceStatusReason", x.reason())
                            + "<Metadata>{}</Metadata></StackResourceDetail>");
                });
            case "ListStackResources":
                return withStack(r, s -> {
                    int from = offset(r);
                    if (from < 0) {
                        return error(400, "ValidationError", "Invalid NextToken");
                    }
                    int to = Math.min(s.resources.size(), from + LIST_PAGE);
                    return ok(action, "<StackResourceSummaries>" + join(s.resources.subList(Math.min(from, to), to), x -> "<member>"
                            + el("LogicalResourceId", x.logicalId()) + el("PhysicalResourceId", x.physicalId())
                            + el("ResourceType", x.type()) + el("LastUpdatedTimestamp", x.timestamp().toString())
                            + el("ResourceStatus", x.status()) + el("ResourceStatusReason", x.reason()) + "</member>")
                            + "</StackResourceSummaries>" + (to < s.resources.size() ? el("NextToken", token(to)) : ""));
                });
            case "DescribeStackEvents":
                return withStack(r, s -> {
                    int from = offset(r);
                    if (from < 0) {
                        return error(400, "ValidationError", "Invalid NextToken");
                    }
                    int to = Math.min(s.events.size(), from + EVENTS_PAGE);
                    List<String> items = new ArrayList<>();
                    for (int i = Math.min(from, to); i < to; i++) {
                        Event e = s.events.get(i);
                        items.add("<member>" + el("StackId", s.id) + el("EventId", "evt-" + (s.events.size() - i))
                                + el("StackName", s.name) + el("LogicalResourceId", e.logicalId())
                                + el("PhysicalResourceId", e.physicalId()) + el("ResourceType", e.type())
                                + el("Timestamp", e.timestamp().toString()) + el("ResourceStatus", e.status())
                                + el("ResourceStatusReason", e.reason()) + "</member>");
                    }
                    return ok(action, "<StackEvents>" + String.join("", items) + "</StackEvents>"
                            + (to < s.events.size() ? el("NextToken", token(to)) : ""));
                });
            default:
                return error(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        }
    }

    @Override
    public FakeResponse error(int status, String code, String message) {
        return FakeResponse.queryError(status, code, message);
    }

    private FakeResponse withStack(FakeRequest r, Function<Stack, FakeResponse> then) {
        String name = r.form().get("StackName");
        if (name == null) {
            return error(400, "ValidationError", "1 validation error detected: Value null at 'stackName' failed to satisfy constraint");
        }
        Stack s = stacks.get(name);
        if (s == null) {
            s = stacks.values().stream().filter(x -> x.id.equals(name)).findFirst().orElse(null);
        }
        if (s == null) {
            return error(400, "ValidationError", "Stack with id " + name + " does not exist");
        }
        return then.apply(s);
    }

    /** Opaque to clients, as AWS's are; -1 for a token this endpoint never gave. */
    private static int offset(FakeRequest r) {
        String t = r.form().get("NextToken");
        if (t == null) {
            return 0;
        }
        try {
            String plain = new String(java.util.Base64.getDecoder().decode(t), java.nio.charset.StandardCharsets.UTF_8);
            return plain.startsWith("fake-offset:") ? Integer.parseInt(plain.substring("fake-offset:".length())) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static String token(int offset) {
        return java.util.Base64.getEncoder().encodeToString(("fake-offset:" + offset).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String stackXml(Stack s) {
        return "<member>" + el("StackId", s.id) + el("StackName", s.name)
                + "<Parameters>" + join(s.parameters, p -> "<member>" + el("ParameterKey", p.key())
                + el("ParameterValue", p.noEcho() ? "****" : p.value()) + "</member>") + "</Parameters>"
                + el("CreationTime", s.created.toString()) + el("LastUpdatedTime", s.updated == null ? null : s.updated.toString())
                + el("StackStatus", s.status) + el("StackStatusReason", s.statusReason)
                + "<Capabilities><member>CAPABILITY_IAM</member><member>CAPABILITY_NAMED_IAM</member></Capabilities>"
                + el("DisableRollback", "false") + "</member>";
    }

    private FakeResponse ok(String action, String inner) {
        return FakeResponse.queryOk(action, XMLNS, inner);
    }

    static String el(String name, String value) {
        return value == null ? "" : "<" + name + ">" + xml(value) + "</" + name + ">";
    }

    private static <T> String join(List<T> items, Function<T, String> f) {
        StringBuilder b = new StringBuilder();
        items.forEach(i -> b.append(f.apply(i)));
        return b.toString();
    }
}

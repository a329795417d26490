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
 * DescribeStackResources, DescribeStackEvents (newest first), ListStackResources. An unknown stack
 * answers 400 ValidationError "Stack with id X does not exist", as AWS does.
 */
public final class FakeCloudFormation implements FakeService {
    static final String XMLNS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

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
                    List<Resource> rs = s.resources.stream().filter(x -> logical == null || x.logicalId().equals(logical)).toList();
                    return ok(action, "<StackResources>" + join(rs, x -> "<member>" + el("StackName", s.name) + el("StackId", s.id)
                            + el("LogicalResourceId", x.logicalId()) + el("PhysicalResourceId", x.physicalId())
                            + el("ResourceType", x.type()) + el("Timestamp", x.timestamp().toString())
                            + el("ResourceStatus", x.status()) + el("ResourceStatusReason", x.reason()) + "</member>")
                            + "</StackResources>");
                });
            case "ListStackResources":
                return withStack(r, s -> ok(action, "<StackResourceSummaries>" + join(s.resources, x -> "<member>"
                        + el("LogicalResourceId", x.logicalId()) + el("PhysicalResourceId", x.physicalId())
                        + el("ResourceType", x.type()) + el("LastUpdatedTimestamp", x.timestamp().toString())
                        + el("ResourceStatus", x.status()) + el("ResourceStatusReason", x.reason()) + "</member>")
                        + "</StackResourceSummaries>"));
            case "DescribeStackEvents":
                return withStack(r, s -> {
                    List<String> items = new ArrayList<>();
                    for (int i = 0; i < s.events.size(); i++) {
                        Event e = s.events.get(i);
                        items.add("<member>" + el("StackId", s.id) + el("EventId", "evt-" + (s.events.size() - i))
                                + el("StackName", s.name) + el("LogicalResourceId", e.logicalId())
                                + el("PhysicalResourceId", e.physicalId()) + el("ResourceType", e.type())
                                + el("Timestamp", e.timestamp().toString()) + el("ResourceStatus", e.status())
                                + el("ResourceStatusReason", e.reason()) + "</member>");
                    }
                    return ok(action, "<StackEvents>" + String.join("", items) + "</StackEvents>");
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

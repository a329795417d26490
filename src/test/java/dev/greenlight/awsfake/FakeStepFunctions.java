package dev.greenlight.awsfake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step Functions over JSON 1.0 ({@code X-Amz-Target: AWSStepFunctions.DescribeStateMachine}):
 * DescribeStateMachine and ListStateMachines; an unknown ARN answers StateMachineDoesNotExist.
 */
public final class FakeStepFunctions implements FakeService {
    static final String JSON10 = "application/x-amz-json-1.0";

    /** A state machine; {@code definition} is the ASL text as deployed. */
    public static final class StateMachine {
        public final String name;
        public final String arn;
        public volatile String definition;
        public String roleArn;
        public Instant created = Instant.parse("2024-01-10T09:05:00Z");

        public StateMachine(String name, String arn, String definition) {
            this.name = name;
            this.arn = arn;
            this.definition = definition;
        }
    }

    private final Map<String, StateMachine> byArn = new ConcurrentHashMap<>();

    public FakeStepFunctions put(StateMachine sm) {
        byArn.put(sm.arn, sm);
        return this;
    }

    public StateMachine byName(String name) {
        return byArn.values().stream().filter(s -> s.name.equals(name)).findFirst().orElse(null);
    }

    @Override
    public String signingName() {
        return "states";
    }

    @Override
    public FakeResponse handle(FakeRequest r) {
        switch (r.operation()) {
            case "DescribeStateMachine": {
                String arn = r.json().path("stateMachineArn").asText("");
                StateMachine sm = byArn.get(arn);
                if (sm == null) {
                    return error(400, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
                }
                ObjectNode out = FakeRequest.JSON.createObjectNode();
                out.put("stateMachineArn", sm.arn);
                out.put("name", sm.name);
                out.put("status", "ACTIVE");
                out.put("definition", sm.definition);
                out.put("roleArn", sm.roleArn);
                out.put("type", "STANDARD");
                out.put("creationDate", epoch(sm.created));
                out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
                out.putObject("tracingConfiguration").put("enabled", false);
                return FakeResponse.json(out, JSON10);
            }
            case "ListStateMachines": {
                // maxResults: 100 by default, 1000 at most; nextToken for the rest
                var in = r.json();
                int max = in.path("maxResults").asInt(0) <= 0 ? 100 : Math.min(1000, in.path("maxResults").asInt());
                int from = in.hasNonNull("nextToken") ? Integer.parseInt(in.get("nextToken").asText().replace("sfn-page-", "")) : 0;
                java.util.List<StateMachine> all = byArn.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).toList();
                int to = Math.min(all.size(), from + max);
                ObjectNode out = FakeRequest.JSON.createObjectNode();
                ArrayNode list = out.putArray("stateMachines");
                all.subList(Math.min(from, to), to).forEach(sm -> list.addObject()
                        .put("stateMachineArn", sm.arn).put("name", sm.name).put("type", "STANDARD")
                        .put("creationDate", epoch(sm.created)));
                if (to < all.size()) {
                    out.put("nextToken", "sfn-page-" + to);
                }
                return FakeResponse.json(out, JSON10);
            }
            default:
                return error(400, "UnknownOperationException", "Unknown operation " + r.operation());
        }
    }

    @Override
    public FakeResponse error(int status, String code, String message) {
        return FakeResponse.jsonError(status, JSON10, code, message);
    }

    static double epoch(Instant i) {
        return i.getEpochSecond() + i.getNano() / 1e9;
    }
}

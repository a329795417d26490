package dev.greenlight.runners.aws;

import dev.greenlight.engine.Services;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;

import java.util.Map;

/** Wires AWS into a run: the per-run session service and the aws./stack. variables. */
public final class AwsSupport {
    private AwsSupport() {
    }

    public static Variables install(Services services, Variables variables, AwsSettings settings) {
        Variables.Source missing = key -> {
            throw new VariableException(key, "AWS support is not available in this build", Status.SKIP);
        };
        return variables.withSource("aws.", missing).withSource("stack.", missing).withSource("arn.", missing);
    }

    /** Facts for the report header, read only from what the run already resolved. */
    public static Map<String, String> reportContext(Services services) {
        return Map.of();
    }
}

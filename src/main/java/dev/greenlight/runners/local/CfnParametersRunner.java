package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Names;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A template declares the parameters a deploy passes in ({@code --parameter-overrides}), and the
 * ones holding credentials are {@code NoEcho: true} so the console and DescribeStacks mask them.
 * Default values are never shown in evidence.
 *
 * <pre>{@code
 * check:
 *   type: cfn-parameters
 *   template: ${backend}/template.yaml
 *   names: [BackendLambdaImageUri, StageName, MockMode, CognitoIssuerUrl, CognitoAudience,
 *           OpenAiApiKey, AnthropicApiKey, GoogleApiKey, WorkflowStateBucket]
 *   no-echo: [OpenAiApiKey, AnthropicApiKey, GoogleApiKey]
 * }</pre>
 */
public final class CfnParametersRunner implements Runner<CfnParametersRunner.Spec> {

    public record Spec(@JsonProperty(required = true) String template, List<String> names, List<String> noEcho) {
        List<String> required() {
            Set<String> all = new LinkedHashSet<>();
            if (names != null) {
                all.addAll(names);
            }
            if (noEcho != null) {
                all.addAll(noEcho);
            }
            return new ArrayList<>(all);
        }
    }

    @Override
    public String type() {
        return "cfn-parameters";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        if (spec.required().isEmpty()) {
            return List.of(new SpecProblem("names", "no parameters named", "list them under 'names' or 'no-echo'"));
        }
        return List.of();
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        List<String> required = spec.required();
        List<String> noEcho = spec.noEcho() == null ? List.of() : spec.noEcho();
        String expected = "parameters declared: " + String.join(", ", required)
                + (noEcho.isEmpty() ? "" : "; NoEcho: true on " + String.join(", ", noEcho));
        if (required.isEmpty()) {
            return Result.error("The check names no parameters.").expected(expected).build();
        }
        CfnTemplate t;
        try {
            t = CfnTemplate.load(ctx, spec.template());
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        List<String> declared = t.parameterNames();
        List<String> undeclared = new ArrayList<>();
        List<String> echoed = new ArrayList<>();
        List<Evidence> bad = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        for (String name : required) {
            String ptr = "/Parameters/" + dev.greenlight.yaml.LocatedTree.segment(name);
            if (!declared.contains(name)) {
                undeclared.add(name);
                bad.add(Evidence.at(name + " is not declared", t.file(), t.nearest("/Parameters").line(),
                        t.root().has("Parameters") ? t.lineText(t.nearest("/Parameters").line()) : "no Parameters section"));
                String hint = Names.didYouMean(name, declared);
                if (hint != null) {
                    hints.add(name + ": " + hint);
                }
                continue;
            }
            int line = t.nearest(ptr).line();
            // only the key line and the NoEcho line: the Default line may hold a credential
            Evidence declaredAt = Evidence.at(name, t.file(), line, name + ":" + typeOf(t.root().at(ptr)));
            if (noEcho.contains(name)) {
                JsonNode flag = t.root().at(ptr + "/NoEcho");
                if (!"true".equalsIgnoreCase(flag.asText(""))) {
                    echoed.add(name);
                    bad.add(Evidence.at(name + " lacks NoEcho: true", t.file(), line,
                            flag.isMissingNode() ? "NoEcho not set" : "NoEcho: " + flag.asText()));
                    continue;
                }
                good.add(Evidence.at(name + " NoEcho", t.file(), t.nearest(ptr + "/NoEcho").line(), "NoEcho: true"));
                continue;
            }
            good.add(declaredAt);
        }
        if (!undeclared.isEmpty() || !echoed.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!undeclared.isEmpty()) {
                parts.add("not declared: " + String.join(", ", undeclared));
            }
            if (!echoed.isEmpty()) {
                parts.add("without NoEcho: true (the value shows in the console and DescribeStacks): " + String.join(", ", echoed));
            }
            return Result.fail("Parameters of " + t.file() + " " + String.join("; ", parts) + ".")
                    .expected(expected).actual(String.join("; ", parts))
                    .evidence(bad).notes(hints).build();
        }
        return Result.pass("All " + required.size() + " parameters are declared"
                        + (noEcho.isEmpty() ? "" : " and " + noEcho.size() + " of them are NoEcho") + ".")
                .expected(expected).actual("all declared" + (noEcho.isEmpty() ? "" : ", NoEcho where required"))
                .evidence(good).build();
    }

    private static String typeOf(JsonNode param) {
        JsonNode type = param.path("Type");
        return type.isTextual() ? " Type " + type.asText() : "";
    }
}

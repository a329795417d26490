package dev.greenlight.runners.aws;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.wiring.Greenlight;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs an inline checklist the way the CLI does, against a fake endpoint, with test credentials. */
final class AwsRuns {
    private AwsRuns() {
    }

    static void testCredentials() {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    static Checklist checklist(String yaml) {
        LoadResult r = Greenlight.loader().parse(yaml.getBytes(StandardCharsets.UTF_8), "aws-test.yaml");
        if (!r.ok()) {
            throw new AssertionError("checklist problems: " + r.problems());
        }
        return r.checklist().orElseThrow();
    }

    static RunReport run(String yaml, AwsSettings aws, Path checkout, boolean allowInvoke, Map<String, String> vars) {
        testCredentials();
        RunOptions options = RunOptions.defaults(checkout).withOverrides(vars).withAllowInvoke(allowInvoke)
                .withParallelism(4);
        return Greenlight.prepare(checklist(yaml), options, aws, null).runBlocking();
    }

    static Map<String, ItemResult> byId(RunReport report) {
        return report.results().stream().collect(Collectors.toMap(ItemResult::itemId, r -> r));
    }

    /** Every text a person could read in the report: reasons, expected, actual, evidence, notes. */
    static String allText(RunReport report) {
        StringBuilder b = new StringBuilder();
        report.context().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        for (ItemResult r : report.results()) {
            b.append(r.result().reason()).append('\n').append(r.result().expected()).append('\n')
                    .append(r.result().actual()).append('\n');
            r.result().evidence().forEach(e -> b.append(e.subject()).append(' ').append(e.text()).append(' ')
                    .append(e.resource()).append('\n'));
            r.result().notes().forEach(n -> b.append(n).append('\n'));
        }
        return b.toString();
    }

    static Set<String> readOnlyPrefixes() {
        return Set.of("Describe", "Get", "List", "Filter");
    }
}

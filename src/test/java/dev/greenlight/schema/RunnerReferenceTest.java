package dev.greenlight.schema;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Runner;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each runner's reference (src/main/resources/runners/TYPE.yaml) describes every parameter its spec
 * record declares and nothing else, and every example in it, run against the checkout it carries
 * (a git repository made here) or the test AWS deployment, gets the verdict it states. The runner
 * section of docs/checklist-format.md is generated from the same files
 * ({@code -Dgolden.update=true} rewrites it).
 */
class RunnerReferenceTest {
    private static final Path FORMAT_DOC = Path.of("docs/checklist-format.md");

    @Test
    void everyRunnerDescribesExactlyTheParametersItsSpecDeclares() {
        List<String> problems = new ArrayList<>();
        for (Runner<?> r : Greenlight.registry().all()) {
            RunnerReference ref = RunnerReference.load(r.type()).orElse(null);
            if (ref == null) {
                problems.add(r.type() + ": no src/main/resources/runners/" + r.type() + ".yaml");
                continue;
            }
            Map<String, ParameterKinds.Declared> declared = ParameterKinds.of(r.specType());
            if (!declared.keySet().equals(ref.parameters().keySet())) {
                problems.add(r.type() + ": spec has " + declared.keySet() + ", reference describes " + ref.parameters().keySet());
            }
            ref.parameters().forEach((k, p) -> {
                if (p.description().isBlank()) {
                    problems.add(r.type() + "." + k + ": no description");
                }
            });
            if (ref.summary().isBlank() || ref.examples().isEmpty()) {
                problems.add(r.type() + ": needs a summary and at least one example");
            }
            if (!ref.type().equals(r.type())) {
                problems.add(r.type() + ": the file says type " + ref.type());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRunnerHasAnExampleThatPassesAndOneThatDoesNot() {
        List<String> missing = new ArrayList<>();
        for (Runner<?> r : Greenlight.registry().all()) {
            RunnerReference.load(r.type()).ifPresent(ref -> {
                List<String> verdicts = ref.examples().stream().map(RunnerReference.Example::verdict).toList();
                if (!verdicts.contains("PASS") || verdicts.stream().allMatch("PASS"::equals)) {
                    missing.add(r.type() + " " + verdicts);
                }
            });
        }
        assertThat(missing).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGetsTheVerdictItStates() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Runner<?> r : Greenlight.registry().all()) {
            RunnerReference.load(r.type()).ifPresent(ref -> {
                int n = 0;
                for (RunnerReference.Example x : ref.examples()) {
                    n++;
                    tests.add(DynamicTest.dynamicTest(r.type() + " example " + n + ": " + x.title(), () -> runExample(x)));
                }
            });
        }
        return tests.stream();
    }

    @Test
    void theFormatDocumentHoldsTheGeneratedReference() throws Exception {
        String doc = Files.readString(FORMAT_DOC, StandardCharsets.UTF_8);
        String generated = RunnerReferenceMarkdown.splice(doc, RunnerReferenceMarkdown.generate(Greenlight.registry()));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(FORMAT_DOC, generated, StandardCharsets.UTF_8);
            doc = generated;
        }
        assertThat(doc).isEqualTo(generated);
    }

    @Test
    void parameterNamesPeopleHadToGuessAreInTheDocumentAndTheSchema() throws Exception {
        String doc = Files.readString(FORMAT_DOC, StandardCharsets.UTF_8);
        String schema = ChecklistSchema.generateText(Greenlight.registry());
        for (String name : List.of("paths", "file", "args-pattern", "flag-values", "with-contains", "no-echo",
                "target-exists", "since", "syntax")) {
            assertThat(doc).as(name).contains("| `" + name + "` |");
            assertThat(schema).as(name).contains("\"" + name + "\" : {");
        }
        assertThat(schema).contains("\"enum\" : [ \"auto\", \"python\", \"yaml\", \"shell\", \"dockerfile\", \"none\" ]");
    }

    private static void runExample(RunnerReference.Example x) throws Exception {
        Path checkout = Files.createTempDirectory("greenlight-example");
        try {
            Fixtures.checkout(checkout, x);
            Checklist checklist = checklist(x);
            RunOptions options = RunOptions.defaults(checkout).withAllowCommands("commands".equals(x.allow()))
                    .withAllowInvoke("invoke".equals(x.allow()));
            ItemResult result;
            if (x.deployment() != null) {
                System.setProperty("aws.accessKeyId", "AKIDTEST");
                System.setProperty("aws.secretAccessKey", "secret");
                try (Deployment d = Fixtures.deployment(x.deployment())) {
                    result = Greenlight.prepare(checklist, options, new AwsSettings(null, Deployment.REGION,
                            d.endpoint().toString()), null).runBlocking().results().get(0);
                }
            } else {
                result = Greenlight.prepare(checklist, options, new AwsSettings(null, null, null), null)
                        .runBlocking().results().get(0);
            }
            String said = result.status() + ": " + result.result().reason() + " | expected " + result.result().expected()
                    + " | actual " + result.result().actual();
            assertThat(result.status().name()).as(said).isEqualTo(x.verdict());
            if (x.reason() != null) {
                assertThat(said).contains(x.reason());
            }
        } finally {
            Fixtures.delete(checkout);
        }
    }

    private static Checklist checklist(RunnerReference.Example x) {
        StringBuilder y = new StringBuilder("id: example\ntitle: Example\n");
        if (!x.vars().isEmpty()) {
            y.append("vars:\n");
            x.vars().forEach((k, v) -> y.append("  ").append(k).append(": \"").append(v.replace("\"", "\\\"")).append("\"\n"));
        }
        y.append("sections:\n  - id: s\n    title: S\n    items:\n      - id: example\n        title: Example\n");
        y.append(x.check().lines().map(l -> "        " + l).collect(Collectors.joining("\n"))).append('\n');
        LoadResult r = Greenlight.loader().parse(y.toString().getBytes(StandardCharsets.UTF_8), "example.yaml");
        assertThat(r.problems()).as(y.toString()).isEmpty();
        return r.checklist().orElseThrow();
    }
}

package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.Section;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report format against a golden file. Regenerate after an intended change with
 * {@code mvn test -Dtest=ReportWritersGoldenTest -Dgolden.update=true} and review the diff.
 */
class ReportWritersGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Checklist checklist() {
        Item a = new Item("asl-uri", "paths", "DefinitionUri points at v3", null, null, true, List.of(), null, List.of(), List.of(), List.of());
        Item b = new Item("usc-import", "paths", "USC import <present> & \"quoted\"", null, null, true, List.of(), null, List.of(), List.of(), List.of());
        Item c = new Item("stack", "aws", "Stack status", null, null, true, List.of(), null, List.of(), List.of(), List.of());
        Item d = new Item("e2e", "aws", "End-to-end | run", null, null, true, List.of(), null, List.of(), List.of(), List.of());
        Item e = new Item("comment", "aws", "Deployed Comment says v3.0", null, null, true, List.of(), null, List.of(), List.of(), List.of());
        return new Checklist("demo", "Demo checklist", "1.0", null, Map.of("stage", "dev"),
                List.of(new Section("paths", "1. Paths", null, List.of(a, b)), new Section("aws", "2. AWS", null, List.of(c, d, e))), "demo.yaml");
    }

    static RunReport report() {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        ItemResult pass = new ItemResult("asl-uri", "paths", "DefinitionUri points at v3",
                Result.pass("DefinitionUri is src/aws_step_functions_v3.json and the file exists.")
                        .expected("src/aws_step_functions_v3.json").actual("src/aws_step_functions_v3.json")
                        .evidence(Evidence.at("Properties.DefinitionUri of StepFunctionOrchestrator", "backend/template.yaml", 216,
                                "      DefinitionUri: src/aws_step_functions_v3.json"))
                        .note("found at backend/template.yaml:216 (the checklist says line 2413)").build(), 12, t);
        ItemResult fail = new ItemResult("usc-import", "paths", "USC import <present> & \"quoted\"",
                Result.fail("The import of src.handlers.utils.universal_sync_core is commented out.")
                        .expected("from src.handlers.utils.universal_sync_core import universal_sync_core").actual("# from ... (a comment)")
                        .evidence(Evidence.at("commented-out import", "backend/src/common/initialize_state_data.py", 14,
                                "# from src.handlers.utils.universal_sync_core import universal_sync_core <&>")).build(), 3, t);
        ItemResult error = new ItemResult("stack", "aws", "Stack status",
                Result.error("Access denied: grant cloudformation:DescribeStacks on arn:aws:cloudformation:us-east-1:123456789012:stack/backend-workflow-dev/*.")
                        .evidence(Evidence.aws("cloudformation:DescribeStacks", "backend-workflow-dev", "us-east-1", "AccessDenied")).build(), 40, t);
        ItemResult manual = new ItemResult("e2e", "aws", "End-to-end | run",
                Result.of(Status.MANUAL, "Waiting for a person to check this and sign it off.").build(), 0, t);
        // a SKIP says its reason once: no expected/but-was, no evidence repeating the reason
        ItemResult skip = new ItemResult("comment", "aws", "Deployed Comment says v3.0",
                Result.skip("No AWS credentials are configured: run 'aws configure' or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
                        .expected("Comment contains v3.0").actual("no credentials")
                        .evidence(Evidence.aws("states:DescribeStateMachine", "WorkflowOrchestrator-dev", "us-east-1",
                                "Unable to load credentials from any of the providers in the chain")).build(), 1, t);
        return new RunReport("demo", "Demo checklist", "1.0", "demo.yaml", "/work/checkout", t, 1234,
                Map.of("git.sha", "0123456789abcdef0123456789abcdef01234567", "stage", "dev", "checkout", "/work/checkout"),
                List.of(pass, fail, error, manual, skip), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "junit", "md", "html"})
    void matchesGoldenFile(String format) throws Exception {
        StringWriter out = new StringWriter();
        ReportWriter.forFormat(format, false).write(report(), checklist(), out);
        Path golden = GOLDEN.resolve("report." + format);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, out.toString(), StandardCharsets.UTF_8);
        }
        assertThat(out.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"junit", "html"})
    void escapesMarkupInTitlesAndEvidence(String format) throws Exception {
        StringWriter out = new StringWriter();
        ReportWriter.forFormat(format, false).write(report(), checklist(), out);
        assertThat(out.toString()).doesNotContain("<present>").doesNotContain("<&>").contains("&lt;present&gt;");
    }
}

package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.store.RunHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RecordHistoryDiagnoseCliTest {
    @TempDir
    Path home;
    @TempDir
    Path checkout;
    @TempDir
    Path work;

    private Path checklist;
    private String previousHome;
    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        previousHome = System.getProperty("greenlight.home");
        System.setProperty("greenlight.home", home.toString());
        for (String f : List.of("backend/src/aws_step_functions_v3.json", "backend/src/aws_step_functions_distributed_v3.json",
                "backend/src/handlers/utils/universal_sync_core.py", "backend/requirements.txt", "backend/template.yaml",
                ".github/workflows/backend-deploy.yml")) {
            Files.createDirectories(checkout.resolve(f).getParent());
            Files.writeString(checkout.resolve(f), "content of " + f + "\n");
        }
        checklist = work.resolve("oncall-demo.yaml");
        try (InputStream in = getClass().getResourceAsStream("/checklists/oncall-demo.yaml")) {
            Files.write(checklist, in.readAllBytes());
        }
    }

    @AfterEach
    void tearDown() {
        dev.greenlight.ui.UiFixture.restore("greenlight.home", previousHome);
    }

    private int cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = GreenlightCommand.execute(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private int run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--checklist", checklist.toString(), "--checkout", checkout.toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    private void removeDistributedAsl() throws Exception {
        Files.delete(checkout.resolve("backend/src/aws_step_functions_distributed_v3.json"));
    }

    @Test
    void runWritesAVerifiableRecordAndVerifyRecordDetectsTampering() throws Exception {
        removeDistributedAsl();
        Path record = work.resolve("go-no-go.json");
        assertThat(run("--record", record.toString(), "--sign-off", "disk-space-step=looked at the runner disk")).isEqualTo(1);
        assertThat(err).contains("wrote the NO-GO record to " + record)
                .contains("--sign-off disk-space-step refused: The machine verified this item (PASS); there is nothing to sign off.");
        JsonNode json = JsonMapper.builder().build().readTree(record.toFile());
        assertThat(json.get("checklist").get("id").asText()).isEqualTo("oncall-demo");
        assertThat(json.get("checkout").asText()).isEqualTo(checkout.toString());
        assertThat(json.get("signOffs")).isEmpty();
        assertThat(json.get("integrity").asText()).startsWith("Unsigned: the SHA-256 detects accidental edits only");

        assertThat(cli("verify-record", record.toString())).isEqualTo(0);
        assertThat(out).startsWith("OK (unsigned): ").contains("NO-GO").contains("detects accidental edits only");

        String text = Files.readString(record);
        Files.writeString(record, text.replaceFirst("\"status\" : \"FAIL\"", "\"status\" : \"PASS\""));
        assertThat(Files.readString(record)).isNotEqualTo(text);
        assertThat(cli("verify-record", record.toString())).isEqualTo(1);
        assertThat(out).startsWith("TAMPERED: ");

        Files.writeString(record, text.replace("Missing: backend/src/aws_step_functions_distributed_v3.json.", "Missing: nothing."));
        assertThat(cli("verify-record", record.toString())).isEqualTo(1);

        Files.writeString(record, text.substring(0, text.length() / 2));
        assertThat(cli("verify-record", record.toString())).isEqualTo(2);
        assertThat(err).contains("not valid JSON");
        assertThat(cli("verify-record", work.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err).contains("cannot read " + work.resolve("missing.json") + ": no such file");
        Files.writeString(record, "{\"schema\": \"greenlight-report/1\"}");
        assertThat(cli("verify-record", record.toString())).isEqualTo(2);
    }

    @Test
    void aSignOffOfAFailingItemIsRefusedWithAWarningAndTheRecordStaysNoGo() throws Exception {
        removeDistributedAsl();
        Path record = work.resolve("r.json");
        assertThat(run("--record", record.toString(), "--no-history", "--sign-off", "asl-definition-files=looked")).isEqualTo(1);
        assertThat(err).contains("greenlight: warning: --sign-off asl-definition-files refused: A FAIL cannot be signed off:"
                + " a note does not make it pass.").contains("The record stays NO-GO.").contains("wrote the NO-GO record");
        assertThat(JsonMapper.builder().build().readTree(record.toFile()).get("signOffs")).isEmpty();
    }

    @Test
    void runWritesMarkdownAndHtmlRecordsAndRejectsAnUnknownExtensionBeforeRunning() throws Exception {
        assertThat(run("--record", work.resolve("r.md").toString(), "--no-history")).isEqualTo(0);
        assertThat(Files.readString(work.resolve("r.md"))).startsWith("# GO: On-call demo");
        assertThat(run("--record", work.resolve("r.html").toString(), "--no-history")).isEqualTo(0);
        assertThat(Files.readString(work.resolve("r.html"))).startsWith("<!DOCTYPE html>");
        assertThat(run("--record", work.resolve("r.pdf").toString())).isEqualTo(2);
        assertThat(err).contains("name it .md, .html or .json");
        assertThat(run("--sign-off", "no-such-item=x")).isEqualTo(2);
        assertThat(home.resolve("greenlight/history")).doesNotExist();
    }

    @Test
    void runsAreKeptByDefaultAndDiffShowsWhatGotWorseSinceTheLastGreenRun() throws Exception {
        assertThat(run()).isEqualTo(0);
        assertThat(err).contains("kept run ");
        assertThat(run("--no-history")).isEqualTo(0);
        removeDistributedAsl();
        assertThat(run()).isEqualTo(1);
        try (Stream<Path> s = Files.list(home.resolve("greenlight/history/oncall-demo"))) {
            assertThat(s.filter(p -> !p.getFileName().toString().equals(RunHistory.INDEX))).hasSize(2);
        }

        assertThat(cli("history")).isEqualTo(0);
        assertThat(out.lines().skip(1)).hasSize(2);
        assertThat(out.lines().skip(1).findFirst().orElseThrow()).contains("(not green)");

        assertThat(cli("diff", "last-green")).isEqualTo(1);
        assertThat(out).contains("WORSE  The v3 ASL definition files exist  [asl-definition-files]  PASS -> FAIL")
                .contains("before: PASS").contains("after : FAIL  Missing: backend/src/aws_step_functions_distributed_v3.json.");

        assertThat(cli("diff", "last-green", "last", "--format", "json")).isEqualTo(1);
        // the line ends, so a shell prompt or the next command's output does not run on after the brace
        assertThat(out).endsWith("}" + System.lineSeparator());
        JsonNode json = JsonMapper.builder().build().readTree(out);
        assertThat(json.get("regressions").asInt()).isEqualTo(1);
        assertThat(json.get("changes").get(0).get("before").get("status").asText()).isEqualTo("PASS");

        // 'diff last' is the last run against the one before it, not against itself
        assertThat(cli("diff", "last")).isEqualTo(1);
        assertThat(out).contains("WORSE  The v3 ASL definition files exist").doesNotContain("A and B are the same run");
        assertThat(cli("diff", "last", "last")).isEqualTo(1);
        assertThat(cli("diff", "last-green")).isEqualTo(1);
        assertThat(out).contains("1 item changed: 1 worse; 4 unchanged.");

        String greenId = history().get(1);
        String redId = history().get(0);
        assertThat(cli("diff", redId, greenId)).isEqualTo(0);
        assertThat(out).contains("BETTER");
        Path reportFile = work.resolve("report.json");
        assertThat(run("--format", "json", "--out", reportFile.toString(), "--no-history")).isEqualTo(1);
        assertThat(cli("diff", greenId, reportFile.toString())).isEqualTo(1);
    }

    @Test
    void diffRejectsWhatItCannotUse() throws Exception {
        assertThat(cli("diff", "last")).isEqualTo(2);
        assertThat(err).contains("no runs in the history");
        assertThat(run()).isEqualTo(0);
        assertThat(cli("diff", "2026-01-01T00-00-00.000Z-abcdef", "last")).isEqualTo(2);
        assertThat(err).contains("neither a report file nor a run id");
        Path notReport = work.resolve("x.json");
        Files.writeString(notReport, "{\"hello\": 1}");
        assertThat(cli("diff", notReport.toString(), "last")).isEqualTo(2);
        assertThat(err).contains("not a Greenlight JSON report");
        assertThat(cli("diff", "last-green", "last-green")).isEqualTo(2);
        assertThat(cli("diff", "last-green", "last")).isEqualTo(2);
        assertThat(err).contains("no complete green run");
        assertThat(cli("diff", "last", "last", "--format", "yaml")).isEqualTo(2);
    }

    private List<String> history() {
        cli("history");
        return out.lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
    }

    private int diagnose(String message) {
        return cli("diagnose", message, "--checklist", checklist.toString(), "--checkout", checkout.toString());
    }

    @Test
    void diagnoseRunsTheItemsAnAslNotFoundErrorPointsAt() throws Exception {
        removeDistributedAsl();
        assertThat(diagnose("DefinitionUri: src/aws_step_functions_v3.json not found")).isEqualTo(1);
        assertThat(out).contains("symptom       The v3 ASL definition files exist  [asl-definition-files]")
                .contains("FAIL   The v3 ASL definition files exist  [asl-definition-files]")
                .contains("Missing: backend/src/aws_step_functions_distributed_v3.json.")
                .contains("$ ls -la backend/src/aws_step_functions*.json")
                .contains("$ git ls-files backend/src/aws_step_functions*.json");
        assertThat(out.indexOf("[asl-definition-files]")).isLessThan(out.indexOf("[definition-substitutions]"));
    }

    @Test
    void diagnoseRunsTheUscItemForTheImportError() {
        assertThat(diagnose("ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'")).isEqualTo(0);
        assertThat(out).contains("PASS   The USC module is inside the image build context  [usc-module]")
                .contains("at backend/src/handlers/utils/universal_sync_core.py")
                .contains("$ docker build --no-cache -f Dockerfile.lambda -t test-lambda backend/src");
    }

    @Test
    void diagnoseRunsTheSubstitutionItemForAnUnsubstitutedArn() throws Exception {
        Files.delete(checkout.resolve("backend/template.yaml"));
        assertThat(diagnose("Lambda function not found: ${InitializeStateDataArn}")).isEqualTo(1);
        assertThat(out).contains("FAIL   Every ASL placeholder has a DefinitionSubstitutions entry  [definition-substitutions]")
                .contains("$ aws cloudformation describe-stack-events --stack-name backend-workflow-dev --max-items 20");
    }

    @Test
    void diagnoseRunsTheDiskSpaceItemAndCanJustMatch() {
        assertThat(diagnose("Disk space quota exceeded")).isEqualTo(0);
        assertThat(out).contains("PASS   The workflow frees disk space before Docker builds  [disk-space-step]")
                .contains("$ grep -n -A5 \"Maximize disk space\" .github/workflows/backend-deploy.yml");
        assertThat(cli("diagnose", "Disk space quota exceeded", "--match-only", "--checklist", checklist.toString(),
                "--checkout", checkout.toString())).isEqualTo(0);
        assertThat(out).contains("[disk-space-step]").doesNotContain("PASS ");
    }

    @Test
    void diagnoseSaysSoWhenNothingMatches() {
        assertThat(diagnose("Task timed out after 30.03 seconds")).isEqualTo(2);
        assertThat(out).startsWith("No checklist item explains this message");
    }

    @Test
    void diagnoseRunsOnlyTheSymptomMatchesAndListsTroubleshootingMatchesAsRelated() throws Exception {
        removeDistributedAsl();
        // "not found" is also the `when` of asl-definition-files' remedies, which would FAIL here if it ran
        assertThat(diagnose("Lambda function not found: ${InitializeStateDataArn}")).isEqualTo(0);
        assertThat(out).contains("Matched 1 item, best first:")
                .contains("PASS   Every ASL placeholder has a DefinitionSubstitutions entry  [definition-substitutions]")
                .doesNotContain("FAIL ").doesNotContain("ls -la")
                .contains("Other possibly related items (a troubleshooting entry matches; not run):\n"
                        + "  The v3 ASL definition files exist  [asl-definition-files]  matched \"not found\"");
    }

    @Test
    void diagnoseFallsBackToTroubleshootingMatchesWhenNoSymptomMatches() throws Exception {
        removeDistributedAsl();
        assertThat(diagnose("the state machine file is missing")).isEqualTo(1);
        assertThat(out).contains("troubleshoot  The v3 ASL definition files exist  [asl-definition-files]  matched \"missing\"")
                .contains("FAIL   The v3 ASL definition files exist  [asl-definition-files]")
                .doesNotContain("Other possibly related items");
    }
}

package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.files.AppDirs;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI contract: commands, exit codes 0/1/2, and clear messages instead of stack traces. */
class CliTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GreenlightCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path sample() throws Exception {
        return SampleCheckout.materialise(dir.resolve("checkout"));
    }

    /**
     * Runs are kept in the history by default; surefire points greenlight.home into target/ so a
     * test run never writes into the person's real data directory. A test that sets the property
     * must put the old value back, not clear it, or every later test writes there.
     */
    @BeforeEach
    void theDataDirectoryIsInsideTarget() {
        assertThat(AppDirs.data().toAbsolutePath().normalize())
                .as("greenlight.home=%s", System.getProperty("greenlight.home"))
                .startsWithRaw(Path.of("target").toAbsolutePath());
    }

    private static final String LOCAL = "asl-paths,lambda-usc,docker-build,substitutions,sam-deploy";

    @Test
    void validatesTheBundledChecklist() {
        Outcome o = cli("validate");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("OK").contains("items");
    }

    @Test
    void runsTheLocalSectionsGreenAsJson() throws Exception {
        Outcome o = cli("run", "--checkout", sample().toString(), "--only", LOCAL, "--format", "json");
        assertThat(o.code()).as(o.err() + o.out()).isZero();
        JsonNode json = new JsonMapper().readTree(o.out());
        assertThat(json.at("/summary/FAIL").asInt()).isZero();
        JsonNode first = json.at("/items/0");
        for (String field : new String[]{"id", "section", "title", "status", "reason", "expected", "actual", "evidence", "durationMs"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(json.at("/context/git.sha").asText()).hasSize(40);
    }

    @Test
    void exitsOneWhenAFactIsWrongAndWritesTheReportFile() throws Exception {
        Path c = sample();
        Path df = c.resolve("analemma-workflow-os/backend/src/Dockerfile.lambda");
        Files.writeString(df, Files.readString(df).replace("COPY . /var/task/src/", "COPY . /var/task/"));
        Path report = dir.resolve("out/report.xml");
        Outcome o = cli("run", "--checkout", c.toString(), "--only", LOCAL, "--format", "junit", "--out", report.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(Files.readString(report)).contains("<failure").contains("Dockerfile.lambda");
    }

    @Test
    void malformedYamlIsExitTwoWithFileLineColumn() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "id: x\ntitle: T\nsections:\n  - id: s\n    title: [oops\n");
        Outcome o = cli("validate", "--checklist", f.toString());
        assertThat(o.code()).isEqualTo(2);
        // the problems are validate's output: `greenlight validate > problems.txt` keeps them
        assertThat(o.out()).containsPattern("bad\\.yaml:\\d+:\\d+: not valid YAML");
        assertThat(o.out() + o.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownRunnerTypeSuggestsTheClosest() throws Exception {
        Path f = dir.resolve("typo.yaml");
        Files.writeString(f, "id: x\ntitle: T\nsections:\n  - id: s\n    title: S\n    items:\n      - id: a\n        title: A\n"
                + "        check:\n          type: file-exist\n          paths: [a]\n");
        Outcome o = cli("validate", "--checklist", f.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).contains("typo.yaml:10:").contains("did you mean 'file-exists'?");
    }

    @Test
    void missingCheckoutPathIsExitTwo() {
        Outcome o = cli("run", "--checkout", dir.resolve("nope").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("does not exist").doesNotContain("Exception");
    }

    @Test
    void aCheckoutThatIsNotAGitRepositoryErrorsOnlyTheGitItems() throws Exception {
        Path c = sample();
        deleteRecursively(c.resolve(".git"));
        Outcome o = cli("run", "--checkout", c.toString(), "--only", LOCAL, "--format", "json");
        assertThat(o.code()).isEqualTo(2);
        JsonNode json = new JsonMapper().readTree(o.out());
        for (JsonNode item : json.get("items")) {
            String id = item.get("id").asText();
            if (id.startsWith("asl-files-tracked") || id.startsWith("asl-files-not-ignored")) {
                assertThat(item.get("status").asText()).as(id).isEqualTo("ERROR");
                assertThat(item.get("reason").asText()).as(id).containsPattern("not (inside )?a git repository");
            } else {
                assertThat(item.get("status").asText()).as(id + " " + item.get("reason")).isEqualTo("PASS");
            }
        }
    }

    @Test
    void aBinaryTemplateIsAnErrorOnTheTemplateItemsNotACrash() throws Exception {
        Path c = sample();
        Files.write(c.resolve("analemma-workflow-os/backend/template.yaml"), new byte[]{0x7f, 'E', 'L', 'F', 0, 1, 2, 0, 0});
        Outcome o = cli("run", "--checkout", c.toString(), "--only", "asl-paths", "--format", "json");
        assertThat(o.code()).isEqualTo(2);
        JsonNode uri = find(new JsonMapper().readTree(o.out()), "asl-orchestrator-definition-uri");
        assertThat(uri.get("status").asText()).isEqualTo("ERROR");
        assertThat(uri.get("reason").asText()).contains("binary");
        assertThat(find(new JsonMapper().readTree(o.out()), "asl-files-exist").get("status").asText()).isEqualTo("PASS");
    }

    @Test
    void aHugeTemplateIsRefusedWithItsSize() throws Exception {
        Path c = sample();
        Path t = c.resolve("analemma-workflow-os/backend/template.yaml");
        try (RandomAccessFile f = new RandomAccessFile(t.toFile(), "rw")) {
            f.setLength(200L * 1024 * 1024); // sparse: no 200 MB written to disk
        }
        Outcome o = cli("run", "--checkout", c.toString(), "--only", "asl-paths", "--format", "json");
        assertThat(o.code()).isEqualTo(2);
        JsonNode uri = find(new JsonMapper().readTree(o.out()), "asl-orchestrator-definition-uri");
        assertThat(uri.get("reason").asText()).contains("200 MB").contains("limit");
    }

    @Test
    void unknownOnlyIdAndBadFormatAreExitTwo() throws Exception {
        assertThat(cli("run", "--checkout", sample().toString(), "--only", "nope").code()).isEqualTo(2);
        assertThat(cli("run", "--format", "pdf").code()).isEqualTo(2);
        assertThat(cli("frobnicate").code()).isEqualTo(2);
    }

    @Test
    void listsTheBundledChecklistAndItsItems() {
        assertThat(cli("list", "--bundled").out()).contains("unified-pipe-v3.3");
        Outcome o = cli("list");
        assertThat(o.out()).contains("asl-orchestrator-definition-uri").contains("cfn-property");
    }

    @Test
    void printsVersionWithBuildSha() {
        Outcome o = cli("--version");
        assertThat(o.code()).isZero();
        assertThat(o.out()).startsWith("greenlight ").contains("build");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"run", "validate", "list", "schema", "iam-policy", "diff",
            "history", "diagnose", "verify-record"})
    void everySubcommandPrintsItsUsageForHelpAndExitsZero(String command) {
        for (String flag : new String[]{"--help", "-h"}) {
            Outcome o = cli(command, flag);
            assertThat(o.code()).as(command + " " + flag + ": " + o.err()).isZero();
            assertThat(o.out()).as(command + " " + flag).startsWith("Usage: greenlight " + command);
            assertThat(o.err()).isEmpty();
        }
    }

    @Test
    void diffUsageShowsThatBIsOptional() {
        assertThat(cli("diff", "--help").out()).contains(" A [B]");
    }

    @Test
    void runStillPrintsChecklistProblemsToStandardError() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "id: x\ntitle: T\nsections:\n  - id: s\n    title: [oops\n");
        Outcome o = cli("run", "--checklist", f.toString(), "--no-history");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("not valid YAML");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void anUnwritableOutSaysWhichFileAndWhy() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        Outcome o = cli("run", "--checkout", sample().toString(), "--only", "asl-paths", "--no-history",
                "--format", "json", "--out", blocker.resolve("report.json").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("cannot write the report to " + blocker.resolve("report.json") + ": ")
                .contains("not a directory").doesNotContain(".tmp");
        Outcome r = cli("run", "--checkout", sample().toString(), "--only", "asl-paths", "--no-history",
                "--out", dir.resolve("ok.txt").toString(), "--record", blocker.resolve("record.md").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write the record to " + blocker.resolve("record.md") + ": ");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void anOutUnderProcSaysWhyInsteadOfATempFileName() throws Exception {
        Outcome o = cli("run", "--checkout", sample().toString(), "--only", "asl-paths", "--no-history",
                "--format", "json", "--out", "/proc/version");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("greenlight: cannot write the report to /proc/version: ").doesNotContain(".tmp");
    }

    @Test
    void diagnosePrintsNoCommandWithAnUnresolvedVariable() throws Exception {
        Outcome o = cli("diagnose", "--checkout", sample().toString(), "--parallel", "2",
                "ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'");
        assertThat(o.err()).doesNotContain("Exception");
        java.util.List<String> commands = o.out().lines().map(String::strip).filter(l -> l.startsWith("$ ")).toList();
        assertThat(commands).isNotEmpty().allSatisfy(c ->
                assertThat(c.replace("${BASE_IMAGE_URI}", "")).as("a shell variable escaped as $${X} is the only ${…} left")
                        .doesNotContain("${"));
        assertThat(commands).anySatisfy(c -> assertThat(c).contains("BASE_IMAGE_URI=${BASE_IMAGE_URI}"));
        assertThat(o.out()).contains("(command not shown: needs ${stack.InitializeStateDataFunction}: ");
    }

    private static JsonNode find(JsonNode report, String id) {
        for (JsonNode item : report.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id);
    }

    private static void deleteRecursively(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}

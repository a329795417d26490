package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate as GitHub sees it: {@code --format sarif} for code scanning (SARIF 2.1.0, a result per
 * FAIL/ERROR/WARN at the evidence's file:line relative to the checkout) and workflow annotations on
 * stderr when GITHUB_ACTIONS=true.
 */
class SarifGateTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    private static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GreenlightCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@example.invalid"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text).isZero();
    }

    /** A repository whose function has 256 MB where the checklist wants 512, in a folder with a space. */
    private Path repository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve("infra stack"));
        Files.writeString(repo.resolve("infra stack/template.yaml"), """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Stage:
                    Type: String
                Resources:
                  OrdersFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      Runtime: python3.12
                      MemorySize: 256
                      Timeout: 30
                """);
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "init");
        return repo;
    }

    private Path checklist() throws Exception {
        return Files.writeString(dir.resolve("gate.yaml"), """
                id: orders-gate
                title: Orders gate
                vars:
                  stage: dev
                sections:
                  - id: template
                    title: Template
                    items:
                      - id: memory
                        title: Orders has 512 MB
                        why: Under 512 MB the PDF export times out.
                        check:
                          type: cfn-property
                          template: infra stack/template.yaml
                          resource: OrdersFunction
                          path: Properties.MemorySize
                          equals: 512
                        troubleshoot:
                          - title: Show the memory setting
                            run: grep -n MemorySize "infra stack/template.yaml"
                      - id: timeout
                        title: Orders times out at 30 s
                        check:
                          type: cfn-property
                          template: infra stack/template.yaml
                          resource: OrdersFunction
                          path: Properties.Timeout
                          equals: 30
                      - id: runtime-advice
                        title: Runtime is python3.13 (advice)
                        check:
                          type: cfn-property
                          template: infra stack/template.yaml
                          resource: OrdersFunction
                          path: Properties.Runtime
                          equals: python3.13
                          fail-as: warn
                """);
    }

    @Test
    void sarifHasOneRulePerItemAndAResultAtTheEvidenceLineForFailAndWarn() throws Exception {
        Path repo = repository();
        Outcome o = cli("run", "--checklist", checklist().toString(), "--checkout", repo.toString(),
                "--format", "sarif", "--no-history");

        assertThat(o.code()).as(o.err()).isEqualTo(1);
        JsonNode sarif = new JsonMapper().readTree(o.out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.at("/runs/0");
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("Greenlight");
        assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).containsExactly("memory", "timeout", "runtime-advice");
        assertThat(run.at("/tool/driver/rules/0/fullDescription/text").asText()).isEqualTo("Under 512 MB the PDF export times out.");

        JsonNode results = run.path("results");
        assertThat(results).hasSize(2);
        JsonNode fail = results.get(0);
        assertThat(fail.path("ruleId").asText()).isEqualTo("memory");
        assertThat(fail.path("ruleIndex").asInt()).isZero();
        assertThat(fail.path("level").asText()).isEqualTo("error");
        assertThat(fail.at("/message/text").asText()).contains("512").contains("256");
        JsonNode where = fail.at("/locations/0/physicalLocation");
        assertThat(where.at("/artifactLocation/uri").asText()).isEqualTo("infra%20stack/template.yaml");
        assertThat(where.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(where.at("/region/startLine").asInt()).isEqualTo(12);
        assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText()).startsWith("file:/").endsWith("/repo/");
        assertThat(run.has("automationDetails")).as("upload-sarif's category must apply").isFalse();

        JsonNode warn = results.get(1);
        assertThat(warn.path("ruleId").asText()).isEqualTo("runtime-advice");
        assertThat(warn.path("ruleIndex").asInt()).isEqualTo(2);
        assertThat(warn.path("level").asText()).isEqualTo("warning");
        assertThat(warn.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(11);
        SarifShape.assertValid(sarif);
    }

    @Test
    void aResultWithoutAFileInItsEvidencePointsAtItsItemInTheChecklist() throws Exception {
        Path repo = repository();
        Path inRepo = Files.createDirectories(repo.resolve("checks")).resolve("gate.yaml");
        Files.writeString(inRepo, """
                id: aws-gate
                title: AWS gate
                sections:
                  - id: live
                    title: Live
                    items:
                      - id: stack-ok
                        title: The stack is deployed
                        check:
                          type: cfn-stack
                          stack: orders-dev
                """);
        Outcome o = cli("run", "--checklist", inRepo.toString(), "--checkout", repo.toString(), "--format", "sarif",
                "--no-history", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1", "--timeout", "20");

        JsonNode result = new JsonMapper().readTree(o.out()).at("/runs/0/results/0");
        assertThat(result.path("level").asText()).as(o.out()).isEqualTo("error");
        JsonNode where = result.at("/locations/0/physicalLocation");
        assertThat(where.at("/artifactLocation/uri").asText()).isEqualTo("checks/gate.yaml");
        assertThat(where.at("/region/startLine").asInt()).isEqualTo(7);
    }

    @Test
    void insideGithubActionsFindingsAreAlsoAnnotatedOnStderrAndStdoutStaysTheReport() throws Exception {
        Path repo = repository();
        // as an Actions step starts it: in the workspace, with the variables every step has
        Launcher.Outcome o = Launcher.run(repo, Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", repo.toString()), "run", "--checklist", checklist().toString(), "--checkout", repo.toString(),
                "--format", "json", "--no-history");

        assertThat(o.code()).isEqualTo(1);
        new JsonMapper().readTree(o.out()); // still one JSON document
        assertThat(o.err().lines().filter(l -> l.startsWith("::"))).containsExactly(
                o.err().lines().filter(l -> l.startsWith("::error ")).findFirst().orElseThrow(),
                o.err().lines().filter(l -> l.startsWith("::warning ")).findFirst().orElseThrow());
        assertThat(o.err()).contains("::error file=infra stack/template.yaml,line=12,title=FAIL Orders has 512 MB [memory]::FAIL: ")
                .contains("::warning file=infra stack/template.yaml,line=11,title=WARN Runtime is python3.13 (advice) [runtime-advice]::");
    }

    @Test
    void outsideGithubActionsNothingIsAnnotated() throws Exception {
        Path repo = repository();
        Outcome o = cli("run", "--checklist", checklist().toString(), "--checkout", repo.toString(), "--no-history");
        assertThat(o.err()).doesNotContain("::error").doesNotContain("::warning");
    }
}

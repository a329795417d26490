package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composite action in .github/actions/greenlight: its wiring is consistent, and its run step,
 * executed by bash as the runner executes it, turns the inputs into a greenlight call that writes
 * SARIF, annotates on stderr and hands the exit code to the gate step.
 */
class GithubActionTest {
    private static final Path ACTION = Path.of(".github/actions/greenlight/action.yml");
    private static final Path EXAMPLE = Path.of(".github/actions/greenlight/example-workflow.yml");

    @TempDir
    Path dir;

    private static JsonNode yaml(Path p) throws Exception {
        return new YAMLMapper().readTree(Files.readString(p, StandardCharsets.UTF_8));
    }

    private static JsonNode step(JsonNode action, String id) {
        for (JsonNode s : action.at("/runs/steps")) {
            if (id.equals(s.path("id").asText())) {
                return s;
            }
        }
        throw new AssertionError("no step " + id);
    }

    @Test
    void everyInputAndStepOutputTheActionUsesIsDeclared() throws Exception {
        JsonNode action = yaml(ACTION);
        assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
        String text = Files.readString(ACTION, StandardCharsets.UTF_8);
        Set<String> inputs = new HashSet<>();
        action.path("inputs").fieldNames().forEachRemaining(inputs::add);
        Matcher m = Pattern.compile("inputs\\.([a-z0-9-]+)").matcher(text);
        while (m.find()) {
            assertThat(inputs).as("inputs.%s", m.group(1)).contains(m.group(1));
        }
        Set<String> ids = new HashSet<>();
        action.at("/runs/steps").forEach(s -> ids.add(s.path("id").asText()));
        Matcher o = Pattern.compile("steps\\.([a-z0-9-]+)\\.outputs").matcher(text);
        while (o.find()) {
            assertThat(ids).as("steps.%s", o.group(1)).contains(o.group(1));
        }
        assertThat(text).contains("uses: github/codeql-action/upload-sarif@");
    }

    @Test
    void theExampleFansOutOverStacksStagesAndAccountsAndIsNotAnActiveWorkflow() throws Exception {
        assertThat(Path.of(".github/workflows")).doesNotExist();
        JsonNode wf = yaml(EXAMPLE);
        JsonNode matrix = wf.at("/jobs/gate/strategy/matrix");
        assertThat(matrix.has("stack")).isTrue();
        assertThat(matrix.has("stage")).isTrue();
        assertThat(matrix.path("include").findValuesAsText("account")).isNotEmpty();
        assertThat(wf.at("/permissions/security-events").asText()).isEqualTo("write");
        assertThat(Files.readString(EXAMPLE)).contains("/.github/actions/greenlight@")
                .contains("category: greenlight/${{ matrix.stack }}/${{ matrix.stage }}/${{ matrix.account }}");
    }

    @Test
    void theRunStepWritesSarifAnnotatesAndHandsTheExitCodeToTheGate() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo/services/orders"));
        Files.writeString(repo.resolve("template.yaml"), "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                + "    Properties:\n      MemorySize: 256\n");
        Path checklist = Files.writeString(dir.resolve("repo/orders.yaml"), """
                id: orders
                title: Orders
                vars:
                  backend: services/x
                  stage: dev
                sections:
                  - id: t
                    title: T
                    items:
                      - id: memory
                        title: "Memory, as sized: 512"
                        check:
                          type: cfn-property
                          template: ${backend}/template.yaml
                          resource: Fn
                          path: Properties.MemorySize
                          equals: 512
                """);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path launcher = bin.resolve("greenlight");
        Files.writeString(launcher, "#!/bin/sh\nexec \"" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "\" -Dgreenlight.home=\"" + System.getProperty("greenlight.home", dir.resolve("home").toString())
                + "\" -cp \"" + System.getProperty("java.class.path") + "\" dev.greenlight.Main \"$@\"\n");
        launcher.toFile().setExecutable(true);
        Path outputs = Files.createFile(dir.resolve("github_output"));
        Path temp = Files.createDirectories(dir.resolve("runner_temp"));

        ProcessBuilder pb = new ProcessBuilder("bash", "-c", step(yaml(ACTION), "run").path("run").asText())
                .directory(dir.resolve("repo").toFile());
        Map<String, String> env = pb.environment();
        env.put("GREENLIGHT_BIN", bin.toString());
        env.put("CHECKLIST", checklist.toString());
        env.put("CHECKOUT", ".");
        env.put("VARS", "  backend=services/orders\n\nstage=prod, eu\n");
        env.put("ONLY", "");
        env.put("REGION", "");
        env.put("PROFILE", "");
        env.put("ENDPOINT_URL", "");
        env.put("ALLOW_INVOKE", "false");
        env.put("ALLOW_COMMANDS", "false");
        env.put("CATEGORY", "greenlight/orders/prod/123");
        env.put("GITHUB_OUTPUT", outputs.toString());
        env.put("RUNNER_TEMP", temp.toString());
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKSPACE", dir.resolve("repo").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(err).isZero(); // the step itself succeeds; the gate step decides
        List<String> written = Files.readAllLines(outputs);
        assertThat(written).contains("exit-code=1");
        Path sarif = temp.resolve("greenlight-greenlight_orders_prod_123.sarif");
        assertThat(written).contains("sarif=" + sarif);
        JsonNode result = new JsonMapper().readTree(sarif.toFile()).at("/runs/0/results/0");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("services/orders/template.yaml");
        assertThat(result.at("/message/text").asText()).contains("is 256, expected 512");
        assertThat(err).contains("::error file=services/orders/template.yaml,line=5,title=FAIL Memory%2C as sized%3A 512 [memory]::");
        assertThat(out).contains("exit code 1");

        Process gate = new ProcessBuilder("bash", "-c", gateScript())
                .redirectErrorStream(true).start();
        gate.getOutputStream().close();
        assertThat(gate.waitFor()).isEqualTo(2); // no CODE at all counts as an ERROR, never as a pass
    }

    private static String gateScript() throws Exception {
        List<String> scripts = new ArrayList<>();
        yaml(ACTION).at("/runs/steps").forEach(s -> {
            if (s.path("name").asText().startsWith("Gate")) {
                scripts.add(s.path("run").asText());
            }
        });
        return scripts.get(0);
    }
}

package dev.greenlight.hostile;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeCloudFormation;
import dev.greenlight.awsfake.FakeLambda;
import dev.greenlight.cli.GreenlightCommand;
import dev.greenlight.runners.local.GitRepo;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7.5: secrets planted in the deployment (Lambda environment, stack parameters, log lines,
 * the invocation's log tail) and in the checkout (workflow, template); the whole bundled checklist
 * runs through the CLI with invoke allowed, writing every report format, every go/no-go record
 * format, the run history and the app's log; no output holds any planted value.
 */
class SecretsScanTest {
    /** Where each secret was planted → its value; every value is unique so a leak names its source. */
    static final Map<String, String> PLANTED = new LinkedHashMap<>();

    static {
        PLANTED.put("lambda env OPENAI_API_KEY", "sk-live-EnvPlantedA1b2C3d4E5f6G7h8");
        PLANTED.put("lambda env DB_PASSWORD", "hunter2-env-planted-pw");
        PLANTED.put("lambda env SERVICE_TOKEN", "tok_envPlanted_99887766");
        PLANTED.put("NoEcho parameter GoogleApiKey", "sk-live-NoEchoPlantedZ9y8X7w6V5u4");
        PLANTED.put("Deployment.SECRET (env and NoEcho OpenAiApiKey/AnthropicApiKey)", Deployment.SECRET);
        PLANTED.put("parameter named *Secret* without NoEcho", "cognito-secret-param-planted");
        PLANTED.put("log line OPENAI_API_KEY=", "sk-live-LogPlantedQ1w2E3r4T5y6U7i8");
        PLANTED.put("log line bare token", "sk-live-BareLogPlantedM1n2B3v4C5x6");
        PLANTED.put("log line password:", "log-pw-planted-5544");
        PLANTED.put("log line bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlcGxhbnRlZA");
        PLANTED.put("invoke log tail api_key=", "sk-live-TailPlantedP0o9I8u7Y6t5R4e3");
        PLANTED.put("invoke response password", "invoke-response-pw-planted");
        PLANTED.put("workflow inline OpenAiApiKey=", "sk-live-WorkflowPlantedK1j2H3g4F5d6");
        PLANTED.put("workflow inline AWS secret key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTED01");
        PLANTED.put("template inline OPENAI_API_KEY", "sk-live-TemplatePlantedL1k2J3h4G5f6");
    }

    @TempDir
    Path dir;
    private Deployment d;
    private String oldHome;

    @BeforeEach
    void plant() throws Exception {
        Path checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        String head = new GitRepo(checkout).head().orElseThrow();
        edit(checkout, ".github/workflows/backend-deploy.yml", "OpenAiApiKey=${OPENAI_API_KEY}",
                "OpenAiApiKey=" + PLANTED.get("workflow inline OpenAiApiKey=")
                        + " AWS_SECRET_ACCESS_KEY=" + PLANTED.get("workflow inline AWS secret key"));
        edit(checkout, "analemma-workflow-os/backend/template.yaml", "OPENAI_API_KEY: !Ref OpenAiApiKey",
                "OPENAI_API_KEY: " + PLANTED.get("template inline OPENAI_API_KEY"));

        d = new Deployment(head);
        for (String logical : Deployment.FUNCTIONS.keySet()) {
            FakeLambda.Function f = d.lambda().function(Deployment.functionName(logical));
            f.environment.put("OPENAI_API_KEY", PLANTED.get("lambda env OPENAI_API_KEY"));
            f.environment.put("DB_PASSWORD", PLANTED.get("lambda env DB_PASSWORD"));
            f.environment.put("SERVICE_TOKEN", PLANTED.get("lambda env SERVICE_TOKEN"));
        }
        FakeCloudFormation.Stack stack = d.cloudFormation().stack(Deployment.STACK);
        stack.parameters.add(new FakeCloudFormation.Parameter("GoogleApiKey", PLANTED.get("NoEcho parameter GoogleApiKey"), true));
        stack.parameters.add(new FakeCloudFormation.Parameter("CognitoClientSecret",
                PLANTED.get("parameter named *Secret* without NoEcho"), false));
        // the first lines after the deploy: the Day-Zero item shows the first matching line as evidence, the
        // import-error item (red here) up to five matching lines
        String usc = "ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'";
        d.initLogLines(
                "[INFO] 🎯 [Day-Zero Sync] config loaded OPENAI_API_KEY=" + PLANTED.get("log line OPENAI_API_KEY="),
                "[ERROR] " + usc + " (client key " + PLANTED.get("log line bare token") + ")",
                "[ERROR] " + usc + " db password: " + PLANTED.get("log line password:"),
                "[ERROR] " + usc + " Authorization: Bearer " + PLANTED.get("log line bearer"));
        FakeLambda.Function init = d.lambda().function(Deployment.functionName("InitializeStateDataFunction"));
        init.handler = payload -> new FakeLambda.Invocation("{\"module_check\": \"ok\", \"password\": \""
                + PLANTED.get("invoke response password") + "\"}", null,
                "START RequestId: 1\n[DEBUG] settings api_key=" + PLANTED.get("invoke log tail api_key=") + "\nEND RequestId: 1\n");

        oldHome = System.getProperty("greenlight.home");
        System.setProperty("greenlight.home", dir.resolve("home").toString());
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterEach
    void restore() {
        d.close();
        if (oldHome == null) {
            System.clearProperty("greenlight.home");
        } else {
            System.setProperty("greenlight.home", oldHome);
        }
    }

    private static void edit(Path checkout, String rel, String from, String to) throws IOException {
        Path p = checkout.resolve(rel);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(text).as(rel).contains(from);
        Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
    }

    record Cli(int code, String out, String err) {
    }

    private Cli cli(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GreenlightCommand.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }

    @Test
    void noPlantedSecretAppearsInAnyReportRecordHistoryOrCliOutput() throws Exception {
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir);
        Map<String, String> outputs = new LinkedHashMap<>();
        String[][] runs = {{"text", "md"}, {"json", "html"}, {"junit", "json"}, {"md", null}, {"html", null}};
        for (String[] r : runs) {
            List<String> args = new ArrayList<>(List.of("run", "--checkout", dir.resolve("checkout").toString(),
                    "--region", Deployment.REGION, "--endpoint-url", d.endpoint().toString(), "--allow-invoke",
                    "--format", r[0], "--out", outDir.resolve("report." + r[0]).toString(),
                    "--sign-off", "e2e-tests=ran the integration test"));
            if (r[1] != null) {
                args.addAll(List.of("--record", outDir.resolve("record." + r[1]).toString()));
            }
            Cli c = cli(args);
            // red (exit 1) only for the import errors planted in the log
            assertThat(c.code()).as(c.err()).isEqualTo(1);
            outputs.put("stdout of --format " + r[0], c.out());
            outputs.put("stderr of --format " + r[0], c.err());
        }
        // the report to standard output too, as a person would see it in a terminal
        Cli text = cli(List.of("run", "--checkout", dir.resolve("checkout").toString(), "--region", Deployment.REGION,
                "--endpoint-url", d.endpoint().toString(), "--allow-invoke", "--no-history"));
        outputs.put("stdout text report", text.out());
        outputs.put("stderr text report", text.err());
        Cli diagnose = cli(List.of("diagnose", "--checkout", dir.resolve("checkout").toString(), "--region", Deployment.REGION,
                "--endpoint-url", d.endpoint().toString(), "--allow-invoke", "ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'"));
        outputs.put("stdout diagnose", diagnose.out());
        outputs.put("stderr diagnose", diagnose.err());
        try (Stream<Path> files = Files.walk(dir.resolve("home"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                outputs.put("history " + dir.relativize(f), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        try (Stream<Path> files = Files.list(outDir)) {
            for (Path f : files.toList()) {
                outputs.put(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(outputs.keySet()).contains("out/report.text", "out/report.json", "out/report.junit", "out/report.md",
                "out/report.html", "out/record.md", "out/record.html", "out/record.json");
        assertThat(outputs.keySet()).anySatisfy(k -> assertThat(k).startsWith("history "));
        // the app's own log (AppLog) lives under the data directory too, and is scanned with the rest
        assertThat(outputs).hasEntrySatisfying("history home/greenlight/logs/greenlight.log",
                log -> assertThat(log).contains("dev.greenlight.run: unified-pipe-v3.3: run finished"));
        // the evidence that could have carried a secret is in the outputs, masked
        String json = outputs.get("out/report.json");
        assertThat(json).contains("config loaded OPENAI_API_KEY=****").contains("client key ****")
                .contains("db password: ****").contains("settings api_key=****").contains("\\\"password\\\": \\\"****\\\"")
                .contains("OpenAiApiKey=**** AWS_SECRET_ACCESS_KEY=****");

        keepForInspection(outputs);
        List<String> leaks = new ArrayList<>();
        outputs.forEach((where, text2) -> PLANTED.forEach((what, value) -> {
            if (text2.contains(value)) {
                leaks.add(what + " in " + where);
            }
        }));
        assertThat(leaks).isEmpty();
    }

    /** With SECRETS_DEBUG=DIR, writes every scanned output there, to look at what the masking left. */
    private static void keepForInspection(Map<String, String> outputs) throws IOException {
        String target = System.getenv("SECRETS_DEBUG");
        if (target == null) {
            return;
        }
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            Path p = Path.of(target).resolve(e.getKey().replaceAll("[^A-Za-z0-9.]", "_"));
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }
}

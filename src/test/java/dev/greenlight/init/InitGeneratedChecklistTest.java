package dev.greenlight.init;

import dev.greenlight.TestGit;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checklist {@code greenlight init} writes for a backend written like a real one: it loads, it
 * is green on the clean checkout (AWS items SKIP without credentials, never ERROR), and each kind of
 * generated item FAILs for the right reason, naming file and line, when the checkout is broken in the
 * way that item is about — while an equivalent way of writing the same fact stays green.
 */
class InitGeneratedChecklistTest {
    @TempDir
    Path dir;

    private Path repo() {
        return InitFixture.write(dir.resolve("backend"));
    }

    private static Checklist generate(Path repo) throws Exception {
        ChecklistGenerator.Generated g = InitChecklist.generate(repo);
        Path file = Files.createTempFile("init", ".yaml");
        Files.writeString(file, g.yaml(), StandardCharsets.UTF_8);
        LoadResult loaded = Greenlight.loader().load(file);
        assertThat(loaded.problems()).isEmpty();
        return loaded.checklist().orElseThrow();
    }

    private static RunReport run(Checklist c, Path repo) {
        return Greenlight.prepare(c, RunOptions.defaults(repo), AwsSettings.DEFAULT, null).runBlocking();
    }

    private static ItemResult item(RunReport r, String id) {
        return r.results().stream().filter(x -> x.itemId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + id + " in " + r.results().stream().map(ItemResult::itemId).toList()));
    }

    private static String describe(ItemResult r) {
        return r.itemId() + " " + r.result().status() + ": " + r.result().reason();
    }

    private static void edit(Path repo, String rel, String from, String to) throws IOException {
        Path p = repo.resolve(rel);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(text).as("edit target in " + rel).contains(from);
        Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** Generated on the clean checkout, run on the broken one: the checklist a team keeps, meeting a bad commit. */
    private RunReport runBroken(Path repo, Runnable breakIt) throws Exception {
        Checklist c = generate(repo);
        breakIt.run();
        TestGit.commitAll(repo, "broken");
        return run(c, repo);
    }

    @Test
    void generatesReadableStableIdsForEveryKindOfItem() throws Exception {
        Checklist c = generate(repo());
        List<String> ids = c.items().map(i -> i.id()).toList();
        assertThat(ids).contains(
                "orders-order-workflow-definition-exists", "orders-order-workflow-definition-tracked",
                "orders-order-workflow-definition-not-ignored", "orders-order-workflow-definition-parses",
                "orders-order-workflow-substitutions",
                "orders-validate-order-function-handler", "orders-charge-function-dockerfile", "orders-charge-function-handler",
                "orders-notify-function-handler-module", "orders-notify-function-handler-export", "orders-report-function-handler",
                "orders-sam-build", "orders-sam-deploy-image-repository", "orders-sam-deploy-capabilities", "orders-sam-deploy-parameters",
                "orders-stack-status", "orders-order-workflow-deployed-no-placeholders", "orders-charge-function-runs-commit-image",
                "orders-validate-order-function-no-errors-in-logs", "orders-validate-order-function-cold-start",
                "tools-nightly-export-definition-exists", "tools-nightly-export-substitutions", "tools-exporter-function-handler",
                "tools-exporter-function-image-platform", "tools-sam-deploy-capabilities", "tools-sam-deploy-parameters",
                "tools-exporter-function-runs-commit-image");
        assertThat(c.vars()).containsEntry("stack_orders", "orders-dev").containsEntry("stack_tools", "tools-dev")
                .containsEntry("cold_start_max_ms", "3000");
        assertThat(c.items().filter(i -> !i.manual())).allSatisfy(i -> assertThat(i.description()).as(i.id()).isNotBlank());
        assertThat(c.items()).allSatisfy(i -> assertThat(i.troubleshoot()).as(i.id()).isNotEmpty());
        // the same checkout gives the same text: a regenerated checklist diffs cleanly
        assertThat(InitChecklist.generate(dir.resolve("backend")).yaml()).isEqualTo(InitChecklist.generate(dir.resolve("backend")).yaml());
    }

    @Test
    void isGreenOnTheCleanCheckoutAndAwsItemsSkipWithoutCredentials() throws Exception {
        Path repo = repo();
        RunReport r = run(generate(repo), repo);
        assertThat(r.results()).filteredOn(x -> x.result().status() == Status.FAIL || x.result().status() == Status.ERROR)
                .extracting(InitGeneratedChecklistTest::describe).isEmpty();
        assertThat(item(r, "orders-report-function-handler").result().status()).isEqualTo(Status.MANUAL);
        assertThat(item(r, "orders-stack-status").result().status()).isEqualTo(Status.SKIP);
        assertThat(item(r, "orders-charge-function-handler").result().reason()).contains("charge/main.py");
        assertThat(item(r, "tools-nightly-export-substitutions").result().status()).isEqualTo(Status.PASS);
        assertThat(item(r, "orders-sam-deploy-capabilities").result().evidence())
                .anySatisfy(e -> assertThat(e.file()).isEqualTo("services/orders/samconfig.toml"));
    }

    @Test
    void stateMachineItemsFailWhenTheDefinitionIsBroken() throws Exception {
        Path repo = repo();
        String asl = "services/orders/statemachine/order_flow.asl.json";
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, asl, "\"${NotifyArn}\"", "\"${NotifyFunctionArn}\"");
                edit(repo, asl, "\"End\": true", "\"End\": true,");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ItemResult parses = item(r, "orders-order-workflow-definition-parses");
        assertThat(parses.result().status()).isEqualTo(Status.FAIL);
        assertThat(parses.result().evidence()).anySatisfy(e -> assertThat(e.file()).isEqualTo(asl));
        // a definition that does not parse cannot be read for placeholders: the validity item is the FAIL
        assertThat(item(r, "orders-order-workflow-substitutions").result().status()).isEqualTo(Status.ERROR);
    }

    @Test
    void substitutionsFailNamingThePlaceholderWithoutAnEntry() throws Exception {
        Path repo = repo();
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, "services/orders/statemachine/order_flow.asl.json", "\"${NotifyArn}\"", "\"${NotifyFunctionArn}\"");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ItemResult subs = item(r, "orders-order-workflow-substitutions");
        assertThat(subs.result().status()).as(describe(subs)).isEqualTo(Status.FAIL);
        assertThat(subs.result().reason()).contains("${NotifyFunctionArn}");
        assertThat(subs.result().evidence()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("services/orders/statemachine/order_flow.asl.json");
            assertThat(e.line()).isEqualTo(10);
        });
    }

    @Test
    void yamlDefinitionPlaceholdersAreReadAsSamReadsThem() throws Exception {
        Path repo = repo();
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, "tools/statemachine/export.asl.yaml", "${ExporterArn}", "${ExportArn}");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ItemResult subs = item(r, "tools-nightly-export-substitutions");
        assertThat(subs.result().status()).as(describe(subs)).isEqualTo(Status.FAIL);
        assertThat(subs.result().reason()).contains("${ExportArn}");
        assertThat(subs.result().evidence()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("tools/statemachine/export.asl.yaml");
            assertThat(e.line()).isEqualTo(7);
        });
    }

    @Test
    void definitionItemsFailWhenTheFileIsIgnoredAndUntracked() throws Exception {
        Path repo = repo();
        Checklist c = generate(repo);
        Files.writeString(repo.resolve(".gitignore"), "*.asl.json\n", StandardCharsets.UTF_8);
        TestGit.git(repo, "rm", "-q", "--cached", "services/orders/statemachine/order_flow.asl.json");
        TestGit.commitAll(repo, "ignore definitions");
        RunReport r = run(c, repo);
        assertThat(item(r, "orders-order-workflow-definition-exists").result().status()).isEqualTo(Status.PASS);
        ItemResult tracked = item(r, "orders-order-workflow-definition-tracked");
        assertThat(tracked.result().status()).as(describe(tracked)).isEqualTo(Status.FAIL);
        ItemResult ignored = item(r, "orders-order-workflow-definition-not-ignored");
        assertThat(ignored.result().status()).as(describe(ignored)).isEqualTo(Status.FAIL);
        assertThat(ignored.result().evidence()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(".gitignore");
            assertThat(e.line()).isEqualTo(1);
        });
    }

    @Test
    void handlerItemsFailWhenTheCodeNoLongerHasTheHandler() throws Exception {
        Path repo = repo();
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, "services/orders/src/validate/app.py", "def handler(", "def handle(");
                edit(repo, "services/orders/src/charge/Dockerfile", "COPY charge ${LAMBDA_TASK_ROOT}/charge", "COPY charge/main.py ${LAMBDA_TASK_ROOT}/");
                Files.move(repo.resolve("services/orders/src/notify/handlers/notify.mjs"), repo.resolve("services/orders/src/notify/handlers/notifier.mjs"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ItemResult zip = item(r, "orders-validate-order-function-handler");
        assertThat(zip.result().status()).as(describe(zip)).isEqualTo(Status.FAIL);
        assertThat(zip.result().reason()).contains("services/orders/src/validate/app.py defines no top-level handler");
        ItemResult image = item(r, "orders-charge-function-handler");
        assertThat(image.result().status()).as(describe(image)).isEqualTo(Status.FAIL);
        assertThat(image.result().reason()).contains("/var/task/charge/main.py");
        ItemResult node = item(r, "orders-notify-function-handler-module");
        assertThat(node.result().status()).as(describe(node)).isEqualTo(Status.FAIL);
        assertThat(node.result().reason()).contains("handlers/notify.*");
    }

    @Test
    void nodeExportFailsWhenTheModuleNoLongerExportsTheHandler() throws Exception {
        Path repo = repo();
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, "services/orders/src/notify/handlers/notify.mjs", "export const handler", "const handler");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ItemResult export = item(r, "orders-notify-function-handler-export");
        assertThat(export.result().status()).as(describe(export)).isEqualTo(Status.FAIL);
        assertThat(export.result().evidence()).anySatisfy(e -> assertThat(e.file()).isEqualTo("services/orders/src/notify/handlers/notify.mjs"));
    }

    @Test
    void imagePlatformFailsWhenTheWorkflowBuildsForTheOtherArchitecture() throws Exception {
        Path repo = repo();
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, ".github/workflows/deploy.yml", "platforms: linux/arm64", "platforms: linux/amd64");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ItemResult platform = item(r, "tools-exporter-function-image-platform");
        assertThat(platform.result().status()).as(describe(platform)).isEqualTo(Status.FAIL);
        assertThat(platform.result().evidence()).anySatisfy(e -> assertThat(e.file()).isEqualTo(".github/workflows/deploy.yml"));
    }

    @Test
    void deployItemsFailWhenSamconfigAndTheWorkflowLoseWhatTheTemplateNeeds() throws Exception {
        Path repo = repo();
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, "services/orders/samconfig.toml", "capabilities = \"CAPABILITY_IAM CAPABILITY_NAMED_IAM\"", "capabilities = \"CAPABILITY_IAM\"");
                edit(repo, "services/orders/samconfig.toml", "resolve_image_repos = true\n", "");
                edit(repo, ".github/workflows/deploy.yml", " $EXTRA", "");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ItemResult caps = item(r, "orders-sam-deploy-capabilities");
        assertThat(caps.result().status()).as(describe(caps)).isEqualTo(Status.FAIL);
        assertThat(caps.result().reason()).contains("does not include CAPABILITY_NAMED_IAM");
        ItemResult repos = item(r, "orders-sam-deploy-image-repository");
        assertThat(repos.result().status()).as(describe(repos)).isEqualTo(Status.FAIL);
        assertThat(repos.result().reason()).contains("--image-repository, --image-repositories or --resolve-image-repos");
        ItemResult params = item(r, "orders-sam-deploy-parameters");
        assertThat(params.result().status()).as(describe(params)).isEqualTo(Status.FAIL);
        assertThat(params.result().reason()).contains("passes no AlertEmail=");
    }

    @Test
    void deployItemsStayGreenWhenTheWorkflowGivesWhatSamconfigGaveBefore() throws Exception {
        Path repo = repo();
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, "services/orders/samconfig.toml", "capabilities = \"CAPABILITY_IAM CAPABILITY_NAMED_IAM\"\n", "");
                edit(repo, "services/orders/samconfig.toml", "resolve_image_repos = true\n", "");
                edit(repo, ".github/workflows/deploy.yml", "sam deploy --no-fail-on-empty-changeset",
                        "sam deploy --no-fail-on-empty-changeset --capabilities CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND"
                                + " --image-repository=${{ secrets.REGISTRY }}/orders");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, Status> deploy = r.results().stream().filter(x -> x.itemId().startsWith("orders-sam-"))
                .collect(Collectors.toMap(ItemResult::itemId, x -> x.result().status()));
        assertThat(deploy).containsEntry("orders-sam-deploy-capabilities", Status.PASS)
                .containsEntry("orders-sam-deploy-image-repository", Status.PASS)
                .containsEntry("orders-sam-deploy-parameters", Status.PASS);
    }

    @Test
    void aTemplateNoWorkflowDeploysGetsAManualDeployItemWithTheCommandItNeeds() throws Exception {
        Path repo = repo();
        Files.delete(repo.resolve(".github/workflows/deploy.yml"));
        TestGit.commitAll(repo, "deploy by hand");
        Checklist c = generate(repo);
        var deploy = c.items().filter(i -> i.id().equals("orders-deploy")).findFirst().orElseThrow();
        assertThat(deploy.manual()).isTrue();
        assertThat(deploy.troubleshoot().get(0).command()).contains("sam deploy --stack-name ${stack_orders}")
                .contains("--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM").contains("--resolve-image-repos")
                .contains("--parameter-overrides ApiKey=… AlertEmail=…");
    }

    @Test
    void theColdStartLimitIsAVariableThePersonSets() throws Exception {
        Path repo = repo();
        Checklist c = generate(repo);
        var item = c.items().filter(i -> i.id().equals("orders-charge-function-cold-start")).findFirst().orElseThrow();
        assertThat(item.check().params().get("max-ms").asText()).isEqualTo("${cold_start_max_ms}");
        var vars = dev.greenlight.engine.Variables.of(Map.of("cold_start_max_ms", "1500"));
        var maxMs = vars.interpolate(item.check().params().get("max-ms"));
        assertThat(maxMs.isIntegralNumber()).isTrue();
        assertThat(maxMs.asInt()).isEqualTo(1500);
        // a text with more than the one variable stays text
        assertThat(vars.interpolate(com.fasterxml.jackson.databind.node.TextNode.valueOf("${cold_start_max_ms} ms")).isTextual()).isTrue();
    }

    @Test
    void capabilitiesOnlyTheRunKnowsAreACaveat() throws Exception {
        Path repo = repo();
        RunReport r = runBroken(repo, () -> {
            try {
                edit(repo, "services/orders/samconfig.toml", "capabilities = \"CAPABILITY_IAM CAPABILITY_NAMED_IAM\"\n", "");
                edit(repo, ".github/workflows/deploy.yml", "sam deploy --no-fail-on-empty-changeset",
                        "sam deploy --no-fail-on-empty-changeset --capabilities ${{ vars.CAPABILITIES }}");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ItemResult caps = item(r, "orders-sam-deploy-capabilities");
        assertThat(caps.result().status()).as(describe(caps)).isEqualTo(Status.WARN);
        assertThat(caps.result().reason()).contains("may or may not include CAPABILITY_NAMED_IAM").contains("repository variable");
    }
}

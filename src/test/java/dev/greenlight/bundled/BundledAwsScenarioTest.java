package dev.greenlight.bundled;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.Troubleshoot;
import dev.greenlight.report.JsonReportWriter;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.local.GitRepo;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The whole bundled v3.3 checklist — local and AWS sections — against the sample checkout and a
 * fake deployment of the checkout's HEAD sha, over the wire with the real SDK: a good deployment is
 * all green; each single fault of issue 3 turns exactly its items red, with evidence and with
 * troubleshooting commands resolved to the real names; the run describes each resource once and
 * makes only read calls.
 */
class BundledAwsScenarioTest {
    static final Set<String> READ_PREFIXES = Set.of("Describe", "Get", "List", "Filter");

    @TempDir
    static Path dir;
    static Path checkout;
    static String head;
    static Checklist checklist;

    @BeforeAll
    static void sampleAndChecklist() throws Exception {
        checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        head = new GitRepo(checkout).head().orElseThrow();
        var loaded = Greenlight.loader().loadBundled("unified-pipe-v3.3");
        assertThat(loaded.problems()).isEmpty();
        checklist = loaded.checklist().orElseThrow();
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    /** A finished run and the variables it resolved its checks with. */
    record Outcome(RunReport report, Variables variables) {
        ItemResult item(String id) {
            return report.results().stream().filter(r -> r.itemId().equals(id)).findFirst().orElseThrow();
        }
    }

    static Outcome run(Deployment d, boolean allowInvoke) {
        ChecklistRun run = Greenlight.prepare(checklist, RunOptions.defaults(checkout).withAllowInvoke(allowInvoke),
                new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), null);
        return new Outcome(run.runBlocking(), run.variables());
    }

    /** What a good deployment must show for an item: manual waits, invoke needs consent, the rest passes. */
    static Status green(Item item, boolean allowInvoke) {
        if (item.check() == null) {
            return Status.MANUAL;
        }
        if (item.check().type().equals("lambda-invoke") && !allowInvoke) {
            return Status.SKIP;
        }
        return Status.PASS;
    }

    /** Exactly the {@code red} items FAIL with a reason and evidence; every other item has its good-deployment verdict. */
    static void onlyRed(Outcome o, boolean allowInvoke, String... red) {
        Set<String> expectedRed = Set.of(red);
        assertThat(o.report().results()).hasSize((int) checklist.items().count());
        checklist.items().forEach(item -> {
            ItemResult r = o.item(item.id());
            String why = item.id() + ": " + r.result().reason();
            if (expectedRed.contains(item.id())) {
                assertThat(r.status()).as(why).isEqualTo(Status.FAIL);
                assertThat(r.result().evidence()).as("evidence of " + item.id()).isNotEmpty();
                assertThat(r.result().actual()).as("actual of " + item.id()).isNotBlank();
            } else {
                assertThat(r.status()).as(why).isEqualTo(green(item, allowInvoke));
            }
        });
    }

    @Test
    void aGoodDeploymentOfTheCheckoutsHeadIsAllGreenWithoutInvoking() {
        try (Deployment d = new Deployment(head).atScale()) {
            Outcome o = run(d, false);
            onlyRed(o);
            assertThat(o.report().exitCode()).isZero();
            assertThat(d.aws().calls()).extracting(FakeAws.Call::operation).doesNotContain("Invoke");
        }
    }

    private static void onlyRed(Outcome o, String... red) {
        onlyRed(o, false, red);
    }

    @Test
    void aGoodDeploymentIsAllGreenWithInvokeAllowedAndInvokesOnlyThen() {
        try (Deployment d = new Deployment(head).atScale()) {
            Outcome o = run(d, true);
            onlyRed(o, true);
            assertThat(o.item("usc-module-check-invoke").result().actual()).contains("ok");
            assertThat(d.aws().calls()).filteredOn(c -> c.operation().equals("Invoke")).hasSize(3);
            assertThat(d.aws().calls()).allSatisfy(c -> assertThat(readOnly(c.operation()) || c.operation().equals("Invoke"))
                    .as(c.service() + ":" + c.operation()).isTrue());
        }
    }

    @Test
    void eachResourceIsDescribedOncePerRunAndTheReportSaysHowManyCallsWereMade() {
        try (Deployment d = new Deployment(head).atScale()) {
            Outcome o = run(d, false);
            List<FakeAws.Call> calls = d.aws().calls();
            Map<String, Long> byOperation = calls.stream().collect(Collectors.groupingBy(FakeAws.Call::operation, Collectors.counting()));
            assertThat(d.cloudFormation().stack(Deployment.STACK).resources).hasSizeGreaterThanOrEqualTo(150);
            assertThat(byOperation).containsEntry("GetCallerIdentity", 1L).containsEntry("DescribeStacks", 1L)
                    // 200 resources, the five the checklist names all past the first 100: two pages, not five describes
                    .containsEntry("ListStackResources", 2L).doesNotContainKeys("DescribeStackResources", "DescribeStackResource")
                    .containsEntry("DescribeStackEvents", 1L)
                    // ecr-image and the three functions' provenance hop ask the same tag once
                    .containsEntry("DescribeImages", 1L)
                    // the three lambda-config items, one function each
                    .containsEntry("GetFunction", 3L)
                    // the orchestrator (three items) and the distributed orchestrator (one)
                    .containsEntry("DescribeStateMachine", 2L)
                    // five log checks; the two on InitializeStateData's logs since the deploy share one read
                    .containsEntry("FilterLogEvents", 4L);
            assertThat(calls).filteredOn(c -> c.operation().equals("GetFunction")).extracting(FakeAws.Call::path).doesNotHaveDuplicates();
            assertThat(o.report().context()).containsEntry("aws.calls", String.valueOf(calls.size()));
            assertThat(JsonReportWriter.toJson(o.report()).at("/context/aws.calls").asText()).isEqualTo(String.valueOf(calls.size()));
        }
    }

    @Test
    void theRunMakesOnlyReadCallsWhenInvokeIsNotAllowed() {
        try (Deployment d = new Deployment(head).atScale()) {
            run(d, false);
            List<FakeAws.Call> calls = d.aws().calls();
            assertThat(calls).isNotEmpty();
            assertThat(calls).allSatisfy(c -> assertThat(readOnly(c.operation())).as(c.service() + ":" + c.operation()).isTrue());
            assertThat(calls).allSatisfy(c -> assertThat(c.method()).as(c.operation()).isIn("GET", "POST"));
        }
    }

    static boolean readOnly(String operation) {
        return READ_PREFIXES.stream().anyMatch(operation::startsWith);
    }

    // ---- the real shape: JSON logs, own log groups ----

    @Test
    void aGoodDeploymentLoggingJsonIsAsGreenAsOneLoggingText() {
        try (Deployment d = new Deployment(head).atScale().jsonLogs()) {
            Outcome o = run(d, false);
            onlyRed(o);
            assertThat(o.item("init-cold-start").result().actual()).contains("2 cold start(s)");
            // the line is JSON with the emoji escaped: only its parsed message reads "🎯 [Day-Zero Sync]"
            assertThat(o.item("day-zero-sync-log").result().actual()).contains("\\uD83C\\uDFAF [Day-Zero Sync]");
        }
    }

    @Test
    void aFunctionLoggingToItsOwnGroupIsReadThere() {
        try (Deployment d = new Deployment(head).atScale().customLogGroup("InitializeStateDataFunction", "/backend/dev/initialize-state-data")) {
            Outcome o = run(d, false);
            onlyRed(o);
            assertThat(o.item("day-zero-sync-log").result().reason()).contains("/backend/dev/initialize-state-data");
        }
    }

    @Test
    void aSlowColdStartLoggedAsJsonIsCaught() {
        try (Deployment d = new Deployment(head).atScale().jsonLogs().slowColdStart(3400)) {
            Outcome o = run(d, false);
            onlyRed(o, "init-cold-start");
            assertThat(o.item("init-cold-start").result().reason()).startsWith("Slowest cold start 3400 ms exceeds 3000 ms");
            assertThat(o.item("init-cold-start").result().evidence().get(0).text()).contains("\"initDurationMs\":3400.0");
        }
    }

    @Test
    void anImportErrorLoggedAsJsonIsCaught() {
        try (Deployment d = new Deployment(head).atScale().jsonLogs().importErrorInLogs()) {
            Outcome o = run(d, false);
            onlyRed(o, "usc-import-errors-in-logs");
            assertThat(o.item("usc-import-errors-in-logs").result().evidence())
                    .anySatisfy(e -> assertThat(e.text()).contains("\"errorType\":\"Runtime.ImportModuleError\""));
        }
    }

    @Test
    void aMissingDayZeroLineInJsonLogsIsCaught() {
        try (Deployment d = new Deployment(head).atScale().jsonLogs().missingDayZero()) {
            onlyRed(run(d, false), "day-zero-sync-log");
        }
    }

    @Test
    void aTagRepushedAfterTheDeployTurnsTheImageItemsRedWithEveryHop() {
        try (Deployment d = new Deployment(head).atScale().repushedTag()) {
            Outcome o = run(d, false);
            // ECR still holds the sha's tag: the image was pushed; the functions run an older build under it
            onlyRed(o, "init-image-sha", "sdm-image-sha", "segment-image-sha");
            ItemResult r = o.item("init-image-sha");
            assertThat(r.result().reason()).contains("re-pushed after the deploy").contains("sha256:2f2f2f2f2f2f");
            assertThat(r.result().evidence()).extracting(e -> e.text())
                    .anySatisfy(t -> assertThat(t).startsWith("1. HEAD " + head + " -> Code.ImageUri tag " + head))
                    .anySatisfy(t -> assertThat(t).startsWith("2. " + Deployment.REPOSITORY + ":" + head + " -> sha256:" + "3a".repeat(32)))
                    .anySatisfy(t -> assertThat(t).startsWith("3. Code.ResolvedImageUri -> " + Deployment.DIGEST));
        }
    }

    // ---- single faults ----

    @Test
    void aStaleImageTurnsTheThreeImageItemsRed() {
        try (Deployment d = new Deployment(head).atScale().staleImage()) {
            Outcome o = run(d, false);
            onlyRed(o, "init-image-sha", "sdm-image-sha", "segment-image-sha");
            assertThat(o.item("init-image-sha").result().actual()).contains(Deployment.OLD_SHA);
            assertThat(o.item("init-image-sha").result().expected()).contains(head);
        }
    }

    @Test
    void theRightShaFromAnotherAccountsRegistryTurnsTheThreeImageItemsRed() {
        try (Deployment d = new Deployment(head).atScale().imageFromAnotherRegistry()) {
            Outcome o = run(d, false);
            onlyRed(o, "init-image-sha", "sdm-image-sha", "segment-image-sha");
            assertThat(o.item("init-image-sha").result().reason() + o.item("init-image-sha").result().actual())
                    .contains("210987654321.dkr.ecr.");
        }
    }

    @Test
    void anUnsubstitutedDefinitionTurnsTheArnAndPlaceholderItemsRedWithResolvedRemedies() throws Exception {
        try (Deployment d = new Deployment(head).atScale().unsubstitutedDefinition()) {
            Outcome o = run(d, false);
            onlyRed(o, "sfn-initialize-arn", "sfn-no-placeholders");
            assertThat(o.item("sfn-no-placeholders").result().reason() + o.item("sfn-no-placeholders").result().actual())
                    .contains("${InitializeStateDataArn}");
            for (String id : List.of("sfn-initialize-arn", "sfn-no-placeholders")) {
                List<String> commands = resolvedRemedies(o, id);
                assertThat(commands).as(id).anySatisfy(c -> assertThat(c).contains("--stack-name " + Deployment.STACK));
                assertThat(commands).as(id).anySatisfy(c -> assertThat(c)
                        .contains("--state-machine-arn " + Deployment.stateMachineArn("WorkflowOrchestrator-dev")));
                assertThat(commands).as(id).allSatisfy(c -> assertThat(c).contains("--region " + Deployment.REGION));
            }
        }
    }

    @Test
    void aMissingDayZeroLineTurnsOnlyTheDayZeroItemRed() {
        try (Deployment d = new Deployment(head).atScale().missingDayZero()) {
            Outcome o = run(d, false);
            onlyRed(o, "day-zero-sync-log");
            assertThat(o.item("day-zero-sync-log").result().reason())
                    .contains(Deployment.logGroup("InitializeStateDataFunction")).contains("since the deploy of " + Deployment.STACK);
        }
    }

    @Test
    void anImportErrorInTheLogsTurnsTheLogItemRedWithResolvedRemedies() throws Exception {
        try (Deployment d = new Deployment(head).atScale().importErrorInLogs()) {
            Outcome o = run(d, false);
            onlyRed(o, "usc-import-errors-in-logs");
            ItemResult r = o.item("usc-import-errors-in-logs");
            assertThat(r.result().evidence()).anySatisfy(e -> assertThat(e.text()).contains("Runtime.ImportModuleError"));
            // the error logged a day before the deploy (the previous image) is not counted
            assertThat(r.result().reason()).startsWith("2 line(s) matching");
            List<String> commands = resolvedRemedies(o, "usc-import-errors-in-logs");
            assertThat(commands).anySatisfy(c -> assertThat(c)
                    .contains("--log-group-name " + Deployment.logGroup("InitializeStateDataFunction")));
            assertThat(commands).anySatisfy(c -> assertThat(c)
                    .contains("--function-name " + Deployment.functionArn("InitializeStateDataFunction")));
            assertThat(commands).anySatisfy(c -> assertThat(c).contains("BASE_IMAGE_URI=${BASE_IMAGE_URI}"));
        }
    }

    @Test
    void aSlowColdStartTurnsOnlyTheInitializeStateDataColdStartItemRed() {
        try (Deployment d = new Deployment(head).atScale().slowColdStart(3400)) {
            Outcome o = run(d, false);
            onlyRed(o, "init-cold-start");
            assertThat(o.item("init-cold-start").result().reason()).startsWith("Slowest cold start 3400 ms exceeds 3000 ms");
            assertThat(o.item("init-cold-start").result().evidence().get(0).text()).contains("Init Duration: 3400.0 ms");
        }
    }

    @Test
    void aRolledBackStackTurnsTheStackItemRedAndTheImagesWithIt() throws Exception {
        try (Deployment d = new Deployment(head).atScale().rolledBack()) {
            Outcome o = run(d, false);
            // a rollback puts the functions back on the previous image: those items are red for that reason
            onlyRed(o, "stack-status", "init-image-sha", "sdm-image-sha", "segment-image-sha");
            ItemResult stack = o.item("stack-status");
            assertThat(stack.result().reason()).contains("UPDATE_ROLLBACK_COMPLETE");
            // the failure is older than the 150 rollback events of 76 functions: past the first page of events
            assertThat(stack.result().evidence()).anySatisfy(e -> assertThat(e.text()).contains("UPDATE_FAILED"));
            assertThat(stack.result().reason()).contains("First failure: InitializeStateDataFunction UPDATE_FAILED");
            assertThat(resolvedRemedies(o, "stack-status")).anySatisfy(c -> assertThat(c)
                    .isEqualTo("aws cloudformation describe-stack-events --stack-name " + Deployment.STACK
                            + " --region " + Deployment.REGION + " --max-items 20"));
        }
    }

    @Test
    void aWrongCommentTurnsOnlyTheCommentItemRed() {
        try (Deployment d = new Deployment(head).atScale().wrongComment()) {
            Outcome o = run(d, false);
            onlyRed(o, "sfn-comment");
            assertThat(o.item("sfn-comment").result().actual()).contains("v2.1");
        }
    }

    @Test
    void anImportErrorOnInvokeTurnsTheModuleCheckRedWhenInvokeIsAllowed() throws Exception {
        try (Deployment d = new Deployment(head).atScale().importError("InitializeStateDataFunction")) {
            Outcome o = run(d, true);
            // the size probe invokes the same broken function, so it is red too
            onlyRed(o, true, "usc-module-check-invoke", "init-response-size");
            assertThat(o.item("usc-module-check-invoke").result().reason()).contains("Runtime.ImportModuleError");
            assertThat(resolvedRemedies(o, "usc-module-check-invoke")).isNotEmpty();
        }
    }

    /**
     * The troubleshooting commands whose {@code when} matches the item's failure, resolved with the
     * run's variables: at least one, none with a {@code ${…}} left except the ones the checklist
     * escaped ({@code $${X}}) for the shell.
     */
    static List<String> resolvedRemedies(Outcome o, String itemId) throws VariableException {
        Item item = checklist.item(itemId).orElseThrow();
        ItemResult r = o.item(itemId);
        String text = r.result().reason() + " " + r.result().actual();
        List<Troubleshoot> matching = item.troubleshoot().stream().filter(t -> t.matches(text)).toList();
        assertThat(matching).as("troubleshooting entries of " + itemId + " matching: " + text).isNotEmpty();
        List<String> out = new java.util.ArrayList<>();
        for (Troubleshoot t : matching) {
            if (t.command() == null) {
                continue;
            }
            String resolved = o.variables().interpolate(t.command());
            int escaped = count(t.command(), "$${");
            assertThat(count(resolved, "${")).as("unresolved variables in: " + resolved).isEqualTo(escaped);
            out.add(resolved);
        }
        return out;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    // ---- no AWS at all ----

    @Test
    void withNoAwsConfiguredTheAwsItemsSkipWithAdviceAndTheRunExitsZero() {
        assumeThat(System.getenv("AWS_REGION")).as("AWS_REGION set on this machine").isNull();
        assumeThat(System.getenv("AWS_DEFAULT_REGION")).as("AWS_DEFAULT_REGION set on this machine").isNull();
        assumeThat(System.getenv("AWS_PROFILE")).as("AWS_PROFILE set on this machine").isNull();
        assumeThat(System.getenv("AWS_ENDPOINT_URL")).as("AWS_ENDPOINT_URL set on this machine").isNull();
        assumeThat(Files.exists(Path.of(System.getProperty("user.home"), ".aws"))).as("~/.aws exists").isFalse();
        String old = System.getProperty("aws.disableEc2Metadata");
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            RunReport report = Greenlight.prepare(checklist, RunOptions.defaults(checkout), AwsSettings.DEFAULT, null).runBlocking();
            assertThat(report.results()).noneSatisfy(r -> assertThat(r.status()).isIn(Status.ERROR, Status.FAIL));
            assertThat(report.exitCode()).isZero();
            Set<String> awsSections = Set.of("post-deploy", "success-criteria");
            // those sections also hold local checks of the procedure's premises (E2E files, memory)
            Function<ItemResult, Boolean> automatedAws = r -> awsSections.contains(r.sectionId())
                    && checklist.item(r.itemId()).orElseThrow().check() != null
                    && Greenlight.registry().find(checklist.item(r.itemId()).orElseThrow().check().type())
                    .map(x -> x.getClass().getPackageName().endsWith(".aws")).orElse(false);
            assertThat(report.results()).filteredOn(automatedAws::apply).isNotEmpty().allSatisfy(r -> {
                assertThat(r.status()).as(r.itemId()).isEqualTo(Status.SKIP);
                if (!checklist.item(r.itemId()).orElseThrow().check().type().equals("lambda-invoke")) {
                    assertThat(r.result().reason()).as(r.itemId()).contains("No AWS region is configured").contains("--region");
                }
            });
            assertThat(report.context()).doesNotContainKey("aws.calls");
        } finally {
            if (old == null) {
                System.clearProperty("aws.disableEc2Metadata");
            } else {
                System.setProperty("aws.disableEc2Metadata", old);
            }
        }
    }

    static final Pattern MUTATING = Pattern.compile("(sam deploy|git push|git commit|docker (build|push)|aws .* (create|update|delete|put)-)");

    @Test
    void everyTroubleshootingCommandThatChangesThingsIsMarkedMutating() {
        List<String> unmarked = checklist.items().flatMap(i -> i.troubleshoot().stream()
                        .filter(t -> t.command() != null && MUTATING.matcher(t.command()).find() && !t.mutating())
                        .map(t -> i.id() + ": " + t.command()))
                .toList();
        assertThat(unmarked).isEmpty();
        // the rule finds something to check in the bundled checklist
        assertThat(checklist.items().flatMap(i -> i.troubleshoot().stream())
                .filter(t -> t.command() != null && MUTATING.matcher(t.command()).find())).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void diagnoseShowsTheRemediesOfAnImportErrorResolvedToTheDeployedNames() {
        try (Deployment d = new Deployment(head).atScale().importErrorInLogs()) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = dev.greenlight.cli.GreenlightCommand.execute(new String[]{"diagnose", "--checkout", checkout.toString(),
                            "--region", Deployment.REGION, "--endpoint-url", d.endpoint().toString(),
                            "ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'"},
                    new java.io.PrintWriter(out), new java.io.PrintWriter(err));
            assertThat(code).as(err.toString()).isEqualTo(1);
            assertThat(out.toString()).contains("$ aws logs filter-log-events --log-group-name "
                            + Deployment.logGroup("InitializeStateDataFunction") + " --region " + Deployment.REGION)
                    .contains("--function-name " + Deployment.functionArn("InitializeStateDataFunction"))
                    .doesNotContain("${stack.").doesNotContain("${arn.").doesNotContain("${aws.");
        }
    }
}

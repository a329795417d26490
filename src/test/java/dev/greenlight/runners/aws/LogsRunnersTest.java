package dev.greenlight.runners.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.awsfake.FakeLogs;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** logs-pattern and logs-cold-start through the real SDK against the local endpoint. */
class LogsRunnersTest {
    private static final String STACK = "backend-workflow-dev";
    private static final String FN = "backend-workflow-dev-InitializeStateDataFunction-AbC123";
    private static final String GROUP = "/aws/lambda/" + FN;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Deployment deployment;
    private FakeAws aws;
    private FakeLogs logs;
    private Services services;
    private final long now = System.currentTimeMillis();

    @BeforeEach
    void start() throws Exception {
        // The shared deployment, deployed two hours ago, with empty logs each test fills itself.
        deployment = new Deployment(Deployment.SHA, Instant.now().minus(2, ChronoUnit.HOURS));
        logs = new FakeLogs();
        deployment.with(logs);
        aws = deployment.aws();
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        AwsSession session = AwsSession.create(new AwsSettings(null, "us-east-1", aws.endpoint().toString()));
        services = new Services().register(AwsSession.class, () -> session);
    }

    @AfterEach
    void stop() {
        services.close();
        deployment.close();
    }

    private long minutesAgo(int m) {
        return now - m * 60_000L;
    }

    private <S> Result run(Runner<S> runner, String yaml) throws Exception {
        JsonNode params = YAML.readTree(yaml);
        RunnerRegistry registry = new RunnerRegistry().register(runner);
        assertThat(registry.validate(runner.type(), (ObjectNode) params)).as("spec problems").isEmpty();
        RunnerRegistry.Bound<S> bound = registry.bind(runner, params);
        RunContext ctx = new RunContext(null, null, Variables.of(Map.of("stack", STACK)), services,
                RunOptions.defaults(Path.of(".")), () -> false);
        return runner.run(bound.spec(), ctx);
    }

    private Result pattern(String yaml) throws Exception {
        return run(new LogsPatternRunner(), yaml);
    }

    private Result coldStart(String yaml) throws Exception {
        return run(new LogsColdStartRunner(), yaml);
    }

    private void goodDeployLogs() {
        logs.put(GROUP, "2024/05/01/[$LATEST]aaa", minutesAgo(300), "[INFO] 🎯 [Day-Zero Sync] from the previous deploy")
                .put(GROUP, "2024/05/01/[$LATEST]bbb", minutesAgo(60), "START RequestId: r1 Version: $LATEST")
                .put(GROUP, "2024/05/01/[$LATEST]bbb", minutesAgo(59), "[INFO] 🎯 [Day-Zero Sync] state bag initialised")
                .put(GROUP, "2024/05/01/[$LATEST]bbb", minutesAgo(58), "[INFO] universal_sync_core imported");
    }

    @Test
    void passesWithTheFirstMatchingEventWhenTheDayZeroLineIsLoggedSinceTheDeploy() throws Exception {
        goodDeployLogs();
        Result r = pattern("""
                logical-id: InitializeStateDataFunction
                filter-pattern: '"Day-Zero Sync"'
                pattern: '🎯 \\[Day-Zero Sync\\]'
                since: deploy
                """);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains(GROUP).contains("the deploy of " + STACK);
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("logs:FilterLogEvents");
            assertThat(e.resource()).isEqualTo(GROUP);
            assertThat(e.region()).isEqualTo("us-east-1");
            assertThat(e.text()).contains("state bag initialised").contains("[$LATEST]bbb")
                    .startsWith(Instant.ofEpochMilli(minutesAgo(59)).toString());
        });
    }

    @Test
    void failsWhenTheFunctionRanSinceTheDeployButTheDayZeroLineOnlyPredatesIt() throws Exception {
        logs.put(GROUP, "s", minutesAgo(300), "[INFO] 🎯 [Day-Zero Sync] from the previous deploy")
                .put(GROUP, "t", minutesAgo(20), "START RequestId: r9 Version: $LATEST");
        Result r = pattern("""
                function: arn:aws:lambda:us-east-1:123456789012:function:%s:live
                pattern: 'Day-Zero Sync'
                since: deploy
                """.formatted(FN));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).startsWith("No line matching /Day-Zero Sync/ in " + GROUP);
        assertThat(r.actual()).isEqualTo("0 matching of 1 scanned");
    }

    @Test
    void isNoDataNotFailWhenTheFunctionWasNotInvokedSinceTheDeploy() throws Exception {
        logs.put(GROUP, "s", minutesAgo(300), "[INFO] 🎯 [Day-Zero Sync] from the previous deploy");
        Result r = pattern("""
                function: arn:aws:lambda:us-east-1:123456789012:function:%s:live
                filter-pattern: '"Day-Zero Sync"'
                since: deploy
                """.formatted(FN));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.NO_DATA);
        assertThat(r.reason()).startsWith("No data: Log group " + GROUP + " has no events from ")
                .contains("(events scanned: 0)").contains("since the deploy of " + STACK)
                .contains("invoke the function");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.resource()).isEqualTo(GROUP);
            assertThat(e.text()).startsWith("window ").endsWith("events scanned: 0");
        });
    }

    @Test
    void anAbsencePatternOverAWindowWithNoEventsIsNoDataNotPass() throws Exception {
        logs.put(GROUP, "s", minutesAgo(300), "START RequestId: old Version: $LATEST");
        Result r = pattern("""
                logical-id: InitializeStateDataFunction
                filter-pattern: '?ModuleNotFoundError ?ImportModuleError'
                since: 2h
                present: false
                """);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.NO_DATA);
        assertThat(r.reason()).contains("(events scanned: 0)").contains("widen the window with 'since' (now the last 2h");
        assertThat(r.expected()).startsWith("no line matching filter ?ModuleNotFoundError ?ImportModuleError");
    }

    @Test
    void failsWithTheEventsAndTheCountWhenAForbiddenImportErrorIsLogged() throws Exception {
        goodDeployLogs();
        for (int i = 0; i < 7; i++) {
            logs.put(GROUP, "s" + i, minutesAgo(30 - i), "[ERROR] Runtime.ImportModuleError: Unable to import module 'handler': "
                    + "No module named 'src.handlers.utils.universal_sync_core' (ModuleNotFoundError) #" + i);
        }
        Result r = pattern("""
                group: %s
                filter-pattern: '?ModuleNotFoundError ?ImportModuleError'
                since: 2h
                present: false
                """.formatted(GROUP));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).startsWith("7 line(s) matching filter ?ModuleNotFoundError ?ImportModuleError in " + GROUP);
        assertThat(r.evidence()).hasSize(5).allSatisfy(e -> assertThat(e.text()).contains("universal_sync_core"));
        assertThat(r.evidence().get(0).text()).endsWith("#0");
    }

    @Test
    void passesWhenNoForbiddenLineIsLoggedAndSaysHowManyWereScanned() throws Exception {
        goodDeployLogs();
        Result r = pattern("""
                logical-id: InitializeStateDataFunction
                pattern: 'ModuleNotFoundError|ImportModuleError'
                since: deploy
                present: false
                """);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.actual()).isEqualTo("0 matching of 3 scanned");
    }

    @Test
    void aMissingGroupIsNoDataForAWantedAndAnUnwantedLineAlike() throws Exception {
        Result wanted = pattern("group: /aws/lambda/missing\nfilter-pattern: Sync\n");
        assertThat(wanted.status()).isEqualTo(Status.NO_DATA);
        assertThat(wanted.reason()).contains("/aws/lambda/missing does not exist");
        Result unwanted = pattern("group: /aws/lambda/missing\nfilter-pattern: Error\npresent: false\n");
        assertThat(unwanted.status()).isEqualTo(Status.NO_DATA);
        assertThat(unwanted.actual()).isEqualTo("log group not found");
    }

    @Test
    void anUnknownLogicalIdFailsNamingWhatWasLookedFor() throws Exception {
        Result r = pattern("logical-id: GhostFunction\nfilter-pattern: Sync\n");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("Stack " + STACK + " has no resource GhostFunction.");
    }

    @Test
    void deniedAccessIsAnErrorNamingTheActionToGrant() throws Exception {
        goodDeployLogs();
        aws.fault(FakeAws.Fault.error("FilterLogEvents", 400, "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:FilterLogEvents"));
        Result r = pattern("group: %s\nfilter-pattern: Sync\n".formatted(GROUP));
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).isEqualTo("Access denied to logs:FilterLogEvents: grant logs:FilterLogEvents on " + GROUP
                + " to the identity this run uses.");
    }

    @Test
    void readsEveryPageAndCountsAtLeastMinMatches() throws Exception {
        logs.pageSize(2);
        for (int i = 0; i < 9; i++) {
            logs.put(GROUP, "s", minutesAgo(50 - i), "[INFO] 🎯 [Day-Zero Sync] #" + i);
        }
        Result enough = pattern("group: %s\npattern: 'Day-Zero'\nsince: 1h\nmin: 9\n".formatted(GROUP));
        assertThat(enough.status()).as(enough.reason()).isEqualTo(Status.PASS);
        Result tooFew = pattern("group: %s\npattern: 'Day-Zero'\nsince: 1h\nmin: 10\n".formatted(GROUP));
        assertThat(tooFew.status()).isEqualTo(Status.FAIL);
        assertThat(tooFew.reason()).startsWith("Only 9 of 10 lines");
    }

    @Test
    void rejectsBadSpecsAtLoadTime() {
        RunnerRegistry registry = new RunnerRegistry().register(new LogsPatternRunner()).register(new LogsColdStartRunner());
        assertThat(registry.validate("logs-pattern", (ObjectNode) read("group: g\npattern: '[unclosed'\n")))
                .extracting(i -> i.field()).containsExactly("pattern");
        assertThat(registry.validate("logs-pattern", (ObjectNode) read("group: g\nfunction: f\npattern: x\nsince: yesterday\n")))
                .extracting(i -> i.field()).containsExactly("function", "since");
        assertThat(registry.validate("logs-cold-start", (ObjectNode) read("group: g\n")))
                .extracting(i -> i.field()).containsExactly("max-ms");
    }

    @Test
    void asksForCloudFormationActionsOnlyWhenTheSpecNeedsThem() {
        LogsPatternRunner runner = new LogsPatternRunner();
        assertThat(runner.iamActions(new LogsPatternRunner.Spec("g", null, null, null, "x", null, "2h", null, null)))
                .containsExactly("logs:FilterLogEvents");
        assertThat(runner.iamActions(new LogsPatternRunner.Spec(null, null, "Fn", null, "x", null, "deploy", null, null)))
                .containsExactly("logs:FilterLogEvents", "lambda:GetFunction", "cloudformation:ListStackResources",
                        "cloudformation:DescribeStackResource", "cloudformation:DescribeStacks");
    }

    private static JsonNode read(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- cold starts ----

    private void report(int minutesAgo, double durationMs, Double initMs) {
        logs.put(GROUP, "2024/05/01/[$LATEST]s" + minutesAgo, minutesAgo(minutesAgo),
                "REPORT RequestId: req-" + minutesAgo + "\tDuration: " + durationMs + " ms\tBilled Duration: "
                        + (int) Math.ceil(durationMs) + " ms\tMemory Size: 2048 MB\tMax Memory Used: 180 MB\t"
                        + (initMs == null ? "" : "Init Duration: " + initMs + " ms\t"));
    }

    @Test
    void failsWhenAColdStartTakes3400MsWithTheSlowestReportLineAsEvidence() throws Exception {
        report(50, 120.5, 812.34);
        report(40, 98.0, 3400.0);
        report(30, 10.1, null);
        report(20, 101.0, 1200.0);
        Result r = coldStart("logical-id: InitializeStateDataFunction\nsince: deploy\nmax-ms: 3000\n");
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).startsWith("Slowest cold start 3400 ms exceeds 3000 ms (3 cold start(s) in " + GROUP);
        assertThat(r.actual()).isEqualTo("max 3400 ms, p95 3400 ms over 3 cold start(s)");
        assertThat(r.evidence().get(0).text()).contains("Init Duration: 3400.0 ms");
        assertThat(r.evidence()).hasSize(3);
    }

    @Test
    void passesWhenTheSlowestColdStartIs1200Ms() throws Exception {
        report(50, 120.5, 812.34);
        report(20, 101.0, 1200.0);
        report(10, 9.0, null);
        Result r = coldStart("logical-id: InitializeStateDataFunction\nsince: deploy\nmax-ms: 3000\n");
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.actual()).isEqualTo("max 1200 ms, p95 1200 ms over 2 cold start(s)");
    }

    @Test
    void failsOnP95WhenAskedEvenIfTheMaxIsUnderItsLimit() throws Exception {
        for (int i = 0; i < 20; i++) {
            report(50 - i, 10, i < 18 ? 500.0 : 2900.0);
        }
        Result r = coldStart("group: %s\nsince: 1h\nmax-ms: 3000\np95-ms: 2000\n".formatted(GROUP));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.FAIL);
        // nearest rank: ceil(0.95 * 20) = 19th of 20 ascending = 2900
        assertThat(r.reason()).startsWith("P95 2900 ms exceeds 2000 ms");
    }

    @Test
    void noColdStartSinceTheDeployIsNoDataSayingTheFunctionRanWarm() throws Exception {
        report(300, 100.0, 4000.0); // before the deploy: must not count
        report(30, 10.1, null);
        Result r = coldStart("logical-id: InitializeStateDataFunction\nsince: deploy\nmax-ms: 3000\n");
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.NO_DATA);
        assertThat(r.reason()).startsWith("No data: no cold start in " + GROUP).contains("the function ran, but warm")
                .contains("since the deploy of " + STACK);
    }

    @Test
    void noInvocationAtAllSinceTheDeployIsNoDataWithZeroEventsScanned() throws Exception {
        report(300, 100.0, 4000.0); // before the deploy: must not count
        Result r = coldStart("logical-id: InitializeStateDataFunction\nsince: deploy\nmax-ms: 3000\n");
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.NO_DATA);
        assertThat(r.reason()).contains("has no events from").contains("(events scanned: 0)").contains("invoke the function");
    }

    @Test
    void fewerColdStartsThanMinSamplesIsNoData() throws Exception {
        report(20, 101.0, 1200.0);
        Result r = coldStart("group: %s\nsince: 1h\nmax-ms: 3000\nmin-samples: 3\n".formatted(GROUP));
        assertThat(r.status()).isEqualTo(Status.NO_DATA);
        assertThat(r.reason()).contains("only 1 of the 3 cold starts needed").contains("lower 'min-samples'");
    }

    @Test
    void describesTheStackOnceHoweverManyChecksAskForTheDeployTime() throws Exception {
        goodDeployLogs();
        report(20, 101.0, 1200.0);
        pattern("logical-id: InitializeStateDataFunction\npattern: Sync\nsince: deploy\n");
        coldStart("logical-id: InitializeStateDataFunction\nsince: deploy\nmax-ms: 3000\n");
        assertThat(aws.calls().stream().filter(c -> c.service().equals("cloudformation")).map(FakeAws.Call::operation))
                .containsExactlyInAnyOrder("DescribeStackResource", "DescribeStacks");
    }

    @Test
    void twoChecksOfTheSameGroupSinceTheDeployReadEachPageOnceAndKeepTheirOwnVerdicts() throws Exception {
        goodDeployLogs();
        logs.pageSize(2); // three events since the deploy: two pages
        // the document's pair: the Day-Zero line must be there, the import errors must not
        Result dayZero = pattern("logical-id: InitializeStateDataFunction\npattern: 'Day-Zero Sync'\nsince: deploy\n");
        Result noImportErrors = pattern("logical-id: InitializeStateDataFunction\npattern: 'ImportError|universal_sync_core imported'\n"
                + "present: false\nsince: deploy\n");
        assertThat(dayZero.status()).as(dayZero.reason()).isEqualTo(Status.PASS);
        assertThat(noImportErrors.status()).as("its own verdict, from the shared pages: " + noImportErrors.reason())
                .isEqualTo(Status.FAIL);
        assertThat(noImportErrors.actual()).startsWith("1 matching, first: ").endsWith("universal_sync_core imported");
        assertThat(aws.calls().stream().filter(c -> c.operation().equals("FilterLogEvents")))
                .as("page 1 read once for both checks, page 2 once for the one that read on").hasSize(2);
    }

    @Test
    void theTailFactoryResolvesAFunctionLogicalIdToItsLogGroup() throws Exception {
        AwsLogTailFactory factory = new AwsLogTailFactory(services.find(AwsSession.class).orElseThrow());
        assertThat(factory.lambdaGroup(STACK, "InitializeStateDataFunction")).isEqualTo(GROUP);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> factory.lambdaGroup(STACK, "Nope"))
                .hasMessage("stack " + STACK + " has no resource Nope");
    }
}

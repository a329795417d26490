package dev.greenlight.hostile;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.local.GitRepo;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7.3: the whole bundled checklist against a fake deployment while AWS misbehaves. For each
 * fault the items that depend on the broken call ERROR with the right advice, every other item keeps
 * its good-deployment verdict, the run finishes, and no thread outlives it.
 */
class AwsFaultMatrixTest {
    /** Items whose status a good deployment without --allow-invoke gives; see {@link #normal}. */
    static final Set<String> FUNCTIONS_BY_LOGICAL_ID = Set.of("init-image-sha", "sdm-image-sha", "segment-image-sha");
    static final Set<String> SFN = Set.of("sfn-comment", "sfn-initialize-arn", "sfn-no-placeholders", "sfn-distributed-no-placeholders");
    static final Set<String> LOGS = Set.of("usc-import-errors-in-logs", "day-zero-sync-log", "sdm-usc-errors-in-logs",
            "init-cold-start", "sdm-cold-start");

    @TempDir
    static Path dir;
    static Path checkout;
    static String head;
    static Checklist checklist;

    private Deployment d;
    private Map<String, Long> threadsBefore;

    /** Short timeouts and back-off: the standard 10 s / 30 s and SDK back-off would make this matrix take minutes. */
    private static final AwsSettings.Timeouts FAST = new AwsSettings.Timeouts(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(5));

    @BeforeAll
    static void sample() throws Exception {
        checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        head = new GitRepo(checkout).head().orElseThrow();
        checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        // One untuned run first: on a cold, loaded JVM the SDK's class loading alone can outlast the
        // 500 ms attempt timeout the matrix tunes to, and the first test would time out for that.
        try (Deployment warm = new Deployment(head)) {
            Greenlight.prepare(checklist, RunOptions.defaults(checkout), new AwsSettings(null, Deployment.REGION,
                    warm.endpoint().toString()), null).start().get(120, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void start() {
        threadsBefore = ourThreads();
        d = new Deployment(head);
    }

    @AfterEach
    void noThreadOutlivesTheRun() throws InterruptedException {
        d.close();
        // threads end shortly after their pools shut down: wait for that, bounded, then compare
        Map<String, Long> after = ourThreads();
        for (int i = 0; i < 100 && exceeds(after, threadsBefore); i++) {
            Thread.sleep(50);
            after = ourThreads();
        }
        assertThat(exceeds(after, threadsBefore)).as("live threads after the run " + after + ", before " + threadsBefore).isFalse();
    }

    /**
     * Live threads by name family: the run's pools ({@code greenlight-check-N}, {@code greenlight-watchdog-N}),
     * the SDK's ({@code sdk-*}) and the Apache client's ({@code idle-connection-reaper}). The JDK's own
     * "process reaper" (kept alive a minute after git ran) is not ours.
     */
    static Map<String, Long> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("greenlight-") || n.startsWith("sdk-") || n.contains("connection")
                        || n.startsWith("aws-java-sdk") || n.contains("connection-reaper"))
                .collect(Collectors.groupingBy(n -> n.replaceAll("[-0-9]+$", ""), TreeMap::new, Collectors.counting()));
    }

    private static boolean exceeds(Map<String, Long> after, Map<String, Long> before) {
        return after.entrySet().stream().anyMatch(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L));
    }

    private RunReport run(AwsSettings settings, int parallelism) throws Exception {
        var run = Greenlight.prepare(checklist, RunOptions.defaults(checkout).withParallelism(parallelism), settings.withTimeouts(FAST), null);
        // a generous bound that only catches a hang; the run has no time assertion
        return run.start().get(120, TimeUnit.SECONDS);
    }

    private RunReport run() throws Exception {
        return run(new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), 8);
    }

    /** A good deployment's verdict: manual items wait, invoke items need consent, the rest pass. */
    static Status normal(Item item) {
        if (item.check() == null) {
            return Status.MANUAL;
        }
        return item.check().type().equals("lambda-invoke") ? Status.SKIP : Status.PASS;
    }

    /** The {@code affected} items ERROR with a reason containing {@code advice}; all others have their normal verdict. */
    static void onlyErrors(RunReport report, Set<String> affected, String advice) {
        onlyErrors(report, affected, advice, Set.of());
    }

    /**
     * As above, and the {@code warned} items WARN: lambda-config still judges the function's image tag
     * when only the ECR hop of its provenance chain cannot be read.
     */
    static void onlyErrors(RunReport report, Set<String> affected, String advice, Set<String> warned) {
        Map<String, ItemResult> byId = report.results().stream().collect(Collectors.toMap(ItemResult::itemId, r -> r));
        checklist.items().forEach(item -> {
            ItemResult r = byId.get(item.id());
            String why = item.id() + ": " + r.result().reason();
            if (affected.contains(item.id())) {
                assertThat(r.status()).as(why).isEqualTo(Status.ERROR);
                assertThat(r.result().reason()).as(item.id()).contains(advice);
            } else if (warned.contains(item.id())) {
                assertThat(r.status()).as(why).isEqualTo(Status.WARN);
                assertThat(r.result().reason()).as(item.id()).contains("could not be read");
            } else {
                assertThat(r.status()).as(why).isEqualTo(normal(item));
            }
        });
    }

    // ---- access denied, one API at a time ----

    static Stream<Arguments> deniedApis() {
        Set<String> logsSinceDeploy = LOGS;
        Set<String> byLogicalId = union(Set.of("stack-status"), SFN, FUNCTIONS_BY_LOGICAL_ID, LOGS);
        return Stream.of(
                Arguments.of("GetCallerIdentity", 403, "AccessDenied", "sts:GetCallerIdentity",
                        // the function ARN the orchestrator must call is built from the account id, and so
                        // is the registry the functions' images must come from
                        Set.of("aws-account", "sfn-initialize-arn", "init-image-sha", "sdm-image-sha", "segment-image-sha")),
                Arguments.of("DescribeStacks", 403, "AccessDenied", "cloudformation:DescribeStacks",
                        union(Set.of("stack-status"), logsSinceDeploy)),
                // five logical ids: the run lists the stack's resources (DescribeStackResources stops at 100)
                Arguments.of("ListStackResources", 403, "AccessDenied", "cloudformation:ListStackResources", byLogicalId),
                Arguments.of("DescribeStackEvents", 403, "AccessDenied", "cloudformation:DescribeStackEvents", Set.of("stack-status")),
                Arguments.of("DescribeStateMachine", 400, "AccessDeniedException", "states:DescribeStateMachine", SFN),
                // the logs items read the function's LoggingConfig from GetFunction
                Arguments.of("GetFunction", 403, "AccessDeniedException", "lambda:GetFunction", union(FUNCTIONS_BY_LOGICAL_ID, LOGS)),
                Arguments.of("DescribeImages", 400, "AccessDeniedException", "ecr:DescribeImages", Set.of("ecr-image-sha")),
                Arguments.of("FilterLogEvents", 400, "AccessDeniedException", "logs:FilterLogEvents", LOGS));
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0} denied")
    @MethodSource("deniedApis")
    void accessDeniedToOneApiErrorsOnlyItsItemsNamingTheIamActionToGrant(String operation, int status, String code,
                                                                         String iamAction, Set<String> affected) throws Exception {
        // no action in the message: the runner itself must know which IAM action its call needs
        d.aws().fault(FakeAws.Fault.error(operation, status, code, "User: " + Deployment.CALLER_ARN
                + " is not authorized to perform this operation"));
        RunReport report = run();
        // the provenance hop of lambda-config asks ECR too: without it the tag is still judged, with a caveat
        onlyErrors(report, affected, "grant " + iamAction, operation.equals("DescribeImages") ? FUNCTIONS_BY_LOGICAL_ID : Set.of());
    }

    // ---- credentials expiring while the run is under way ----

    @Test
    void anExpiredTokenMidRunErrorsTheItemsAfterItWithHowToRefreshAndKeepsTheVerdictsBefore() throws Exception {
        // one item at a time, in checklist order: the identity (1 call) and the stack (3 calls) get through
        d.aws().fault(FakeAws.Fault.errorOnEveryCall(403, "ExpiredToken", "The security token included in the request is expired")
                .afterCalls(4));
        RunReport report = run(new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), 1);
        Set<String> afterExpiry = union(SFN, FUNCTIONS_BY_LOGICAL_ID, LOGS, Set.of("ecr-image-sha"));
        onlyErrors(report, afterExpiry, "refresh credentials");
    }

    // ---- throttling ----

    @Test
    void aBurstOfThrottlingIsRetriedAndTheItemsPass() throws Exception {
        d.aws().fault(FakeAws.Fault.error("DescribeStateMachine", 400, "ThrottlingException", "Rate exceeded").times(2));
        d.aws().fault(FakeAws.Fault.error("FilterLogEvents", 400, "ThrottlingException", "Rate exceeded").times(2));
        RunReport report = run();
        onlyErrors(report, Set.of(), "");
        assertThat(d.aws().calls()).filteredOn(c -> c.status() == 400).hasSize(4);
    }

    @Test
    void throttlingPastTheSdkRetriesErrorsTheItemsOfThatApi() throws Exception {
        d.aws().fault(FakeAws.Fault.error("DescribeStateMachine", 400, "ThrottlingException", "Rate exceeded"));
        RunReport report = run();
        onlyErrors(report, SFN, "AWS throttled states:DescribeStateMachine even after the SDK's retries");
    }

    // ---- the service side failing ----

    @Test
    void aServerErrorErrorsTheItemsOfThatApiSayingItIsOnTheAwsSide() throws Exception {
        d.aws().fault(FakeAws.Fault.error("GetFunction", 500, "ServiceException", "Lambda is having a bad day"));
        RunReport report = run();
        onlyErrors(report, union(FUNCTIONS_BY_LOGICAL_ID, LOGS), "AWS answered 500 to lambda:GetFunction");
    }

    @Test
    void anAnswerSlowerThanTheTimeoutErrorsOnlyThatItem() throws Exception {
        d.aws().fault(FakeAws.Fault.delay(r -> r.operation().equals("DescribeImages"), 4000));
        RunReport report = run();
        onlyErrors(report, Set.of("ecr-image-sha"), "timed out", FUNCTIONS_BY_LOGICAL_ID);
    }

    @Test
    void aClosedPortErrorsEveryAwsItemAsUnreachableAndTheLocalItemsStillPass() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RunReport report = run(new AwsSettings(null, Deployment.REGION, "http://127.0.0.1:" + port), 8);
        Set<String> aws = union(Set.of("aws-account", "stack-status", "ecr-image-sha"), SFN, FUNCTIONS_BY_LOGICAL_ID, LOGS);
        onlyErrors(report, aws, "endpoint unreachable: http://127.0.0.1:" + port);
    }

    @Test
    void aMalformedXmlAnswerErrorsTheItemThatReadsItSayingTheAnswerCannotBeRead() throws Exception {
        d.aws().fault(FakeAws.Fault.garbage("DescribeStackEvents", "<DescribeStackEventsResponse><StackEvents><member>"
                + "<Timestamp>not a time</Timestamp><<<"));
        RunReport report = run();
        onlyErrors(report, Set.of("stack-status"), "cannot read");
    }

    @Test
    void aMalformedJsonAnswerErrorsTheItemsThatReadItSayingTheAnswerCannotBeRead() throws Exception {
        d.aws().fault(FakeAws.Fault.garbage("DescribeImages", "{\"imageDetails\": [{\"imageTags\": \"not a list\", "));
        d.aws().fault(FakeAws.Fault.garbage("GetFunction", "<html>502 Bad Gateway</html>"));
        RunReport report = run();
        onlyErrors(report, union(Set.of("ecr-image-sha"), FUNCTIONS_BY_LOGICAL_ID, LOGS), "cannot read");
    }

    @Test
    void theFaultFreeRunOfThisMatrixIsAllGreen() throws Exception {
        Map<String, Long> during = new java.util.concurrent.ConcurrentHashMap<>();
        var run = Greenlight.prepare(checklist, RunOptions.defaults(checkout),
                new AwsSettings(null, Deployment.REGION, d.endpoint().toString()).withTimeouts(FAST), new dev.greenlight.engine.RunListener() {
                    @Override
                    public void itemStarted(String itemId) {
                        if (itemId.equals("ecr-image-sha")) {
                            during.putAll(ourThreads());
                        }
                    }
                });
        RunReport report = run.start().get(120, TimeUnit.SECONDS);
        onlyErrors(report, Set.of(), "");
        // the leak check counts threads that do exist while a run is under way
        assertThat(during).containsKey("greenlight-check");
        List<String> ops = d.aws().calls().stream().map(FakeAws.Call::operation).distinct().sorted().toList();
        // every API the matrix denies is one the run really calls
        assertThat(ops).containsAll(deniedApis().map(a -> (String) a.get()[0]).toList());
    }
}

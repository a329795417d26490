package dev.greenlight.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeLogs;
import dev.greenlight.awsfake.FakeService;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled checklist's AWS sections (post-deploy, success-criteria) against the fake
 * deployment with a fixed latency on every call: wall time against the critical path, API calls
 * against the distinct requests, and the document's own {@code aws ...} commands run one after
 * another with the real AWS CLI against the same endpoint. See BENCHMARKS.md.
 */
@Tag("benchmark")
class AwsSectionBenchmark {
    static final Set<String> AWS = Set.of("post-deploy", "success-criteria");
    static final long LATENCY_MS = 50;
    static final int RUNS = 7;

    @TempDir
    Path dir;

    @Test
    void awsSectionsWithFiftyMillisecondsPerCall() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDBENCH");
        System.setProperty("aws.secretAccessKey", "bench-secret");
        Path checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        Checklist checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        ObjectNode result = BenchSupport.JSON.createObjectNode();
        result.set("machineAtStart", BenchSupport.machine());
        result.put("latencyMsPerCall", LATENCY_MS);

        // the real backend's scale: 200 resources, 76 container-image functions, the checklist's five past the first 100
        try (Deployment d = new Deployment().atScale()) {
            List<RecordingService.Call> log = RecordingService.newLog();
            FakeLogs logs = seedLogs(d);
            for (FakeService s : List.of(d.cloudFormation(), d.sts(), d.ecr(), d.stepFunctions(), d.lambda(), logs)) {
                d.with(new RecordingService(s, log));
            }
            d.aws().latency(LATENCY_MS);
            AwsSettings settings = new AwsSettings(null, Deployment.REGION, d.endpoint().toString());
            RunOptions options = RunOptions.defaults(checkout).withOnly(AWS).withAllowInvoke(true)
                    .withOverrides(Map.of("git.sha", Deployment.SHA));

            // Whole sections, fresh session each run (as the CLI and the app do).
            double[] wall = new double[RUNS];
            RunReport report = null;
            List<RecordingService.Call> calls = List.of();
            for (int i = -2; i < RUNS; i++) {
                log.clear();
                long t0 = System.nanoTime();
                report = Greenlight.prepare(checklist, options, settings, null).runBlocking();
                if (i >= 0) {
                    wall[i] = (System.nanoTime() - t0) / 1e6;
                }
                calls = List.copyOf(log);
            }
            // The same runs without the injected latency: what the run costs besides waiting for AWS.
            d.aws().latency(0);
            double[] noLatency = new double[RUNS];
            for (int i = -1; i < RUNS; i++) {
                long t0 = System.nanoTime();
                Greenlight.prepare(checklist, options, settings, null).runBlocking();
                if (i >= 0) {
                    noLatency[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            d.aws().latency(LATENCY_MS);

            Map<String, Long> byOperation = calls.stream()
                    .collect(Collectors.groupingBy(RecordingService.Call::operation, TreeMap::new, Collectors.counting()));
            Map<String, Long> repeated = calls.stream()
                    .collect(Collectors.groupingBy(RecordingService.Call::key, TreeMap::new, Collectors.counting()));
            repeated.values().removeIf(n -> n < 2);
            long distinct = calls.stream().map(RecordingService.Call::key).distinct().count();

            // Each item alone: its own chain of calls (a runner makes its calls one after another).
            ArrayNode perItem = result.putArray("perItemAlone");
            int longestChain = 0;
            String longestItem = null;
            for (Item item : checklist.items().filter(i -> AWS.contains(i.sectionId()) && i.check() != null).toList()) {
                RunOptions alone = options.withOnly(Set.of(item.id()));
                double[] w = new double[3];
                int n = 0;
                for (int k = 0; k < w.length; k++) {
                    log.clear();
                    long t0 = System.nanoTime();
                    Greenlight.prepare(checklist, alone, settings, null).runBlocking();
                    w[k] = (System.nanoTime() - t0) / 1e6;
                    n = log.size();
                    // The report header's identity probe runs after the items; it is not part of the item's chain.
                    if (n > 1 && log.get(n - 1).operation().equals("sts:GetCallerIdentity")) {
                        n--;
                    }
                }
                perItem.addObject().put("item", item.id()).put("type", item.check().type()).put("chainCalls", n)
                        .put("medianMs", BenchSupport.round(BenchSupport.median(w)))
                        .put("operations", String.join(" -> ", log.stream().map(RecordingService.Call::operation).toList()));
                if (n > longestChain) {
                    longestChain = n;
                    longestItem = item.id();
                }
            }

            Map<String, Long> statuses = report.results().stream()
                    .collect(Collectors.groupingBy(r -> r.status().name(), TreeMap::new, Collectors.counting()));
            result.put("items", report.results().size());
            result.set("statuses", BenchSupport.JSON.valueToTree(statuses));
            result.set("wholeSectionsWall", BenchSupport.stats(wall));
            result.set("wholeSectionsWallWithoutLatency", BenchSupport.stats(noLatency));
            result.put("latencyAttributableMs", BenchSupport.round(BenchSupport.median(wall) - BenchSupport.median(noLatency)));
            ObjectNode notPass = result.putObject("notPass");
            report.results().stream().filter(r -> r.status() != Status.PASS)
                    .forEach(r -> notPass.put(r.itemId(), r.status() + ": " + r.result().reason()));
            result.put("apiCalls", calls.size());
            result.put("distinctRequests", distinct);
            result.set("callsByOperation", BenchSupport.JSON.valueToTree(byOperation));
            result.set("repeatedRequests", BenchSupport.JSON.valueToTree(repeated));
            result.put("longestItemChainCalls", longestChain);
            result.put("longestItemChain", longestItem);
            result.put("criticalPathMs", longestChain * LATENCY_MS);
            // By data dependency alone (name -> physical id -> describe), no item needs more than 2.
            // ListStackResources page 1 -> page 2 (the ids are past the first 100) -> GetFunction (image tag, LoggingConfig)
            // -> DescribeImages (the tag's digest) or FilterLogEvents (the function's group): four calls in a row
            result.put("dataDependencyCriticalPathMs", 4 * LATENCY_MS);
            result.put("stackResources", d.cloudFormation().stack(Deployment.STACK).resources.size());
            result.put("wallOverCriticalPath", Math.round(BenchSupport.median(wall) / (longestChain * LATENCY_MS) * 100) / 100.0);
            result.put("serialCallsMs", calls.size() * LATENCY_MS);
            result.put("wallOverSerialCalls", Math.round(BenchSupport.median(wall) / (calls.size() * LATENCY_MS) * 100) / 100.0);
            result.set("awsCli", awsCli(d, log));
            result.set("machineAtEnd", BenchSupport.machine());
            BenchSupport.write("aws-sections", result);

            assertThat(report.results()).extracting(ItemResult::status).doesNotContain(Status.ERROR);
            assertThat(distinct).isPositive();
            assertThat(repeated).as("an AWS request made twice in one run").isEmpty();
        }
    }

    /**
     * Seeds the three function log groups the checklist reads with more traffic than Deployment's
     * own logs: the Day-Zero line, REPORT lines with cold starts, and ordinary traffic, all after the deploy.
     */
    static FakeLogs seedLogs(Deployment d) {
        FakeLogs logs = new FakeLogs();
        long t = d.deployedAt().toEpochMilli() + 120_000;
        for (String logical : List.of("InitializeStateDataFunction", "StateDataManagerFunction", "SegmentRunnerFunction")) {
            String group = Deployment.logGroup(logical);
            String stream = "2024/05/02/[$LATEST]0a1b2c3d";
            for (int i = 0; i < 200; i++) {
                long ts = t + i * 1_000L;
                logs.put(group, stream, ts, "START RequestId: r" + i + " Version: $LATEST");
                if (i == 0) {
                    logs.put(group, stream, ts + 5, "[INFO] 🎯 [Day-Zero Sync] state bag initialised");
                }
                logs.put(group, stream, ts + 10, "[INFO] segment " + i + " processed");
                logs.put(group, stream, ts + 20, "REPORT RequestId: r" + i + "\tDuration: 41.20 ms\tBilled Duration: 42 ms\t"
                        + "Memory Size: 2048 MB\tMax Memory Used: 180 MB" + (i % 50 == 0 ? "\tInit Duration: " + (900 + i) + ".12 ms" : ""));
            }
        }
        d.with(logs);
        return logs;
    }

    /**
     * The document's post-deployment commands, one after another with the real AWS CLI against
     * the same endpoint (same latency). {@code aws logs tail --follow} never ends by design, so it
     * is left out; see the log tail benchmark for it.
     */
    private ObjectNode awsCli(Deployment d, List<RecordingService.Call> log) throws Exception {
        ObjectNode out = BenchSupport.JSON.createObjectNode();
        String version;
        try {
            version = runAws(List.of("--version"), d).output().strip();
        } catch (IOException e) {
            out.put("skipped", "no aws CLI on the PATH");
            return out;
        }
        out.put("version", version);
        String sm = Deployment.stateMachineArn("WorkflowOrchestrator-dev");
        String fn = Deployment.functionName("InitializeStateDataFunction");
        String endpoint = d.endpoint().toString();
        List<List<String>> commands = List.of(
                List.of("stepfunctions", "describe-state-machine", "--state-machine-arn", sm, "--query", "definition", "--output", "json"),
                List.of("lambda", "get-function", "--function-name", fn, "--query", "Code.ImageUri"),
                List.of("lambda", "invoke", "--function-name", fn, "--payload", "{\"test\": \"module_check\"}",
                        dir.resolve("response.json").toString()),
                List.of("stepfunctions", "describe-state-machine", "--state-machine-arn", sm, "--query", "definition", "--output", "json"));
        out.put("commands", commands.size());
        double[] seq = new double[3];
        int failures = 0;
        int calls = 0;
        for (int r = -1; r < seq.length; r++) {
            log.clear();
            long t0 = System.nanoTime();
            for (List<String> c : commands) {
                List<String> args = new ArrayList<>(c);
                args.addAll(List.of("--endpoint-url", endpoint));
                if (runAws(args, d).exit() != 0) {
                    failures++;
                }
            }
            if (r >= 0) {
                seq[r] = (System.nanoTime() - t0) / 1e6;
            }
            calls = log.size();
        }
        out.set("sequenceWall", BenchSupport.stats(seq));
        out.put("apiCallsPerSequence", calls);
        out.put("failedCommands", failures);
        // What the same sequence costs without the endpoint latency: the CLI's own start per command.
        d.aws().latency(0);
        long t0 = System.nanoTime();
        for (List<String> c : commands) {
            List<String> args = new ArrayList<>(c);
            args.addAll(List.of("--endpoint-url", endpoint));
            runAws(args, d);
        }
        out.put("sequenceWallWithoutLatencyMs", BenchSupport.round((System.nanoTime() - t0) / 1e6));
        d.aws().latency(LATENCY_MS);
        return out;
    }

    record AwsRun(int exit, String output) {
    }

    private AwsRun runAws(List<String> args, Deployment d) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("aws");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDBENCH");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
        env.put("AWS_DEFAULT_REGION", Deployment.REGION);
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new AwsRun(-1, output);
        }
        return new AwsRun(p.exitValue(), output);
    }

}

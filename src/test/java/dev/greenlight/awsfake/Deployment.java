package dev.greenlight.awsfake;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployed {@code backend-workflow-dev} stack of the seed document's shape on a {@link FakeAws}:
 * CloudFormation, STS, ECR, Step Functions, Lambda and CloudWatch Logs hold a good deployment of {@link #SHA}
 * (or of the sha given); each
 * knob breaks one thing the way it breaks for real.
 *
 * <pre>{@code
 * try (Deployment d = new Deployment().staleImage()) {
 *     ... AwsSettings(null, Deployment.REGION, d.endpoint().toString()) ...
 * }
 * }</pre>
 *
 * <p>CloudWatch Logs holds each function's {@code /aws/lambda/<physical>} group (see {@link #seedLogs()}).
 */
public final class Deployment implements AutoCloseable {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    public static final String STACK = "backend-workflow-dev";
    public static final String SHA = "4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";
    public static final String OLD_SHA = "0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b";
    public static final String REPOSITORY = "backend-lambda-function";
    /** The digest ECR holds under the deployed sha's tag, and the one Lambda resolved it to at deploy time. */
    public static final String DIGEST = "sha256:" + "2f".repeat(32);
    public static final String OLD_DIGEST = "sha256:" + "1e".repeat(32);
    public static final String COMMENT = "Analemma OS v3.0 - Smart StateBag Orchestrator with Standardized Interfaces";
    public static final String CALLER_ARN = "arn:aws:sts::" + ACCOUNT + ":assumed-role/GithubDeployRole/greenlight";
    /** What NoEcho parameters and environment variables hold; must never appear in a result. */
    public static final String SECRET = "sk-live-SECRET-0123456789";

    /** Logical id → physical-name suffix (CloudFormation appends a random one). */
    public static final Map<String, String> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put("InitializeStateDataFunction", "AbC123");
        FUNCTIONS.put("StateDataManagerFunction", "DeF456");
        FUNCTIONS.put("SegmentRunnerFunction", "GhI789");
        FUNCTIONS.put("MergeCallbackFunction", "JkL012");
        FUNCTIONS.put("AsyncLLMHandlerFunction", "MnO345");
        FUNCTIONS.put("AggregateDistributedResultsFunction", "PqR678");
        FUNCTIONS.put("PrepareDistributedExecutionFunction", "StU901");
        FUNCTIONS.put("ProcessSegmentChunkFunction", "VwX234");
        FUNCTIONS.put("LoadLatestStateFunction", "YzA567");
        FUNCTIONS.put("SaveLatestStateFunction", "BcD890");
    }

    public static final String ORCHESTRATOR = "StepFunctionOrchestrator";
    public static final String DISTRIBUTED = "StepFunctionDistributedOrchestrator";

    private final FakeAws aws = new FakeAws();
    private final FakeCloudFormation cfn = new FakeCloudFormation();
    private final FakeSts sts = new FakeSts(ACCOUNT, CALLER_ARN);
    private final FakeEcr ecr = new FakeEcr(ACCOUNT);
    private final FakeStepFunctions sfn = new FakeStepFunctions();
    private final FakeLambda lambda = new FakeLambda();
    private final Instant deployedAt;
    private final String sha;
    private final FakeCloudFormation.Stack stack;
    private FakeLogs logs;
    // log knobs: seedLogs() rebuilds the groups from these whenever one changes
    private boolean dayZero = true;
    private boolean importErrorInLogs;
    private boolean invokedSinceTheDeploy = true;
    private final Map<String, Integer> slowColdStarts = new LinkedHashMap<>();
    private final List<String> extraInitLines = new java.util.ArrayList<>();

    /** A good deployment of {@link #SHA}. */
    public Deployment() {
        this(SHA);
    }

    /** A good deployment of the image tagged {@code sha} (a test passes the checkout's HEAD). */
    public Deployment(String sha) {
        this(sha, Instant.parse("2024-05-02T10:15:00Z"));
    }

    /** A good deployment of {@code sha} whose stack was last updated at {@code deployedAt}. */
    public Deployment(String sha, Instant deployedAt) {
        this.sha = sha;
        this.deployedAt = deployedAt;
        aws.register(cfn).register(sts).register(ecr).register(sfn).register(lambda);
        stack = new FakeCloudFormation.Stack(STACK, "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + STACK
                + "/6c1f8e10-08a1-11ef-9a3b-0affd3c0e1b1");
        stack.status = "UPDATE_COMPLETE";
        stack.updated = deployedAt;
        stack.parameters.add(new FakeCloudFormation.Parameter("BackendLambdaImageUri", imageUri(sha), false));
        stack.parameters.add(new FakeCloudFormation.Parameter("StageName", "dev", false));
        stack.parameters.add(new FakeCloudFormation.Parameter("MockMode", "false", false));
        stack.parameters.add(new FakeCloudFormation.Parameter("OpenAiApiKey", SECRET, true));
        stack.parameters.add(new FakeCloudFormation.Parameter("AnthropicApiKey", SECRET, true));
        for (String logical : FUNCTIONS.keySet()) {
            stack.resources.add(new FakeCloudFormation.Resource(logical, functionName(logical), "AWS::Lambda::Function",
                    "UPDATE_COMPLETE", null, deployedAt.plusSeconds(60)));
            FakeLambda.Function f = new FakeLambda.Function(functionName(logical), functionArn(logical));
            f.imageUri = imageUri(sha);
            f.resolvedDigest = DIGEST;
            f.lastModified = "2024-05-02T10:16:00.000+0000";
            f.environment.put("STAGE", "dev");
            f.environment.put("OPENAI_API_KEY", SECRET);
            f.handler = Deployment::goodAnswer;
            lambda.put(f);
        }
        stack.resources.add(new FakeCloudFormation.Resource("StepFunctionOrchestratorRole",
                STACK + "-StepFunctionOrchestratorRole-1QW2E3R4T5Y6", "AWS::IAM::Role", "UPDATE_COMPLETE", null, deployedAt));
        putStateMachine(ORCHESTRATOR, "WorkflowOrchestrator-dev", "InitializeStateDataFunction", "SegmentRunnerFunction",
                "StateDataManagerFunction");
        putStateMachine(DISTRIBUTED, "DistributedWorkflowOrchestrator-dev", "InitializeStateDataFunction",
                "PrepareDistributedExecutionFunction", "AggregateDistributedResultsFunction");
        stack.events.addAll(List.of(
                event(STACK, stack.id, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", null, 240),
                event(STACK, stack.id, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null, 230),
                event(ORCHESTRATOR, stateMachineArn("WorkflowOrchestrator-dev"), "AWS::StepFunctions::StateMachine", "UPDATE_COMPLETE", null, 200),
                event("InitializeStateDataFunction", functionName("InitializeStateDataFunction"), "AWS::Lambda::Function", "UPDATE_COMPLETE", null, 90),
                event("InitializeStateDataFunction", functionName("InitializeStateDataFunction"), "AWS::Lambda::Function", "UPDATE_IN_PROGRESS", null, 20),
                event(STACK, stack.id, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated", 0)));
        cfn.put(stack);
        ecr.push(REPOSITORY, new FakeEcr.Image(OLD_DIGEST, List.of(OLD_SHA), deployedAt.minus(Duration.ofDays(3)), 412_000_000L));
        ecr.push(REPOSITORY, new FakeEcr.Image(DIGEST, List.of(sha, "latest"), deployedAt.minusSeconds(300), 413_000_000L));
        seedLogs();
    }

    /**
     * The functions' log groups {@code /aws/lambda/<physical>}: a day of history before the deploy
     * (including an import error and a slow cold start of the previous image, which {@code since:
     * deploy} must ignore), then after the deploy a few invocations per function with START/END/REPORT
     * lines, two cold starts each (Init Duration 700–1,500 ms), and InitializeStateData's
     * "🎯 [Day-Zero Sync]" line. Rebuilt from the knobs each time one changes.
     */
    private void seedLogs() {
        FakeLogs fresh = new FakeLogs();
        int n = 0;
        for (String logical : FUNCTIONS.keySet()) {
            FakeLambda.Function fn = lambda.function(functionName(logical));
            String group = fn.logGroup != null ? fn.logGroup : logGroup(logical);
            LambdaLogFormat format = "JSON".equals(fn.logFormat) ? LambdaLogFormat.JSON : LambdaLogFormat.TEXT;
            long before = deployedAt.minus(Duration.ofDays(1)).toEpochMilli();
            String oldStream = "2024/05/01/[$LATEST]" + hex(logical, 0);
            fresh.put(group, oldStream, before, format.start("old-" + n, before));
            if (logical.equals("InitializeStateDataFunction")) {
                fresh.put(group, oldStream, before + 5, format.importError("src.common.initialize_state_data",
                        "src.handlers.utils.universal_sync_core", before + 5));
            }
            fresh.put(group, oldStream, before + 10, format.report("old-" + n, 95.1, 4100.0, before + 10));
            if (!invokedSinceTheDeploy) {
                n++;
                continue;
            }
            long t = deployedAt.plusSeconds(120).toEpochMilli();
            String stream = "2024/05/02/[$LATEST]" + hex(logical, 1);
            if (logical.equals("InitializeStateDataFunction")) {
                for (String line : extraInitLines) {
                    fresh.put(group, stream, t, line);
                    t += 5;
                }
            }
            for (int i = 0; i < 5; i++) {
                String req = String.format("%08x-%04x-4a1b-9c2d-%012x", (logical.hashCode() & 0xfffffff), i, 0x1000L + n * 10L + i);
                fresh.put(group, stream, t, format.start(req, t));
                if (logical.equals("InitializeStateDataFunction") && i == 0 && dayZero) {
                    fresh.put(group, stream, t + 40, format.app("INFO", "🎯 [Day-Zero Sync] initialising StateBag for workflow wf-greenlight-" + i, req, t + 40));
                }
                if (logical.equals("InitializeStateDataFunction") && i == 1 && importErrorInLogs) {
                    fresh.put(group, stream, t + 20, format.importError("src.common.initialize_state_data",
                            "src.handlers.utils.universal_sync_core", t + 20));
                    fresh.put(group, stream, t + 21, format.app("ERROR", "Traceback (most recent call last): ModuleNotFoundError: No module named "
                            + "'src.handlers.utils.universal_sync_core'", req, t + 21));
                }
                fresh.put(group, stream, t + 50, format.app("INFO", "segment processed", req, t + 50));
                fresh.put(group, stream, t + 90, format.end(req, t + 90));
                Double init = null;
                if (i == 0) {
                    init = 700.0 + (n * 83) % 500;
                } else if (i == 3) {
                    init = 1000.0 + (n * 47) % 500 + 0.25;
                }
                if (i == 4 && slowColdStarts.containsKey(logical)) {
                    init = slowColdStarts.get(logical).doubleValue();
                }
                fresh.put(group, stream, t + 91, format.report(req, 80.5 + i, init, t + 91));
                t += 60_000;
            }
            n++;
        }
        logs = fresh;
        aws.register(fresh);
    }

    private static String hex(String logical, int i) {
        return String.format("%032x", (long) logical.hashCode() * 31 + i).substring(0, 32);
    }

    /**
     * What the sample handler answers: InitializeStateData's {@code {"test": "module_check"}} gets
     * {@code {"module_check": "ok", "usc": ...}} (as {@code initialize_state_data.py} returns it);
     * anything else a small 200 answer.
     */
    private static FakeLambda.Invocation goodAnswer(String payload) {
        if (payload != null && payload.contains("module_check")) {
            return new FakeLambda.Invocation("{\"module_check\": \"ok\", \"usc\": \"src.handlers.utils.universal_sync_core\"}",
                    null, invokeLog("[INFO] USC import ok"));
        }
        return new FakeLambda.Invocation("{\"statusCode\": 200, \"body\": {\"ok\": true}}", null, invokeLog("[INFO] ok"));
    }

    // ---- knobs: the shape of a real deployment (none breaks anything) ----

    /**
     * The stack at the real backend's scale: {@link RealisticStack} puts 66 more container-image
     * functions with their roles, permissions, queues, event source mappings, alarms and log groups
     * in front of the resources the checklist reads, so the stack holds more than 150 resources
     * and every one the checklist names is beyond the first 100.
     */
    public Deployment atScale() {
        RealisticStack.fill(this, stack);
        return this;
    }

    /** These functions log in Lambda's JSON format (LoggingConfig.LogFormat = JSON). */
    public Deployment jsonLogs(String... logicals) {
        for (String l : logicals.length == 0 ? FUNCTIONS.keySet().toArray(String[]::new) : logicals) {
            lambda.function(functionName(l)).logFormat = "JSON";
        }
        seedLogs();
        return this;
    }

    /** The function logs to a group of its own (LoggingConfig.LogGroup), not /aws/lambda/<name>. */
    public Deployment customLogGroup(String logical, String group) {
        lambda.function(functionName(logical)).logGroup = group;
        seedLogs();
        return this;
    }

    /** The group a function logs to: its LoggingConfig.LogGroup, or the default. */
    public String groupOf(String logical) {
        FakeLambda.Function f = lambda.function(functionName(logical));
        return f.logGroup != null ? f.logGroup : logGroup(logical);
    }

    // ---- knobs: each breaks one thing ----

    /**
     * The sha's tag was pushed again after the deploy (a rebuild of the same commit, a re-run
     * pipeline): ECR's tag now names a new digest, the functions still run the digest Lambda
     * pinned at deploy time.
     */
    public Deployment repushedTag() {
        ecr.repush(REPOSITORY, sha, "sha256:" + "3a".repeat(32), deployedAt.plus(Duration.ofHours(2)));
        return this;
    }

    /**
     * Nothing invoked any function since the deploy (a deploy on a quiet stage, checked at once): the
     * log groups hold only the day before it.
     */
    public Deployment notInvokedSinceTheDeploy() {
        invokedSinceTheDeploy = false;
        seedLogs();
        return this;
    }

    /** InitializeStateData never logged "🎯 [Day-Zero Sync]" after the deploy. */
    public Deployment missingDayZero() {
        dayZero = false;
        seedLogs();
        return this;
    }

    /** InitializeStateData's log shows Runtime.ImportModuleError and ModuleNotFoundError for USC after the deploy. */
    public Deployment importErrorInLogs() {
        importErrorInLogs = true;
        seedLogs();
        return this;
    }

    /** One InitializeStateData cold start after the deploy took {@code ms} (Init Duration). */
    public Deployment slowColdStart(int ms) {
        return slowColdStart("InitializeStateDataFunction", ms);
    }

    public Deployment slowColdStart(String logical, int ms) {
        slowColdStarts.put(logical, ms);
        seedLogs();
        return this;
    }

    /** Extra lines InitializeStateData logged first after the deploy (planted secrets, odd output). */
    public Deployment initLogLines(String... lines) {
        extraInitLines.addAll(List.of(lines));
        seedLogs();
        return this;
    }

    /** The functions still run the previous image: the deploy did not pick up the new tag. */
    public Deployment staleImage() {
        FUNCTIONS.keySet().forEach(l -> {
            lambda.function(functionName(l)).imageUri = imageUri(OLD_SHA);
            lambda.function(functionName(l)).resolvedDigest = OLD_DIGEST;
        });
        return this;
    }

    /** The functions run an image tagged with the right sha, but from another account's registry. */
    public Deployment imageFromAnotherRegistry() {
        FUNCTIONS.keySet().forEach(l -> lambda.function(functionName(l)).imageUri =
                "210987654321.dkr.ecr." + REGION + ".amazonaws.com/" + REPOSITORY + ":" + sha);
        return this;
    }

    /** The pipeline did not push the HEAD image to ECR. */
    public Deployment imageNotPushed() {
        ecr.delete(REPOSITORY, sha);
        return this;
    }

    /** DefinitionSubstitutions did not apply: ${InitializeStateDataArn} is still in the orchestrator. */
    public Deployment unsubstitutedDefinition() {
        FakeStepFunctions.StateMachine sm = sfn.byName("WorkflowOrchestrator-dev");
        sm.definition = sm.definition.replace(functionArn("InitializeStateDataFunction"), "${InitializeStateDataArn}");
        return this;
    }

    /** The orchestrator's Comment is another text (e.g. still v3.0, but not the one the document quotes). */
    public Deployment comment(String comment) {
        FakeStepFunctions.StateMachine sm = sfn.byName("WorkflowOrchestrator-dev");
        sm.definition = sm.definition.replace(COMMENT, comment);
        return this;
    }

    /** The orchestrator runs an older definition (v2 Comment). */
    public Deployment wrongComment() {
        FakeStepFunctions.StateMachine sm = sfn.byName("WorkflowOrchestrator-dev");
        sm.definition = sm.definition.replace(COMMENT, "Analemma OS v2.1 - Legacy Orchestrator");
        return this;
    }

    /**
     * The update failed and rolled back: UPDATE_ROLLBACK_COMPLETE, a FAILED event with the reason,
     * and (as after a real rollback) the functions back on the previous image.
     */
    public Deployment rolledBack() {
        stack.status = "UPDATE_ROLLBACK_COMPLETE";
        stack.events.clear();
        String fn = functionName("InitializeStateDataFunction");
        List<FakeCloudFormation.Resource> functions = stack.resources.stream()
                .filter(r -> r.type().equals("AWS::Lambda::Function") && !r.logicalId().equals("InitializeStateDataFunction")).toList();
        stack.events.add(event(STACK, stack.id, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", null, 130 + 2 * functions.size() + 20));
        stack.events.add(event(STACK, stack.id, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null,
                130 + 2 * functions.size() + 10));
        stack.events.add(event("InitializeStateDataFunction", fn, "AWS::Lambda::Function", "UPDATE_COMPLETE", null, 130 + 2 * functions.size()));
        // the rollback puts every function the update had changed back, one event pair each (newest first)
        for (int i = functions.size() - 1; i >= 0; i--) {
            FakeCloudFormation.Resource r = functions.get(i);
            stack.events.add(event(r.logicalId(), r.physicalId(), r.type(), "UPDATE_COMPLETE", null, 131 + 2 * i));
            stack.events.add(event(r.logicalId(), r.physicalId(), r.type(), "UPDATE_IN_PROGRESS", null, 130 + 2 * i));
        }
        stack.events.addAll(List.of(
                event(STACK, stack.id, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS",
                        "The following resource(s) failed to update: [InitializeStateDataFunction]. ", 120),
                event("InitializeStateDataFunction", fn, "AWS::Lambda::Function", "UPDATE_FAILED",
                        "Resource handler returned message: \"Source image " + imageUri(sha) + " does not exist. "
                                + "Provide a valid source image.\" (RequestToken: 5b7e, HandlerErrorCode: InvalidRequest)", 110),
                event("InitializeStateDataFunction", fn, "AWS::Lambda::Function", "UPDATE_IN_PROGRESS", null, 20),
                event(STACK, stack.id, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated", 0)));
        return staleImage();
    }

    /** The function's image lacks the USC module: invoking it fails with Runtime.ImportModuleError. */
    public Deployment importError(String logical) {
        lambda.function(functionName(logical)).handler = payload -> new FakeLambda.Invocation(
                "{\"errorMessage\":\"Unable to import module 'src.common.initialize_state_data': No module named "
                        + "'src.handlers.utils.universal_sync_core'\",\"errorType\":\"Runtime.ImportModuleError\",\"stackTrace\":[]}",
                "Unhandled", invokeLog("[ERROR] Runtime.ImportModuleError: No module named 'src.handlers.utils.universal_sync_core'"));
        return this;
    }

    /** The function answers a response of {@code bytes} bytes. */
    public Deployment responseSize(String logical, int bytes) {
        String pad = "x".repeat(Math.max(0, bytes - 30));
        lambda.function(functionName(logical)).handler = payload -> new FakeLambda.Invocation(
                "{\"statusCode\":200,\"body\":\"" + pad + "\"}", null, invokeLog("big answer"));
        return this;
    }

    // ---- facts for tests ----

    /** The image tag this deployment runs. */
    public String sha() {
        return sha;
    }

    public FakeLogs logs() {
        return logs;
    }

    public FakeAws aws() {
        return aws;
    }

    public java.net.URI endpoint() {
        return aws.endpoint();
    }

    /** Registers another service (FakeLogs) on the same endpoint. */
    public Deployment with(FakeService extra) {
        aws.register(extra);
        return this;
    }

    public FakeCloudFormation cloudFormation() {
        return cfn;
    }

    public FakeSts sts() {
        return sts;
    }

    public FakeEcr ecr() {
        return ecr;
    }

    public FakeStepFunctions stepFunctions() {
        return sfn;
    }

    public FakeLambda lambda() {
        return lambda;
    }

    /** The stack's LastUpdatedTime, what {@code since: deploy} means. */
    public Instant deployedAt() {
        return deployedAt;
    }

    public static String functionName(String logical) {
        return STACK + "-" + logical + "-" + FUNCTIONS.get(logical);
    }

    public static String functionArn(String logical) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName(logical);
    }

    public static String logGroup(String logical) {
        return "/aws/lambda/" + functionName(logical);
    }

    public static String stateMachineArn(String name) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
    }

    public static String imageUri(String tag) {
        return ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + REPOSITORY + ":" + tag;
    }

    @Override
    public void close() {
        aws.close();
    }

    private void putStateMachine(String logical, String name, String first, String second, String third) {
        String arn = stateMachineArn(name);
        ObjectNode def = FakeRequest.JSON.createObjectNode();
        def.put("Comment", COMMENT);
        def.put("StartAt", "InitializeStateBag");
        ObjectNode states = def.putObject("States");
        task(states, "InitializeStateBag", functionArn(first), "ExecuteSegment");
        task(states, "ExecuteSegment", functionArn(second), "SyncStateBag");
        task(states, "SyncStateBag", functionArn(third), "Done");
        states.putObject("Done").put("Type", "Succeed");
        FakeStepFunctions.StateMachine sm = new FakeStepFunctions.StateMachine(name, arn, def.toPrettyString());
        sm.roleArn = "arn:aws:iam::" + ACCOUNT + ":role/" + STACK + "-StepFunctionOrchestratorRole-1QW2E3R4T5Y6";
        sfn.put(sm);
        stack.resources.add(new FakeCloudFormation.Resource(logical, arn, "AWS::StepFunctions::StateMachine",
                "UPDATE_COMPLETE", null, deployedAt.plusSeconds(200)));
    }

    private static void task(ObjectNode states, String name, String functionArn, String next) {
        ObjectNode t = states.putObject(name);
        t.put("Type", "Task");
        t.put("Resource", "arn:aws:states:::lambda:invoke");
        ObjectNode p = t.putObject("Parameters");
        p.put("FunctionName", functionArn);
        p.put("Payload.$", "$");
        t.put("Next", next);
    }

    private FakeCloudFormation.Event event(String logical, String physical, String type, String status, String reason, int secondsAfterDeploy) {
        return new FakeCloudFormation.Event(logical, physical, type, status, reason, deployedAt.plusSeconds(secondsAfterDeploy));
    }

    private static String invokeLog(String line) {
        return "START RequestId: 8f5e Version: $LATEST\n" + line + "\nEND RequestId: 8f5e\n"
                + "REPORT RequestId: 8f5e\tDuration: 41.20 ms\tBilled Duration: 42 ms\tMemory Size: 1024 MB\tMax Memory Used: 180 MB\n";
    }
}

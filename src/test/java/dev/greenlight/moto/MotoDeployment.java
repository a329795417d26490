package dev.greenlight.moto;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.awsfake.LambdaLogFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.PackageType;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds moto_server, through the AWS SDK as a pipeline would, with the deployed v3.3 stack:
 * ECR images tagged with the commit's sha (and an older one), a CloudFormation stack created from a
 * template (the three container-image functions, both state machines with their definitions
 * substituted by CloudFormation, an execution role, and 120 queues so the stack holds more than 100
 * resources), and after the deploy the functions' logs — InitializeStateData and SegmentRunner in
 * Lambda's text format, StateDataManager in its JSON format.
 *
 * <p>Where moto 5.2.1 differs from the API references (the product follows the references; the
 * project's own endpoint covers each of these, and only this seed works around them):
 * <ul>
 *   <li>a CloudFormation {@code AWS::Lambda::Function} is created as a Zip function whatever its
 *       {@code PackageType} says: the seed re-creates each function by name through the Lambda API
 *       with {@code PackageType: Image}, which is what the template declared;</li>
 *   <li>DescribeStackResources answers every resource (AWS: the first 100), ListStackResources and
 *       DescribeStackEvents answer everything in one page, ListStackResources reports every
 *       resource CREATE_COMPLETE with a fixed 2011 timestamp;</li>
 *   <li>FilterLogEvents reads a pattern of several quoted terms as one term, and answers every event
 *       to a pattern starting with {@code ?} (an OR of terms);</li>
 *   <li>GetFunction has no {@code LoggingConfig}: every function logs to the default group in moto;</li>
 *   <li>{@code Code.ResolvedImageUri} names the ECR digest only with {@code MOTO_LAMBDA_STUB_ECR=false}
 *       (else a hash of the URI); the digest of a pushed image is a hash of its layer digests.</li>
 * </ul>
 */
final class MotoDeployment implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final String STACK = "backend-workflow-dev";
    static final String REPOSITORY = "backend-lambda-function";
    static final String SHA = "4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";
    static final String OLD_SHA = "0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b";
    static final List<String> FUNCTIONS = List.of("InitializeStateDataFunction", "StateDataManagerFunction", "SegmentRunnerFunction");
    private static final JsonMapper JSON = new JsonMapper();

    private final CloudFormationClient cfn;
    private final EcrClient ecr;
    private final LambdaClient lambda;
    private final CloudWatchLogsClient logs;
    final Map<String, String> physical = new LinkedHashMap<>();
    Instant deployedAt;

    MotoDeployment(URI endpoint) {
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSEED", "seed-secret"));
        cfn = CloudFormationClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds).build();
        ecr = EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds).build();
        lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds).build();
    }

    static String imageUri(String tag) {
        return ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + REPOSITORY + ":" + tag;
    }

    /** A build's manifest; moto derives the digest from its layers, so each build gets its own. */
    static String manifest(String build) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2).put("mediaType", "application/vnd.docker.distribution.manifest.v2+json");
        m.putObject("config").put("mediaType", "application/vnd.docker.container.image.v1+json").put("size", 7023)
                .put("digest", "sha256:" + sha256(build + "-config"));
        ArrayNode layers = m.putArray("layers");
        for (int i = 0; i < 3; i++) {
            layers.addObject().put("mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip").put("size", 30_000_000 + i)
                    .put("digest", "sha256:" + sha256(build + "-layer-" + i));
        }
        return m.toString();
    }

    void deploy() throws Exception {
        deploy(true);
    }

    /** @param invoked false: nothing ran since the deploy, the functions' log groups exist but are empty */
    void deploy(boolean invoked) throws Exception {
        ecr.createRepository(b -> b.repositoryName(REPOSITORY));
        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageTag(OLD_SHA).imageManifest(manifest("old")));
        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageTag(SHA).imageManifest(manifest("head")));
        cfn.createStack(b -> b.stackName(STACK).templateBody(template()).capabilities(Capability.CAPABILITY_IAM));
        for (StackResourceSummary r : cfn.listStackResourcesPaginator(b -> b.stackName(STACK)).stackResourceSummaries()) {
            physical.put(r.logicalResourceId(), r.physicalResourceId());
        }
        for (String logical : FUNCTIONS) {
            String name = physical.get(logical);
            String role = lambda.getFunction(b -> b.functionName(name)).configuration().role();
            lambda.deleteFunction(b -> b.functionName(name));
            lambda.createFunction(b -> b.functionName(name).role(role).packageType(PackageType.IMAGE)
                    .code(FunctionCode.builder().imageUri(imageUri(SHA)).build()).memorySize(2048).timeout(900));
        }
        var stack = cfn.describeStacks(b -> b.stackName(STACK)).stacks().get(0);
        deployedAt = stack.lastUpdatedTime() != null ? stack.lastUpdatedTime() : stack.creationTime();
        if (invoked) {
            seedLogs();
        } else {
            for (String logical : FUNCTIONS) {
                // the groups a deploy's LogGroup resources create: there, and empty
                logs.createLogGroup(b -> b.logGroupName("/aws/lambda/" + physical.get(logical)));
            }
        }
    }

    /** The sha's tag pushed again with a new build after the deploy. */
    void repushHeadTag() {
        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageTag(SHA).imageManifest(manifest("head-rebuilt")));
    }

    /** The sha's tag back on the build that was deployed. */
    void restoreHeadTag() {
        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageTag(SHA).imageManifest(manifest("head")));
    }

    private void seedLogs() throws InterruptedException {
        // everything after the deploy and before the run: the run's window ends when it starts
        long t0 = Math.max(deployedAt.toEpochMilli() + 1, System.currentTimeMillis() - 900);
        for (String logical : FUNCTIONS) {
            String group = "/aws/lambda/" + physical.get(logical);
            String stream = "2026/12/02/[$LATEST]" + sha256(logical).substring(0, 32);
            LambdaLogFormat f = logical.equals("StateDataManagerFunction") ? LambdaLogFormat.JSON : LambdaLogFormat.TEXT;
            List<InputLogEvent> events = new ArrayList<>();
            long t = t0;
            for (int i = 0; i < 4; i++) {
                String req = String.format("%08x-%04x-4a1b-9c2d-%012x", logical.hashCode() & 0xfffffff, i, 0x2000L + i);
                events.add(event(t, f.start(req, t)));
                if (logical.equals("InitializeStateDataFunction") && i == 0) {
                    events.add(event(t + 10, f.app("INFO", "🎯 [Day-Zero Sync] initialising StateBag for workflow wf-moto-0", req, t + 10)));
                }
                events.add(event(t + 20, f.app("INFO", "segment processed", req, t + 20)));
                events.add(event(t + 30, f.end(req, t + 30)));
                events.add(event(t + 31, f.report(req, 81.5 + i, i == 0 ? 812.5 + logical.length() : null, t + 31)));
                t += 100;
            }
            logs.createLogGroup(b -> b.logGroupName(group));
            logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(events));
        }
        long wait = t0 + 500 - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static InputLogEvent event(long t, String message) {
        return InputLogEvent.builder().timestamp(t).message(message).build();
    }

    /** The deployed stack's template: what `sam deploy` would have sent, reduced to what the checklist reads. */
    private static String template() {
        ObjectNode t = JSON.createObjectNode();
        t.put("AWSTemplateFormatVersion", "2010-09-09");
        ObjectNode res = t.putObject("Resources");
        ObjectNode role = res.putObject("BackendFunctionRole");
        role.put("Type", "AWS::IAM::Role");
        ObjectNode rp = role.putObject("Properties");
        rp.put("RoleName", STACK + "-BackendFunctionRole");
        rp.putObject("AssumeRolePolicyDocument").put("Version", "2012-10-17").putArray("Statement").addObject()
                .put("Effect", "Allow").put("Action", "sts:AssumeRole").putObject("Principal").put("Service", "lambda.amazonaws.com");
        String[] suffix = {"AbC123", "DeF456", "GhI789"};
        for (int i = 0; i < FUNCTIONS.size(); i++) {
            ObjectNode fn = res.putObject(FUNCTIONS.get(i));
            fn.put("Type", "AWS::Lambda::Function");
            ObjectNode p = fn.putObject("Properties");
            p.put("FunctionName", STACK + "-" + FUNCTIONS.get(i) + "-" + suffix[i]);
            p.put("PackageType", "Image");
            p.putObject("Code").put("ImageUri", imageUri(SHA));
            p.putObject("Role").putArray("Fn::GetAtt").add("BackendFunctionRole").add("Arn");
            p.put("MemorySize", 2048).put("Timeout", 900);
        }
        stateMachine(res, "StepFunctionOrchestrator", "WorkflowOrchestrator-dev",
                "Analemma OS v3.0 - Smart StateBag Orchestrator with Standardized Interfaces");
        stateMachine(res, "StepFunctionDistributedOrchestrator", "DistributedWorkflowOrchestrator-dev",
                "Analemma OS v3.0 - Distributed Map Orchestrator");
        for (int i = 0; i < 120; i++) {
            res.putObject(String.format("WorkflowShard%03dQueue", i)).put("Type", "AWS::SQS::Queue");
        }
        return t.toString();
    }

    /** DefinitionString through Fn::Sub: CloudFormation puts the functions' ARNs in, as DefinitionSubstitutions does. */
    private static void stateMachine(ObjectNode res, String logical, String name, String comment) {
        ObjectNode def = JSON.createObjectNode();
        def.put("Comment", comment);
        def.put("StartAt", "InitializeStateBag");
        ObjectNode states = def.putObject("States");
        task(states, "InitializeStateBag", "${InitializeStateDataArn}", "ExecuteSegment");
        task(states, "ExecuteSegment", "${SegmentRunnerArn}", "SyncStateBag");
        task(states, "SyncStateBag", "${StateDataManagerArn}", null);
        ObjectNode sm = res.putObject(logical);
        sm.put("Type", "AWS::StepFunctions::StateMachine");
        ObjectNode p = sm.putObject("Properties");
        p.put("StateMachineName", name);
        p.putObject("RoleArn").putArray("Fn::GetAtt").add("BackendFunctionRole").add("Arn");
        ArrayNode sub = p.putObject("DefinitionString").putArray("Fn::Sub");
        sub.add(def.toPrettyString());
        ObjectNode vars = sub.addObject();
        vars.putObject("InitializeStateDataArn").putArray("Fn::GetAtt").add("InitializeStateDataFunction").add("Arn");
        vars.putObject("SegmentRunnerArn").putArray("Fn::GetAtt").add("SegmentRunnerFunction").add("Arn");
        vars.putObject("StateDataManagerArn").putArray("Fn::GetAtt").add("StateDataManagerFunction").add("Arn");
    }

    private static void task(ObjectNode states, String name, String arn, String next) {
        ObjectNode s = states.putObject(name);
        s.put("Type", "Task").put("Resource", "arn:aws:states:::lambda:invoke");
        s.putObject("Parameters").put("FunctionName", arn).put("Payload.$", "$");
        if (next == null) {
            s.put("End", true);
        } else {
            s.put("Next", next);
        }
    }

    static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        cfn.close();
        ecr.close();
        lambda.close();
        logs.close();
    }
}

package dev.greenlight.awsfake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rest of a real SAM backend's stack, for {@link Deployment#atScale()}: 66 more container-image
 * functions (76 with the deployment's ten), each with what SAM generates beside it — an execution
 * role, a permission for its caller, and for the queue consumers an SQS queue, a dead-letter queue
 * and an event source mapping — plus alarms and explicit log groups. They come first in the
 * stack's resource list, so the resources the checklist names are all past the first 100, where
 * {@code DescribeStackResources} stops answering.
 */
final class RealisticStack {
    private static final String[] AREAS = {"Workflow", "Segment", "Callback", "Billing", "Tenant", "Skill", "Agent",
            "Prompt", "Mission", "Schedule", "Webhook"};
    private static final String[] VERBS = {"Create", "Get", "List", "Update", "Delete", "Dispatch"};

    private RealisticStack() {
    }

    static void fill(Deployment d, FakeCloudFormation.Stack stack) {
        Instant at = d.deployedAt().plusSeconds(45);
        List<FakeCloudFormation.Resource> front = new ArrayList<>();
        int n = 0;
        for (String area : AREAS) {
            for (String verb : VERBS) {
                String logical = verb + area + "Function";
                String physical = Deployment.STACK + "-" + logical + "-" + suffix(n);
                FakeLambda.Function f = new FakeLambda.Function(physical,
                        "arn:aws:lambda:" + Deployment.REGION + ":" + Deployment.ACCOUNT + ":function:" + physical);
                f.imageUri = Deployment.imageUri(d.sha());
                f.resolvedDigest = Deployment.DIGEST;
                d.lambda().put(f);
                front.add(resource(logical, physical, "AWS::Lambda::Function", at));
                if (n % 2 == 1) {
                    // the other half share a role, as SAM functions with a Role: property do
                    front.add(resource(logical + "Role", Deployment.STACK + "-" + logical + "Role-" + suffix(n + 500), "AWS::IAM::Role",
                            at.minusSeconds(30)));
                }
                if (n % 2 == 0) {
                    front.add(resource(logical + "ApiPermission", Deployment.STACK + "-" + logical + "ApiPermission-" + suffix(n + 900),
                            "AWS::Lambda::Permission", at.plusSeconds(5)));
                }
                if (verb.equals("Dispatch")) {
                    String queue = area + "Queue";
                    front.add(resource(queue, "https://sqs." + Deployment.REGION + ".amazonaws.com/" + Deployment.ACCOUNT + "/"
                            + Deployment.STACK + "-" + queue + "-" + suffix(n + 300), "AWS::SQS::Queue", at.minusSeconds(40)));
                    front.add(resource(area + "DeadLetterQueue", "https://sqs." + Deployment.REGION + ".amazonaws.com/" + Deployment.ACCOUNT
                            + "/" + Deployment.STACK + "-" + area + "DeadLetterQueue-" + suffix(n + 400), "AWS::SQS::Queue", at.minusSeconds(40)));
                    front.add(resource(logical + "SQSEvent", "5c1a" + suffix(n + 600).toLowerCase() + "-0b1c-4d2e-9f30-a1b2c3d4e5f6",
                            "AWS::Lambda::EventSourceMapping", at.plusSeconds(20)));
                    front.add(resource(area + "ErrorsAlarm", Deployment.STACK + "-" + area + "ErrorsAlarm-" + suffix(n + 700),
                            "AWS::CloudWatch::Alarm", at.plusSeconds(25)));
                    front.add(resource(area + "LogGroup", "/aws/lambda/" + physical, "AWS::Logs::LogGroup", at.minusSeconds(10)));
                }
                n++;
            }
        }
        stack.resources.addAll(0, front);
    }

    private static FakeCloudFormation.Resource resource(String logical, String physical, String type, Instant at) {
        return new FakeCloudFormation.Resource(logical, physical, type, "UPDATE_COMPLETE", null, at);
    }

    /** CloudFormation's random suffix: 12 upper-case letters and digits. */
    private static String suffix(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder();
        long x = 0x9E3779B97F4A7C15L * (n + 1);
        for (int i = 0; i < 12; i++) {
            b.append(alphabet.charAt((int) Math.floorMod(x >>> (i * 5), 36L)));
        }
        return b.toString();
    }
}

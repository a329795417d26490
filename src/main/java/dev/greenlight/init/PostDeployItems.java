package dev.greenlight.init;

import dev.greenlight.runners.local.SamCheckout;
import dev.greenlight.runners.local.SamWorkflows;

import java.util.ArrayList;
import java.util.List;

/**
 * Items read back from AWS after a deploy (read-only calls): the stack's status, each state
 * machine's deployed definition without a placeholder left, each image function on the image of
 * the checked-out commit, no errors in each function's logs since the deploy, and cold starts under
 * the limit the person sets in the variable {@code cold_start_max_ms}.
 */
final class PostDeployItems {
    /** Lines a Lambda runtime writes when an invocation fails, in any runtime's words. */
    static final String ERROR_PATTERN = "\\[ERROR\\]|ERROR\\s|Task timed out|Runtime\\.[A-Za-z]+Error|Runtime\\.HandlerNotFound"
            + "|Traceback \\(most recent call last\\)|Unhandled Promise Rejection|\"level\":\\s*\"ERROR\"";

    private PostDeployItems() {
    }

    static List<GenItem> of(SamCheckout co, SamCheckout.Template t, String prefix, String stackVar) {
        List<GenItem> out = new ArrayList<>();
        String stack = "${" + stackVar + "}";
        List<String> resources = new ArrayList<>();
        t.stateMachines().forEach(s -> resources.add(s.logicalId()));
        t.functions().forEach(f -> resources.add(f.logicalId()));
        out.add(new GenItem(prefix + "stack-status", "Stack " + stack + " and its state machines and functions are CREATE_COMPLETE or UPDATE_COMPLETE")
                .why("A deploy that rolled back leaves the previous version running; a resource in a FAILED state is not what the template says.")
                .check("cfn-stack").with("stack", stack).with("status-in", List.of("CREATE_COMPLETE", "UPDATE_COMPLETE"))
                .with("resources", resources)
                .symptoms("UPDATE_ROLLBACK|ROLLBACK_COMPLETE|UPDATE_FAILED|CREATE_FAILED")
                .fix("Recent stack events", "FAILED|ROLLBACK|status", "aws cloudformation describe-stack-events --stack-name " + stack
                        + " --region ${aws.region} --max-items 20"));
        for (SamCheckout.StateMachine sm : t.stateMachines()) {
            out.add(new GenItem(prefix + GenItem.slug(sm.logicalId()) + "-deployed-no-placeholders",
                    "No $${…} placeholder is left in " + sm.logicalId() + "'s deployed definition")
                    .why("A placeholder CloudFormation did not substitute is deployed as literal text; the state fails when it runs.")
                    .check("sfn-definition").with("logical-id", sm.logicalId()).with("stack", stack).with("no-placeholders", true)
                    .symptoms("Lambda function not found: \\$\\{\\w+\\}")
                    .fix("The deployed definition", "placeholder|\\$\\{", "aws stepfunctions describe-state-machine --state-machine-arn ${arn."
                            + sm.logicalId() + "} --region ${aws.region} --query definition --output text"));
        }
        for (SamCheckout.Function f : t.functions()) {
            String id = prefix + GenItem.slug(f.logicalId());
            if (f.image()) {
                SamWorkflows.ImageBuild build = f.dockerfile() == null ? FunctionItems.workflowBuild(co, t, f) : null;
                GenItem item;
                if (build != null && build.tagsCommitSha()) {
                    item = new GenItem(id + "-runs-commit-image", f.logicalId() + " runs the image of the checked-out commit")
                            .why("The workflow tags the image with the commit's sha; an older sha means the deploy did not update the code.")
                            .check("lambda-config").with("logical-id", f.logicalId()).with("stack", stack).with("package-type", "Image")
                            .with("image-tag", "${git.sha}");
                } else {
                    item = new GenItem(id + "-runs-commit-image", f.logicalId() + " runs a container image whose last update succeeded")
                            .why("sam build tags images with a content hash, not the commit, so the tag cannot name the commit; a failed"
                                    + " last update means the function still runs the previous image. Add image-tag: $${git.sha} when your"
                                    + " pipeline tags images with the commit.")
                            .check("lambda-config").with("logical-id", f.logicalId()).with("stack", stack).with("package-type", "Image")
                            .with("last-update-status", "Successful");
                }
                out.add(item.fix("The image the function runs", null, "aws lambda get-function --function-name ${stack." + f.logicalId()
                        + "} --region ${aws.region} --query Code.ImageUri --output text"));
            }
            out.add(new GenItem(id + "-no-errors-in-logs", "No errors in " + f.logicalId() + "'s logs since the deploy")
                    .why("Errors right after a deploy (an import error, a missing environment variable, a timeout) are the new version failing.")
                    .check("logs-pattern").with("logical-id", f.logicalId()).with("stack", stack).with("pattern", ERROR_PATTERN)
                    .with("since", "deploy").with("present", false)
                    .fix("The errors of the last hour", "ERROR|Error|present|found", "aws logs tail /aws/lambda/${stack." + f.logicalId()
                            + "} --region ${aws.region} --since 1h --filter-pattern '?ERROR ?Error ?Exception ?\"Task timed out\"'")
                    .logs(f.logicalId()));
            out.add(new GenItem(id + "-cold-start", f.logicalId() + "'s cold starts since the deploy take under ${cold_start_max_ms} ms")
                    .why("The limit is yours: set the variable cold_start_max_ms (--var cold_start_max_ms=1500). A slower cold start after a"
                            + " deploy usually means a bigger package or image, or less memory.")
                    .check("logs-cold-start").with("logical-id", f.logicalId()).with("stack", stack).with("since", "deploy")
                    .with("max-ms", "${cold_start_max_ms}")
                    .fix("The REPORT lines with an Init Duration", "cold|Init|over|exceed", "aws logs tail /aws/lambda/${stack." + f.logicalId()
                            + "} --region ${aws.region} --since 1h --filter-pattern '\"Init Duration\"'"));
        }
        return out;
    }
}

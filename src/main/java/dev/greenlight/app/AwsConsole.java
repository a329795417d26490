package dev.greenlight.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The AWS console page of a resource, from its ARN. */
public final class AwsConsole {
    private AwsConsole() {
    }

    /** A console URL, or null when {@code arn} is not an ARN. */
    public static String url(String arn, String regionHint) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] p = arn.split(":", 6);
        if (p.length < 6) {
            return null;
        }
        String partition = p[1];
        String service = p[2];
        String region = p[3].isEmpty() ? (regionHint == null ? "us-east-1" : regionHint) : p[3];
        String host = partition.equals("aws-cn") ? "console.amazonaws.cn"
                : partition.equals("aws-us-gov") ? "console.amazonaws-us-gov.com" : "console.aws.amazon.com";
        String base = "https://" + region + "." + host;
        String res = p[5];
        String enc = URLEncoder.encode(arn, StandardCharsets.UTF_8);
        switch (service) {
            case "lambda":
                if (res.startsWith("function:")) {
                    String name = res.substring("function:".length()).split(":")[0];
                    return base + "/lambda/home?region=" + region + "#/functions/" + name;
                }
                break;
            case "states":
                if (res.startsWith("stateMachine:")) {
                    return base + "/states/home?region=" + region + "#/statemachines/view/" + enc;
                }
                if (res.startsWith("execution:")) {
                    return base + "/states/home?region=" + region + "#/v2/executions/details/" + enc;
                }
                break;
            case "cloudformation":
                return base + "/cloudformation/home?region=" + region + "#/stacks/stackinfo?stackId=" + enc;
            case "logs":
                if (res.startsWith("log-group:")) {
                    String group = res.substring("log-group:".length()).replaceAll(":\\*$", "");
                    return base + "/cloudwatch/home?region=" + region + "#logsV2:log-groups/log-group/"
                            + URLEncoder.encode(group, StandardCharsets.UTF_8).replace("%", "$25");
                }
                break;
            default:
                break;
        }
        return "https://" + host + "/go/view?arn=" + enc;
    }
}

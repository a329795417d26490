package dev.greenlight.model;

/**
 * A CloudWatch log group to tail next to an item.
 *
 * @param group    a log group name, may hold ${vars}
 * @param function a CloudFormation logical id of a Lambda function; its /aws/lambda/ group is tailed
 * @param filter   a CloudWatch Logs filter pattern, or null
 */
public record LogSource(String group, String function, String filter) {
}

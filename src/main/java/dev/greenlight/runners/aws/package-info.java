/**
 * Runners that ask AWS (CloudFormation, Lambda, Step Functions, ECR, CloudWatch Logs, STS) through
 * one {@link dev.greenlight.runners.aws.AwsSession} per run, which counts and memoises the calls.
 */
package dev.greenlight.runners.aws;

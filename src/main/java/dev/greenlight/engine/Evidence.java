package dev.greenlight.engine;

/**
 * One piece of evidence behind a verdict.
 *
 * @param subject  what this is about ("DefinitionUri of StepFunctionOrchestrator", "lambda:GetFunction")
 * @param file     checkout-relative path for local evidence, null for AWS evidence
 * @param line     1-based line in {@code file}, or null
 * @param text     the matching line or the value seen (already redacted where secret)
 * @param resource an ARN or resource name for AWS evidence, or null
 * @param region   the AWS region for AWS evidence, or null
 */
public record Evidence(String subject, String file, Integer line, String text, String resource, String region) {

    public static Evidence at(String subject, String file, Integer line, String text) {
        return new Evidence(subject, file, line, text, null, null);
    }

    public static Evidence aws(String apiCall, String resource, String region, String text) {
        return new Evidence(apiCall, null, null, text, resource, region);
    }

    /** "file:line" or "file" or the resource; what a person reads as "where". */
    public String where() {
        if (file != null) {
            return line == null ? file : file + ":" + line;
        }
        if (resource != null) {
            return region == null ? resource : resource + " (" + region + ")";
        }
        return "";
    }
}

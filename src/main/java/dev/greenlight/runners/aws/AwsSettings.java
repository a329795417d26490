package dev.greenlight.runners.aws;

/**
 * Where AWS calls go. Null fields mean "the SDK's default chain decides".
 *
 * @param endpointUrl overrides every service endpoint (a local emulator); AWS_ENDPOINT_URL is read too
 */
public record AwsSettings(String profile, String region, String endpointUrl) {
    public static final AwsSettings DEFAULT = new AwsSettings(null, null, null);
}

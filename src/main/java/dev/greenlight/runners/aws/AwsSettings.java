package dev.greenlight.runners.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where AWS calls go and how long they may take. Null fields mean "the SDK's default chain decides".
 *
 * @param endpointUrl overrides every service endpoint (a local emulator); AWS_ENDPOINT_URL is read too
 * @param timeouts    per attempt, per call and between retries; {@link Timeouts#STANDARD} but in
 *                    tests of timeouts and throttling, which would otherwise wait 30 s a call
 */
public record AwsSettings(String profile, String region, String endpointUrl, Timeouts timeouts) {
    public static final AwsSettings DEFAULT = new AwsSettings(null, null, null);

    /** @param backoff a fixed delay between retries, or null for the SDK's standard back-off */
    public record Timeouts(Duration attempt, Duration call, Duration backoff) {
        public static final Timeouts STANDARD = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), null);
    }

    public AwsSettings(String profile, String region, String endpointUrl) {
        this(profile, region, endpointUrl, Timeouts.STANDARD);
    }

    public AwsSettings withTimeouts(Timeouts t) {
        return new AwsSettings(profile, region, endpointUrl, t);
    }

    /** The environment variables that, when set, mean the person asked for AWS. */
    static final String[] REQUESTING_ENV = {"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"};

    /**
     * What shows that the person asked for AWS in this run ("--profile prod", "AWS_REGION"), or empty
     * when nothing does. With a request, AWS that cannot be reached is an ERROR (a CI gate must not
     * go green because its deploy role broke); without one, AWS items SKIP and a local-only run exits 0.
     */
    public Optional<String> request() {
        return request(System::getenv);
    }

    /** {@link #request()} reading the environment through {@code env}. */
    Optional<String> request(Function<String, String> env) {
        if (!blank(profile)) {
            return Optional.of("--profile " + profile.strip());
        }
        if (!blank(region)) {
            return Optional.of("--region " + region.strip());
        }
        if (!blank(endpointUrl)) {
            return Optional.of("--endpoint-url " + endpointUrl.strip());
        }
        for (String name : REQUESTING_ENV) {
            if (!blank(env.apply(name))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

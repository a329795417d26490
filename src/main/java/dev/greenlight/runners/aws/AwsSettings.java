package dev.greenlight.runners.aws;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where AWS calls go. Null fields mean "the SDK's default chain decides".
 *
 * @param endpointUrl overrides every service endpoint (a local emulator); AWS_ENDPOINT_URL is read too
 */
public record AwsSettings(String profile, String region, String endpointUrl) {
    public static final AwsSettings DEFAULT = new AwsSettings(null, null, null);

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

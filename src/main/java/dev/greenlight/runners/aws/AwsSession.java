package dev.greenlight.runners.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The AWS side of one run: one HTTP connection pool and one client per service, created on first
 * use and shared by every item; answers memoised per run so each distinct resource is described
 * once however many items look at it; and a count of every API call made.
 *
 * <p>Credentials and region come from the SDK's standard chains (environment, profiles, SSO,
 * assume-role), or the given profile. The endpoint override (or AWS_ENDPOINT_URL) points every
 * client at a local emulator.
 */
public final class AwsSession implements AutoCloseable {
    private final AwsSettings settings;
    private final String request;
    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AtomicLong calls = new AtomicLong();
    private final Map<String, FutureTask<Object>> memo = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();
    private volatile java.util.Set<String> plannedLogicalIds = java.util.Set.of();

    private AwsSession(AwsSettings settings, String request, Region region, URI endpoint, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.request = request;
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(20))
                .maxConnections(32)
                .build();
    }

    /**
     * Builds a session, resolving the region now (it is needed for every message) but not the
     * credentials (so a run without AWS items never touches them).
     *
     * @throws AwsSetupException when no region can be found
     */
    public static AwsSession create(AwsSettings settings) throws AwsSetupException {
        return create(settings, onEc2());
    }

    /** @param onEc2 whether this machine is an EC2 instance, whose metadata service may know the region */
    static AwsSession create(AwsSettings settings, boolean onEc2) throws AwsSetupException {
        String request = settings.request().orElse(null);
        String profile = blankToNull(settings.profile());
        checkProfileExists(profile != null ? profile : namedProfile());
        Region region;
        if (blankToNull(settings.region()) != null) {
            region = Region.of(settings.region().strip());
        } else {
            try {
                region = regionProvider(profile, request == null && !onEc2).getRegion();
            } catch (RuntimeException e) {
                // not configured at all: AWS items SKIP; asked for (--profile, AWS_ENDPOINT_URL…) but unusable: ERROR
                throw new AwsSetupException("No AWS region is configured" + (request == null ? "" : " (AWS was asked for with "
                        + request + ")") + ": pass --region, set AWS_REGION, or set region in the "
                        + (profile == null ? "default" : "'" + profile + "'") + " profile of ~/.aws/config.", request == null);
            }
        }
        String endpointText = blankToNull(settings.endpointUrl());
        if (endpointText == null) {
            endpointText = blankToNull(System.getenv("AWS_ENDPOINT_URL"));
        }
        URI endpoint = null;
        if (endpointText != null) {
            try {
                endpoint = URI.create(endpointText);
                if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                    throw new IllegalArgumentException("needs a scheme and a host");
                }
            } catch (IllegalArgumentException e) {
                throw new AwsSetupException("The endpoint URL '" + endpointText + "' is not a valid URL (" + e.getMessage() + ").");
            }
        }
        AwsCredentialsProvider credentials = profile == null
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build();
        return new AwsSession(settings, request, region, endpoint, credentials);
    }

    /**
     * The SDK's region chain (settings, then the profile, then the EC2 instance metadata service),
     * without the metadata service when nothing asked for AWS and this is not an EC2 instance:
     * there the lookup only waits for its timeouts, 0.8 s of every run without AWS, to end in the
     * same "no region" SKIP.
     */
    private static AwsRegionProvider regionProvider(String profile, boolean withoutInstanceMetadata) {
        if (withoutInstanceMetadata) {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider());
        }
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        if (profile != null) {
            chain.profileName(profile);
        }
        return chain.build();
    }

    /**
     * Whether this is an EC2 instance, the way AWS documents telling: the DMI vendor of Nitro
     * instances is "Amazon EC2", the hypervisor UUID of Xen ones starts with "ec2". Containers on
     * ECS, EKS or Fargate and CodeBuild set AWS_REGION themselves.
     */
    static boolean onEc2() {
        return onEc2(Path.of("/sys/devices/virtual/dmi/id/sys_vendor"), Path.of("/sys/devices/virtual/dmi/id/board_vendor"),
                Path.of("/sys/hypervisor/uuid"));
    }

    static boolean onEc2(Path sysVendor, Path boardVendor, Path hypervisorUuid) {
        return firstLine(sysVendor).startsWith("Amazon EC2") || firstLine(boardVendor).startsWith("Amazon EC2")
                || firstLine(hypervisorUuid).toLowerCase(java.util.Locale.ROOT).startsWith("ec2");
    }

    private static String firstLine(Path p) {
        try {
            return Files.isReadable(p) ? Files.readString(p).strip() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The profile the SDK will use when one was named (aws.profile, AWS_PROFILE); null for its "default". */
    private static String namedProfile() {
        String property = blankToNull(System.getProperty(ProfileFileSystemSetting.AWS_PROFILE.property()));
        return property != null ? property : blankToNull(System.getenv(ProfileFileSystemSetting.AWS_PROFILE.environmentVariable()));
    }

    /**
     * A named profile that is in neither profile file cannot give credentials or a region; saying so
     * beats the SDK's "no credentials" ({@code --profile prod} with no [prod] anywhere).
     */
    private static void checkProfileExists(String profile) throws AwsSetupException {
        if (profile == null) {
            return;
        }
        ProfileFile profiles;
        try {
            profiles = ProfileFile.defaultProfileFile();
        } catch (RuntimeException e) {
            throw new AwsSetupException("The AWS profile files cannot be read (" + e.getMessage() + "), so profile '"
                    + profile + "' cannot be used.");
        }
        if (profiles.profile(profile).isEmpty()) {
            java.util.List<String> names = new java.util.ArrayList<>(new java.util.TreeSet<>(profiles.profiles().keySet()));
            throw new AwsSetupException("AWS profile '" + profile + "' is not defined in " + shortPath(ProfileFileLocation.configurationFilePath())
                    + " or " + shortPath(ProfileFileLocation.credentialsFilePath()) + "; profiles there: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ".");
        }
    }

    private static String shortPath(java.nio.file.Path p) {
        String home = System.getProperty("user.home");
        String text = p.toString();
        return home != null && !home.isEmpty() && text.startsWith(home + java.io.File.separator) ? "~" + text.substring(home.length()) : text;
    }

    /**
     * What showed that the person asked for AWS ("--region us-east-1", "AWS_PROFILE"), or null when
     * nothing did: missing credentials are then an ERROR instead of a SKIP.
     */
    public String request() {
        return request;
    }

    public AwsSettings settings() {
        return settings;
    }

    public Region region() {
        return region;
    }

    /** The endpoint override, or null when the real AWS endpoints are used. */
    public URI endpoint() {
        return endpoint;
    }

    public CloudFormationClient cfn() {
        return client(CloudFormationClient.class, () -> configure(CloudFormationClient.builder()).build());
    }

    public SfnClient sfn() {
        return client(SfnClient.class, () -> configure(SfnClient.builder()).build());
    }

    public LambdaClient lambda() {
        return client(LambdaClient.class, () -> configure(LambdaClient.builder()).build());
    }

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, () -> configure(CloudWatchLogsClient.builder()).build());
    }

    public EcrClient ecr() {
        return client(EcrClient.class, () -> configure(EcrClient.builder()).build());
    }

    public StsClient sts() {
        return client(StsClient.class, () -> configure(StsClient.builder()).build());
    }

    private <T> T client(Class<T> type, java.util.function.Supplier<T> factory) {
        return type.cast(clients.computeIfAbsent(type, k -> factory.get()));
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        AwsSettings.Timeouts t = settings.timeouts();
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallAttemptTimeout(t.attempt())
                .apiCallTimeout(t.call())
                .addExecutionInterceptor(new CallCounter());
        if (t.backoff() != null) {
            config.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .backoffStrategy(BackoffStrategy.fixedDelay(t.backoff()))
                    .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(t.backoff()))
                    .build());
        }
        builder.region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(config.build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /**
     * The logical ids the run's items name (see {@link StackResources}): with two or more a stack's
     * resources are listed page by page, else described one by one. Set before the run starts.
     */
    public void plan(java.util.Set<String> logicalIds) {
        this.plannedLogicalIds = java.util.Set.copyOf(logicalIds);
    }

    public java.util.Set<String> plannedLogicalIds() {
        return plannedLogicalIds;
    }

    /**
     * Computes a value once per run per key (e.g. "cfn:DescribeStackResources:backend-workflow-dev");
     * concurrent callers wait for the one call. Failures are memoised too: a denied call is not
     * retried by every item.
     */
    @SuppressWarnings("unchecked")
    public <T> T once(String key, Callable<T> call) throws Exception {
        FutureTask<Object> task = memo.computeIfAbsent(key, k -> new FutureTask<>(() -> call.call()));
        task.run();
        try {
            return (T) task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** API calls made so far (one per operation, not per retry), which the report lists beside the account. */
    public long totalCalls() {
        return calls.get();
    }

    @Override
    public void close() {
        clients.values().forEach(c -> {
            if (c instanceof AutoCloseable ac) {
                try {
                    ac.close();
                } catch (Exception ignored) {
                    // closing cannot change a verdict
                }
            }
        });
        clients.clear();
        http.close();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Counts one call per API operation (not per retry attempt). */
    private final class CallCounter implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.incrementAndGet();
        }
    }

    /** The session cannot be set up at all (no region, bad endpoint, an undefined profile). */
    public static final class AwsSetupException extends Exception {
        private final boolean notConfigured;

        /** A set-up failure that is an ERROR: something was configured, and it is wrong. */
        public AwsSetupException(String message) {
            this(message, false);
        }

        /** @param notConfigured AWS was simply not configured (items SKIP) rather than configured wrongly (ERROR) */
        public AwsSetupException(String message, boolean notConfigured) {
            super(message);
            this.notConfigured = notConfigured;
        }

        public boolean notConfigured() {
            return notConfigured;
        }
    }
}

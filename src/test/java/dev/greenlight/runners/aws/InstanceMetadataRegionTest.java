package dev.greenlight.runners.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the region comes from when nothing names one: the EC2 instance metadata service, asked only
 * on an EC2 instance. A local HTTP server on 127.0.0.1 plays the metadata service (IMDSv2: a token
 * by PUT, then the instance identity document), reached through the SDK's own endpoint setting.
 */
class InstanceMetadataRegionTest {
    private static final String[] PROPERTIES = {"aws.ec2MetadataServiceEndpoint", "aws.configFile",
            "aws.sharedCredentialsFile", "aws.region", "aws.disableEc2Metadata"};

    @TempDir
    Path tmp;
    private HttpServer imds;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Map<String, String> saved = new java.util.HashMap<>();

    @BeforeEach
    void start() throws Exception {
        for (String name : AwsSettings.REQUESTING_ENV) {
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(name) == null, name + " is set on this machine");
        }
        imds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        imds.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(exchange.getRequestMethod() + " " + path);
            String body = switch (path) {
                case "/latest/api/token" -> "token-1";
                case "/latest/dynamic/instance-identity/document" -> "{\"region\":\"eu-west-3\",\"instanceId\":\"i-0abc\"}";
                case "/latest/meta-data/placement/region" -> "eu-west-3";
                default -> null;
            };
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        imds.start();
        for (String p : PROPERTIES) {
            saved.put(p, System.getProperty(p));
        }
        System.setProperty("aws.ec2MetadataServiceEndpoint", "http://127.0.0.1:" + imds.getAddress().getPort());
        // empty profile files: no region there
        System.setProperty("aws.configFile", Files.writeString(tmp.resolve("config"), "").toString());
        System.setProperty("aws.sharedCredentialsFile", Files.writeString(tmp.resolve("credentials"), "").toString());
        System.clearProperty("aws.region");
        System.clearProperty("aws.disableEc2Metadata");
    }

    @AfterEach
    void stop() {
        if (imds != null) {
            imds.stop(0);
        }
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void offAnEc2InstanceAnUnconfiguredRunDoesNotWaitForTheMetadataServiceAndItsAwsItemsSkip() {
        assertThatThrownBy(() -> AwsSession.create(AwsSettings.DEFAULT, false))
                .isInstanceOfSatisfying(AwsSession.AwsSetupException.class, e -> {
                    assertThat(e.notConfigured()).as("SKIP, not ERROR").isTrue();
                    assertThat(e.getMessage()).startsWith("No AWS region is configured: pass --region, set AWS_REGION");
                });
        assertThat(asked).as("requests to the metadata service").isEmpty();
    }

    @Test
    void onAnEc2InstanceTheRegionComesFromItsMetadataService() throws Exception {
        try (AwsSession s = AwsSession.create(AwsSettings.DEFAULT, true)) {
            assertThat(s.region().id()).isEqualTo("eu-west-3");
        }
        assertThat(asked).contains("PUT /latest/api/token");
    }

    @Test
    void anEc2InstanceIsToldByItsDmiVendorOrItsXenHypervisorUuid() throws Exception {
        Path none = tmp.resolve("absent");
        Path nitro = Files.writeString(tmp.resolve("sys_vendor"), "Amazon EC2\n");
        Path qemu = Files.writeString(tmp.resolve("qemu_vendor"), "QEMU\n");
        Path xen = Files.writeString(tmp.resolve("uuid"), "EC2E1916-9099-7CAF-FD21-012345ABCDEF\n");
        Path otherXen = Files.writeString(tmp.resolve("uuid2"), "2d4a4e38-1f3f-4b8a-9b1c-0a7f3c2e9d10\n");
        assertThat(AwsSession.onEc2(nitro, none, none)).isTrue();
        assertThat(AwsSession.onEc2(none, nitro, none)).isTrue();
        assertThat(AwsSession.onEc2(none, none, xen)).isTrue();
        assertThat(AwsSession.onEc2(qemu, qemu, otherXen)).isFalse();
        assertThat(AwsSession.onEc2(none, none, none)).isFalse();
    }
}

package dev.greenlight.ui.context;

import software.amazon.awssdk.profiles.ProfileFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The profile names in {@code ~/.aws/config} (or {@code AWS_CONFIG_FILE}): what the picker offers.
 * Read by the SDK's own parser, so the picker lists exactly the profiles a run can use.
 */
public final class AwsProfiles {
    private AwsProfiles() {
    }

    public static Path configFile(Map<String, String> env) {
        String f = env.get("AWS_CONFIG_FILE");
        return f != null && !f.isBlank() ? Path.of(f) : Path.of(System.getProperty("user.home"), ".aws", "config");
    }

    /** Names in file order; sso-session and services sections are not profiles. */
    public static List<String> parse(String config) {
        return parse(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> parse(InputStream config) {
        return List.copyOf(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build()
                .profiles().keySet());
    }

    /** No profiles when the file is missing or is not a config file the SDK can read. */
    public static List<String> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}

package dev.greenlight.ui.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The profile names in {@code ~/.aws/config} (or {@code AWS_CONFIG_FILE}): what the picker offers. */
public final class AwsProfiles {
    private AwsProfiles() {
    }

    public static Path configFile(Map<String, String> env) {
        String f = env.get("AWS_CONFIG_FILE");
        return f != null && !f.isBlank() ? Path.of(f) : Path.of(System.getProperty("user.home"), ".aws", "config");
    }

    /** Names in file order: "[default]" is "default", "[profile x]" is "x"; sso-session and services sections are not profiles. */
    public static List<String> parse(String config) {
        List<String> out = new ArrayList<>();
        for (String raw : config.lines().toList()) {
            String line = raw.strip();
            if (!line.startsWith("[") || !line.endsWith("]")) {
                continue;
            }
            String name = line.substring(1, line.length() - 1).strip();
            String profile = null;
            if (name.equals("default")) {
                profile = "default";
            } else if (name.startsWith("profile ")) {
                profile = name.substring("profile ".length()).strip();
            }
            if (profile != null && !profile.isEmpty() && !out.contains(profile)) {
                out.add(profile);
            }
        }
        return out;
    }

    public static List<String> read(Path file) {
        try {
            return Files.exists(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}

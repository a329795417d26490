package dev.greenlight.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and commit this build was made from (the resource the build writes), in the engine so
 * that reports, which sit below the wiring, can name the tool that wrote them.
 */
public final class BuildInfo {
    private static final Properties BUILD = load();

    private BuildInfo() {
    }

    public static String version() {
        return BUILD.getProperty("version", "dev");
    }

    public static String sha() {
        return BUILD.getProperty("sha", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/greenlight-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // version stays "dev"
        }
        return p;
    }
}

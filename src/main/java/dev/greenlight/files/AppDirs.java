package dev.greenlight.files;

import java.nio.file.Path;

/**
 * Where Greenlight keeps its files, following the XDG base directories on Linux and the usual
 * places elsewhere. {@code GREENLIGHT_HOME} puts everything under one folder (tests, portable use).
 */
public final class AppDirs {
    private AppDirs() {
    }

    public static Path config() {
        return base("XDG_CONFIG_HOME", ".config").resolve("greenlight");
    }

    public static Path data() {
        return base("XDG_DATA_HOME", ".local/share").resolve("greenlight");
    }

    private static Path base(String xdgVariable, String fallback) {
        String home = System.getProperty("greenlight.home", System.getenv("GREENLIGHT_HOME"));
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String xdg = System.getenv(xdgVariable);
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        String os = System.getProperty("os.name", "").toLowerCase();
        Path userHome = Path.of(System.getProperty("user.home"));
        if (os.contains("mac")) {
            return userHome.resolve("Library/Application Support");
        }
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return appData != null ? Path.of(appData) : userHome.resolve("AppData/Roaming");
        }
        return userHome.resolve(fallback);
    }
}

package dev.greenlight.store;

import dev.greenlight.files.AppDirs;

import java.util.function.Function;

/**
 * How many runs the history keeps per checklist, and after how many consecutive green complete runs
 * a watching item is suggested for gating. Each is, first found: a command-line option (given by the
 * caller), the environment ({@code GREENLIGHT_HISTORY_KEEP}, {@code GREENLIGHT_PROMOTE_AFTER}), the
 * settings file ({@code historyKeep}, {@code promoteAfter}), the default.
 */
public final class HistoryLimits {
    public static final int DEFAULT_KEEP = 200;
    public static final int DEFAULT_PROMOTE_AFTER = 5;
    public static final String KEEP_ENV = "GREENLIGHT_HISTORY_KEEP";
    public static final String PROMOTE_ENV = "GREENLIGHT_PROMOTE_AFTER";

    private HistoryLimits() {
    }

    public static int keep() {
        return resolve(KEEP_ENV, AppSettings::historyKeep, DEFAULT_KEEP);
    }

    public static int promoteAfter() {
        return resolve(PROMOTE_ENV, AppSettings::promoteAfter, DEFAULT_PROMOTE_AFTER);
    }

    private static int resolve(String env, Function<AppSettings, Integer> setting, int fallback) {
        String e = System.getenv(env);
        if (e != null && !e.isBlank()) {
            try {
                int v = Integer.parseInt(e.strip());
                if (v >= 1) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // a bad value is ignored as if unset; the setting or default applies
            }
        }
        try {
            Integer v = setting.apply(AppSettings.load(AppDirs.config()));
            if (v != null && v >= 1) {
                return v;
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // an unreadable settings file changes nothing here; the app says so when it loads it
        }
        return fallback;
    }
}

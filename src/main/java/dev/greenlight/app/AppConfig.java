package dev.greenlight.app;

import dev.greenlight.wiring.Greenlight;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.runners.aws.AwsSettings;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * What the main window starts with. The app builds it from settings and the command line; tests
 * build it with a temporary checkout, their own log tails and a confirmation that says yes.
 *
 * @param checklist       "bundled:ID" or a file path; null for the last used (or the bundled one)
 * @param checkout        null for the repository the app was started in, else the last used (or the sample checkout)
 * @param logTails        makes a tail factory for the AWS settings; returns null when tails are unavailable
 * @param confirm         asks the person before a local command runs; null shows a dialog
 * @param registry        the runners; null for Greenlight's standard ones
 */
public record AppConfig(String checklist, Path checkout, Function<AwsSettings, LogTailFactory> logTails,
                        String logTailsUnavailable, Confirmer confirm, RunnerRegistry registry) {

    /** Asks once before something runs. */
    @FunctionalInterface
    public interface Confirmer {
        boolean confirm(String title, String message);
    }

    public static AppConfig defaults() {
        return new AppConfig(null, null, new AwsTails(), "Live log tails are not available.", null, null);
    }

    public RunnerRegistry runners() {
        return registry == null ? Greenlight.registry() : registry;
    }
}

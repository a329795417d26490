package dev.greenlight.app;

import dev.greenlight.files.AppDirs;
import dev.greenlight.store.AppSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The app's settings as the window changes them: each change is written to the config folder in
 * the background; a failed write is told in one sentence (the settings still apply until the app closes).
 */
final class SettingsKeeper {
    private final ExecutorService background;
    private final Consumer<String> tell;
    private volatile AppSettings settings = AppSettings.defaults();

    SettingsKeeper(ExecutorService background, Consumer<String> tell) {
        this.background = background;
        this.tell = tell;
    }

    AppSettings current() {
        return settings;
    }

    /** The settings just read from disk; not written back. */
    void loaded(AppSettings s) {
        settings = s;
    }

    /** Changes the settings and saves them. */
    void update(UnaryOperator<AppSettings> change) {
        settings = change.apply(settings);
        save();
    }

    private void save() {
        AppSettings s = settings;
        if (background.isShutdown()) {
            return;
        }
        BackgroundTask.run(() -> {
                    try {
                        s.save(AppDirs.config());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .onFailure(e -> tell.accept("Your settings could not be saved to " + AppDirs.config()
                        + " (" + Plain.firstLine(e.getCause() == null ? e : e.getCause()) + "); they apply until Greenlight closes."))
                .executeWith(background);
    }
}

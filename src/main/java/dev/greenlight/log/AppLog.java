package dev.greenlight.log;

import dev.greenlight.files.AppDirs;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The app's and the CLI's own log: {@code AppDirs.data()/logs/greenlight.log}, 1 MB × 3 files,
 * every line through {@link RedactingFormatter}. Everything goes through {@code java.util.logging}
 * (the AWS SDK too, via slf4j-jdk14); the SDK and its HTTP client log only WARNING and above, so
 * request dumps with headers never reach the file. Nothing is logged to stdout or the console:
 * the CLI's streams carry its report and messages only.
 */
public final class AppLog {
    public static final String FILE = "greenlight.log";
    static final long LIMIT = 1024 * 1024;
    static final int COUNT = 3;
    /** JUL keeps loggers weakly; holding them keeps their levels set. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("software.amazon.awssdk"),
            Logger.getLogger("org.apache.http"), Logger.getLogger("io.netty"));
    private static LogFileHandler installed;

    private AppLog() {
    }

    /** Where the current log file is. */
    public static Path file() {
        return AppDirs.data().resolve("logs").resolve(FILE);
    }

    /** Logs to {@link #file()}; again after the data directory changed (tests), otherwise once. */
    public static synchronized void install() {
        install(file());
    }

    static synchronized void install(Path file) {
        if (installed != null && installed.file().equals(file)) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler || h == installed) {
                root.removeHandler(h);
                h.close();
            }
        }
        LogFileHandler h = new LogFileHandler(file, LIMIT, COUNT);
        h.setFormatter(new RedactingFormatter());
        h.setLevel(Level.INFO);
        root.addHandler(h);
        root.setLevel(Level.INFO);
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        installed = h;
    }
}

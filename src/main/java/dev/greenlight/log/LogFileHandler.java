package dev.greenlight.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Appends to {@code greenlight.log}, and when it would pass {@code limit} bytes moves it to
 * {@code greenlight.1.log} (that one to {@code .2.}, up to {@code count - 1} old files) and starts
 * a new one. The file is opened on the first record, so a command that logs nothing creates
 * nothing. Each record is flushed as written: the log is for after a crash.
 *
 * <p>Not {@code java.util.logging.FileHandler}: that one names the current file with a generation
 * number and, when the app and a CLI run log at once, gives the second a differently named file;
 * here both append whole records to the same file (O_APPEND), and a rotation by one leaves the
 * other writing to the moved file until it next rotates, which loses nothing.
 */
final class LogFileHandler extends Handler {
    private final Path file;
    private final long limit;
    private final int count;
    private OutputStream out;
    private long size;

    LogFileHandler(Path file, long limit, int count) {
        this.file = file;
        this.limit = limit;
        this.count = count;
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] bytes;
        try {
            bytes = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError("could not format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        try {
            if (out != null && size > 0 && size + bytes.length > limit) {
                rotate();
            }
            if (out == null) {
                open();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException | RuntimeException e) {
            // logging must never break the app or a run; the ErrorManager says it once on stderr
            reportError("could not write " + file, e, ErrorManager.WRITE_FAILURE);
            closeQuietly();
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        closeQuietly();
        for (int i = count - 1; i >= 1; i--) {
            Path from = i == 1 ? file : generation(i - 1);
            if (Files.exists(from)) {
                Files.move(from, generation(i), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        size = 0;
    }

    Path generation(int i) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot < 0 ? name + "." + i : name.substring(0, dot) + "." + i + name.substring(dot));
    }

    @Override
    public synchronized void flush() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            reportError("could not flush " + file, e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing left to save
            }
            out = null;
        }
    }
}

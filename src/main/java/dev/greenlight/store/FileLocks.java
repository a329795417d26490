package dev.greenlight.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-modify-write of a file between threads and between processes (two app windows,
 * the app and a CLI run) with an OS lock on a lock file beside it. The OS drops the lock when the
 * holder dies, even by SIGKILL, so a crashed process never leaves the data locked; the lock file
 * itself stays (empty) and is harmless.
 *
 * <p>The in-process lock comes first: POSIX record locks belong to the process, so a second channel
 * on the same lock file in this JVM would neither wait nor keep the lock when closed.
 */
final class FileLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException;
    }

    private FileLocks() {
    }

    static <T> T withLock(Path lockFile, Body<T> body) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(key.getParent());
            try (FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return body.run();
            }
        } finally {
            local.unlock();
        }
    }
}

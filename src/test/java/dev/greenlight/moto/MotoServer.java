package dev.greenlight.moto;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code moto_server} (moto 5.x, a third-party AWS emulator) on a free port of 127.0.0.1 for one
 * test class: found on the PATH, at {@code $MOTO_SERVER}, or where pyenv puts it; started with
 * {@code MOTO_LAMBDA_STUB_ECR=false} so Lambda resolves an image tag to the digest ECR holds, as
 * Lambda does at deploy time. Stopped by its own process handle.
 */
final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Where moto_server is, if anywhere. */
    static Optional<Path> binary() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("MOTO_SERVER");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(dir, "moto_server"));
            }
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server"));
        candidates.add(Path.of("/root/.pyenv/shims/moto_server"));
        candidates.add(Path.of("/usr/local/bin/moto_server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    static MotoServer start(Path binary, Path logDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = logDir.resolve("moto_server.log");
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MOTO_LAMBDA_STUB_ECR", "false");
        Process p = pb.start();
        MotoServer server = new MotoServer(p, port, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IOException("moto_server exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IOException("moto_server did not listen on " + port + " within 60 s: " + Files.readString(log));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

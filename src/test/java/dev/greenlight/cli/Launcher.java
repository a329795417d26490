package dev.greenlight.cli;

import dev.greenlight.Main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real launcher in a JVM of its own, for what a JVM cannot change in itself: the directory it
 * was started in and its environment. Output goes through files, so a long report cannot fill a pipe.
 */
final class Launcher {
    record Outcome(int code, String out, String err) {
    }

    private Launcher() {
    }

    static Outcome run(Path start, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        String home = System.getProperty("greenlight.home");
        if (home != null) {
            cmd.add("-Dgreenlight.home=" + home); // the sample checkout and history stay where the other tests keep theirs
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("greenlight-out-", ".txt");
        Path err = Files.createTempFile("greenlight-err-", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(start.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            int code = p.waitFor();
            return new Outcome(code, Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

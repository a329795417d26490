package dev.greenlight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.report.GoNoGoRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Recomputes the SHA-256 of a JSON go/no-go record and compares it with the one it carries. */
@Command(name = "verify-record", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = {"Check that a JSON go/no-go record is unaltered.",
        "Exit code: 0 the hash matches, 1 the record was changed, 2 the file cannot be read as a record."})
final class VerifyRecordCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.json", description = "A record written by 'greenlight run --record FILE.json'.")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode tree;
        try {
            tree = JsonMapper.builder().build().readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            err.println("greenlight: " + file + " is not valid JSON: " + e.getOriginalMessage());
            return GreenlightCommand.ERROR;
        } catch (IOException e) {
            err.println("greenlight: cannot read " + file + ": " + readProblem(e));
            return GreenlightCommand.ERROR;
        }
        GoNoGoRecord.Verification v;
        try {
            v = GoNoGoRecord.verify(tree);
        } catch (IllegalArgumentException e) {
            err.println("greenlight: " + file + ": " + e.getMessage());
            return GreenlightCommand.ERROR;
        }
        if (v.ok()) {
            out.println("OK: " + file + " is unaltered (" + tree.path("decision").asText() + ", sha256 " + v.computed() + ")");
            return GreenlightCommand.OK;
        }
        out.println("TAMPERED: " + file + " was changed after it was written");
        out.println("  recorded sha256: " + v.stored());
        out.println("  content sha256:  " + v.computed());
        return GreenlightCommand.FAILED;
    }

    /** Why a read failed, in words: for a missing file the JDK's message is only the path again. */
    static String readProblem(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

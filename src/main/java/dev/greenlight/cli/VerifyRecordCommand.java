package dev.greenlight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.json.Json;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.report.RecordCheck;
import dev.greenlight.report.RecordFiles;
import dev.greenlight.report.SigningKeys;
import dev.greenlight.report.SshSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Checks a JSON go/no-go record: its hash, its decision derived again from its own items and
 * sign-offs ({@link RecordCheck}), and, when it is signed, the SSH signature beside it and who made it.
 */
@Command(name = "verify-record", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = {"Check a JSON go/no-go record: its SHA-256, that its decision follows from its items, and its SSH"
                + " signature (FILE.sig) against an allowed_signers file.",
        "Exit code: 0 the record holds, 1 it was changed, disagrees with itself or its signature or signer does not check"
                + " out, 2 the file cannot be read as a record (or ssh-keygen is missing)."})
final class VerifyRecordCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.json", description = "A record written by 'greenlight run --record FILE.json'.")
    Path file;

    @Option(names = "--allowed-signers", paramLabel = "FILE", description = "Who may sign records, in ssh-keygen's"
            + " allowed_signers format (default: git's gpg.ssh.allowedSignersFile). Makes a signature required.")
    Path allowedSigners;

    @Option(names = "--signature", paramLabel = "FILE.sig", description = "The signature (default: FILE.json.sig).")
    Path signature;

    @Option(names = "--require-signature", description = "Reject an unsigned record.")
    boolean requireSignature;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes;
        JsonNode tree;
        try {
            bytes = Files.readAllBytes(file);
            tree = Json.COMPACT.readTree(bytes);
        } catch (JsonProcessingException e) {
            err.println("greenlight: " + file + " is not valid JSON: " + e.getOriginalMessage());
            return GreenlightCommand.ERROR;
        } catch (IOException e) {
            err.println("greenlight: cannot read " + file + ": " + readProblem(e));
            return GreenlightCommand.ERROR;
        }
        GoNoGoRecord.Verification v;
        List<String> problems;
        try {
            v = GoNoGoRecord.verify(tree);
            problems = RecordCheck.problems(tree);
        } catch (IllegalArgumentException e) {
            err.println("greenlight: " + file + ": " + e.getMessage());
            return GreenlightCommand.ERROR;
        }
        if (!v.ok()) {
            out.println("TAMPERED: " + file + " was changed after it was written");
            out.println("  recorded sha256: " + v.stored());
            out.println("  content sha256:  " + v.computed());
            return GreenlightCommand.FAILED;
        }
        if (!problems.isEmpty()) {
            out.println("REJECTED: " + file + " does not hold together (its hash matches, so it was written or"
                    + " re-hashed this way):");
            problems.forEach(p -> out.println("  - " + p));
            return GreenlightCommand.FAILED;
        }
        String decision = tree.path("decision").asText();
        boolean signed = tree.path("signer").isObject();
        Path sig = signature != null ? signature : RecordFiles.signatureOf(file);
        Path allowed = allowedSigners != null ? allowedSigners : SigningKeys.gitAllowedSigners(Path.of("."));
        if (!signed) {
            if (requireSignature || allowedSigners != null) {
                out.println("UNSIGNED: " + file + " carries no signature, and one is required");
                return GreenlightCommand.FAILED;
            }
            out.println("OK (unsigned): " + file + " is consistent and its hash matches (" + decision + ", sha256 "
                    + v.computed() + ")");
            out.println("  " + GoNoGoRecord.UNSIGNED);
            return GreenlightCommand.OK;
        }
        String claimed = tree.path("signer").path("principal").asText();
        if (!Files.isRegularFile(sig)) {
            out.println("UNSIGNED: " + file + " says it was signed by " + claimed + ", but " + sig + " is missing");
            return GreenlightCommand.FAILED;
        }
        SshSigner ssh = new SshSigner();
        try {
            if (allowed == null) {
                SshSigner.Outcome o = ssh.checkWithoutSigners(bytes, sig);
                if (!o.good()) {
                    out.println("BAD SIGNATURE: " + sig + " does not match " + file + " (" + o.message() + ")");
                    return GreenlightCommand.FAILED;
                }
                out.println("SIGNER NOT CHECKED: the signature matches " + file + ", but nothing says " + claimed
                        + " may sign records; give --allowed-signers FILE (or set git's gpg.ssh.allowedSignersFile)");
                return GreenlightCommand.FAILED;
            }
            SshSigner.Outcome o = ssh.verify(bytes, sig, allowed);
            if (!o.good()) {
                out.println("BAD SIGNATURE: " + file + ": " + o.message());
                return GreenlightCommand.FAILED;
            }
            if (!o.principals().contains(claimed)) {
                out.println("WRONG SIGNER: " + file + " says it was signed by " + claimed + ", but the key belongs to "
                        + String.join(", ", o.principals()) + " in " + allowed);
                return GreenlightCommand.FAILED;
            }
            out.println("OK: " + file + " is signed by " + claimed + " (" + o.message() + "), consistent, unaltered ("
                    + decision + ", sha256 " + v.computed() + ")");
            return GreenlightCommand.OK;
        } catch (SshSigner.SigningException e) {
            err.println("greenlight: cannot check the signature: " + e.getMessage());
            return GreenlightCommand.ERROR;
        }
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

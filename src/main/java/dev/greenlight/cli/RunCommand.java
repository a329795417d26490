package dev.greenlight.cli;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.report.GithubAnnotations;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.report.RecordFiles;
import dev.greenlight.report.RecordWriter;
import dev.greenlight.report.ReportWriter;
import dev.greenlight.report.SigningKeys;
import dev.greenlight.report.SshSigner;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.signoff.SignOffBasis;
import dev.greenlight.signoff.SignOffPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** Runs a checklist headless and writes a report; the exit code gates a deploy. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = {"Run a checklist against a checkout (and AWS) and report.",
        "Exit code: 0 nothing blocks, 1 a FAIL or a blocking NO DATA, 2 an ERROR or bad input.",
        "Only gating items count: an item with gate: false is run and reported but never changes the exit code."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    RunSetup setup;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Run only these items or sections.")
    List<String> only = List.of();

    @Option(names = "--format", defaultValue = "text", description = "text, json, junit, md, html or sarif (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Also write the go/no-go record (with a SHA-256 over it) to FILE: .md, .html or .json.")
    Path record;

    @Option(names = "--sign-off", paramLabel = "ITEM=NOTE",
            description = "Sign off a MANUAL or SKIP item in the record as the current user, with a note of what you"
                    + " checked (it becomes DONE); repeatable.")
    Map<String, String> signOffs = new LinkedHashMap<>();

    @Option(names = "--sign", description = "Sign the record with an SSH key (SSHSIG, as git signs commits): --sign-key,"
            + " else git's user.signingkey when gpg.format=ssh, else a key Greenlight makes once; writes FILE.sig.")
    boolean sign;

    @Option(names = "--sign-key", paramLabel = "KEY", description = "The SSH key to sign the record with (a private key,"
            + " or a .pub whose private key ssh-agent holds); implies --sign.")
    Path signKey;

    @Option(names = "--signer", paramLabel = "PRINCIPAL", description = "Who signs, as named in allowed_signers"
            + " (default: git's user.email).")
    String signer;

    @Option(names = "--require", split = ",", paramLabel = "HALF", description = "What the record's GO must rest on, beyond"
            + " the checklist's 'requires': post-deploy makes a run that checked no AWS item NO-GO instead of"
            + " 'GO (local only …)'.")
    List<String> require = List.of();

    @Option(names = "--keep-runs", paramLabel = "N", description = "Keep the last N runs of this checklist in the history;"
            + " older ones are deleted when this run is saved (default: $GREENLIGHT_HISTORY_KEEP, else historyKeep in"
            + " settings.json, else 200).")
    Integer keepRuns;

    @Option(names = "--no-history", description = "Do not keep this run in the run history (kept by default).")
    boolean noHistory;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return runAndReport();
    }

    private Integer runAndReport() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ReportWriter writer;
        try {
            writer = ReportWriter.forFormat(format, out == null && Terminal.colour());
        } catch (IllegalArgumentException e) {
            err.println("greenlight: " + e.getMessage());
            return GreenlightCommand.ERROR;
        }
        RecordWriter recordWriter = null;
        if (record != null) {
            try {
                recordWriter = RecordWriter.forFile(record);
            } catch (IllegalArgumentException e) {
                err.println("greenlight: --record: " + e.getMessage());
                return GreenlightCommand.ERROR;
            }
        }
        RunSetup.Prepared prepared = setup.prepare(err);
        if (prepared == null) {
            return GreenlightCommand.ERROR;
        }
        Checklist checklist = prepared.checklist();
        Set<String> onlyIds = new LinkedHashSet<>(only);
        for (String id : onlyIds) {
            if (checklist.item(id).isEmpty() && checklist.section(id).isEmpty()) {
                err.println("greenlight: --only " + id + ": no such item or section in " + checklist.id());
                return GreenlightCommand.ERROR;
            }
        }
        for (Map.Entry<String, String> e : signOffs.entrySet()) {
            if (checklist.item(e.getKey()).isEmpty()) {
                err.println("greenlight: --sign-off " + e.getKey() + ": no such item in " + checklist.id());
                return GreenlightCommand.ERROR;
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                err.println("greenlight: --sign-off " + e.getKey() + "=NOTE: write what you checked in the note;"
                        + " a sign-off without a note says nothing");
                return GreenlightCommand.ERROR;
            }
        }
        if (keepRuns != null && keepRuns < 1) {
            err.println("greenlight: --keep-runs " + keepRuns + ": keep at least 1 run");
            return GreenlightCommand.ERROR;
        }
        for (String half : require) {
            if (!Checklist.POST_DEPLOY.equals(half)) {
                err.println("greenlight: --require " + half + ": the only half a GO can require is " + Checklist.POST_DEPLOY);
                return GreenlightCommand.ERROR;
            }
        }
        if ((sign || signKey != null) && record == null) {
            err.println("greenlight: --sign signs the go/no-go record; give --record FILE too");
            return GreenlightCommand.ERROR;
        }
        RunReport report = prepared.runToEnd(onlyIds);
        List<SignOff> signed = new ArrayList<>();
        // the same rules as the window (SignOffPolicy): only a MANUAL or SKIP verdict of this run can be
        // signed, bound to this run's commit, variables and AWS target
        for (Map.Entry<String, String> e : signOffs.entrySet()) {
            ItemResult r = report.results().stream().filter(x -> x.itemId().equals(e.getKey())).findFirst().orElse(null);
            Item item = checklist.item(e.getKey()).orElseThrow();
            if (r == null) {
                err.println("greenlight: warning: --sign-off " + e.getKey() + ": the item was not run (--only), so there is"
                        + " no verdict to sign over; not signed");
                continue;
            }
            String refused = SignOffPolicy.refusal(item, r.status(), e.getValue());
            if (refused != null) {
                err.println("greenlight: warning: --sign-off " + e.getKey() + " refused: " + refused
                        + (r.status().blocksRelease() ? " The record stays NO-GO." : ""));
                continue;
            }
            signed.add(SignOff.now(e.getKey(), report.context().get("aws.arn"), e.getValue().strip(),
                    SignOffBasis.of(checklist, setup.vars, report.context(), e.getKey(), r.status(), r.result().reason())));
        }
        // the history save runs beside the report writing; both end before the exit code is returned
        RunRecords.Saving saving = noHistory ? null : RunRecords.saveToHistory(report, signed, keepRuns);
        try {
            if (out == null) {
                PrintWriter stdout = spec.commandLine().getOut();
                writer.write(report, checklist, stdout);
                stdout.flush();
            } else {
                if (!write(out, "the report", w -> writer.write(report, checklist, w), err)) {
                    return GreenlightCommand.ERROR;
                }
                err.println("greenlight: wrote " + format + " report to " + out);
            }
            if (GithubAnnotations.inActions(System.getenv("GITHUB_ACTIONS"))) {
                // on stderr, which the Actions runner reads for workflow commands too, so stdout stays the report
                GithubAnnotations.lines(report, checklist, System.getenv("GITHUB_WORKSPACE")).forEach(err::println);
                err.flush();
            }
            if (recordWriter != null) {
                GoNoGoRecord rec = GoNoGoRecord.builder(report, checklist).signOffs(signed).variables(setup.vars)
                        .requires(require).build();
                GoNoGoRecord written;
                try {
                    SshSigner ssh = new SshSigner();
                    SshSigner.Key key = sign || signKey != null
                            ? SigningKeys.resolve(ssh, signKey, signer, prepared.root()) : null;
                    written = RecordFiles.write(rec, record, ssh, key);
                } catch (SshSigner.SigningException e) {
                    err.println("greenlight: cannot sign the record: " + e.getMessage());
                    return GreenlightCommand.ERROR;
                } catch (IOException e) {
                    err.println("greenlight: cannot write the record to " + record + ": " + reason(record, e));
                    return GreenlightCommand.ERROR;
                }
                err.println("greenlight: wrote the " + written.decision() + " record to " + record + " (sha256 "
                        + written.sha256() + ")" + (written.signer() == null
                        ? "; unsigned: the hash only detects accidental edits (--sign to sign it)"
                        : "; signed by " + written.signer().principal() + " in " + RecordFiles.signatureOf(record)
                        + " (add to allowed_signers: " + written.signer().principal() + " " + written.signer().publicKey() + ")"));
            }
            return report.exitCode();
        } finally {
            if (saving != null) {
                saving.finish(err);
            }
        }
    }

    /** Writes {@code target}, or says on {@code err} why it cannot ("cannot write the report to /proc/version: …"). */
    private static boolean write(Path target, String what, Body body, PrintWriter err) {
        try {
            writeAtomically(target, body);
            return true;
        } catch (IOException e) {
            err.println("greenlight: cannot write " + what + " to " + target + ": " + reason(target, e));
            return false;
        }
    }

    /** Why a write failed, in words: the JDK's message is often only the path of a temporary file. */
    static String reason(Path target, IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof NoSuchFileException) {
            Path dir = target.toAbsolutePath().getParent();
            return dir != null && Files.isDirectory(dir) ? dir + " does not allow new files" : "its directory does not exist";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.contains(".tmp") ? e.getClass().getSimpleName() : m;
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    static void writeAtomically(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

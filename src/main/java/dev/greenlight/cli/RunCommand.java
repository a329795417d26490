package dev.greenlight.cli;

import dev.greenlight.Greenlight;
import dev.greenlight.SampleCheckout;
import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.report.ReportWriter;
import dev.greenlight.runners.aws.AwsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** Runs a checklist headless and writes a report; the exit code gates a deploy. */
@Command(name = "run", description = {"Run a checklist against a checkout (and AWS) and report.",
        "Exit code: 0 no FAIL or ERROR, 1 at least one FAIL, 2 an ERROR or bad input."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ChecklistOption checklistOption;

    @Option(names = "--checkout", paramLabel = "DIR",
            description = "The repository checkout to inspect (default: the bundled sample checkout).")
    Path checkout;

    @Option(names = "--var", paramLabel = "K=V", description = "Override a checklist variable; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--profile", description = "AWS profile (default: the SDK's chain).")
    String profile;

    @Option(names = "--region", description = "AWS region (default: the SDK's chain).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (a local emulator); AWS_ENDPOINT_URL works too.")
    String endpointUrl;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Run only these items or sections.")
    List<String> only = List.of();

    @Option(names = "--format", defaultValue = "text", description = "text, json, junit, md or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--allow-invoke", description = "Allow checks that invoke Lambda functions.")
    boolean allowInvoke;

    @Option(names = "--allow-commands", description = "Allow checks that run local commands.")
    boolean allowCommands;

    @Option(names = "--parallel", defaultValue = "8", description = "Items checked at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Default time an item may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ReportWriter writer;
        try {
            writer = ReportWriter.forFormat(format, out == null && Terminal.colour());
        } catch (IllegalArgumentException e) {
            err.println("greenlight: " + e.getMessage());
            return GreenlightCommand.ERROR;
        }
        if (parallel < 1 || timeoutSeconds < 1) {
            err.println("greenlight: --parallel and --timeout must be at least 1");
            return GreenlightCommand.ERROR;
        }
        LoadResult loaded = checklistOption.load();
        if (!loaded.ok()) {
            ChecklistOption.printProblems(loaded, err);
            return GreenlightCommand.ERROR;
        }
        Checklist checklist = loaded.checklist().orElseThrow();
        Path root;
        if (checkout == null) {
            root = SampleCheckout.ensure();
            err.println("greenlight: no --checkout given; using the bundled sample checkout at " + root);
        } else {
            root = checkout.toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                err.println("greenlight: checkout " + root + " does not exist");
                return GreenlightCommand.ERROR;
            }
            if (!Files.isDirectory(root)) {
                err.println("greenlight: checkout " + root + " is not a directory");
                return GreenlightCommand.ERROR;
            }
        }
        Set<String> onlyIds = new LinkedHashSet<>(only);
        for (String id : onlyIds) {
            if (checklist.item(id).isEmpty() && checklist.section(id).isEmpty()) {
                err.println("greenlight: --only " + id + ": no such item or section in " + checklist.id());
                return GreenlightCommand.ERROR;
            }
        }
        for (String name : vars.keySet()) {
            if (!checklist.vars().containsKey(name)) {
                err.println("greenlight: warning: --var " + name + " is not a variable of " + checklist.id()
                        + " (it has: " + String.join(", ", checklist.vars().keySet()) + ")");
            }
        }
        RunOptions options = RunOptions.defaults(root).withOverrides(vars).withOnly(onlyIds)
                .withParallelism(parallel).withItemTimeout(Duration.ofSeconds(timeoutSeconds))
                .withAllowInvoke(allowInvoke).withAllowCommands(allowCommands);
        AwsSettings aws = new AwsSettings(profile, region, endpointUrl);
        ChecklistRun run = Greenlight.prepare(checklist, options, aws, null);
        RunReport report = run.runBlocking();
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            writer.write(report, checklist, stdout);
            stdout.flush();
        } else {
            writeAtomically(out, w -> writer.write(report, checklist, w));
            err.println("greenlight: wrote " + format + " report to " + out);
        }
        return report.exitCode();
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

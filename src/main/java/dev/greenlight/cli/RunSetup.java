package dev.greenlight.cli;

import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.CheckoutChoice;
import dev.greenlight.wiring.Greenlight;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options that say what to run against (checklist, checkout, variables, AWS, permissions,
 * parallelism), shared by {@code run} and {@code diagnose} so both read them the same way.
 */
final class RunSetup {
    @Mixin
    ChecklistOption checklistOption;

    @Option(names = "--checkout", paramLabel = "DIR",
            description = "The repository checkout to inspect (default: the git repository of the current directory;"
                    + " the bundled sample for the bundled checklist outside any repository).")
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

    @Option(names = "--allow-invoke", description = "Allow checks that invoke Lambda functions.")
    boolean allowInvoke;

    @Option(names = "--allow-commands", description = "Allow checks that run local commands.")
    boolean allowCommands;

    @Option(names = "--parallel", defaultValue = "8", description = "Items checked at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Default time an item may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** A loaded checklist and a checked checkout, ready to run. */
    record Prepared(Checklist checklist, Path root, RunSetup setup) {
        RunOptions options(Set<String> only) {
            return RunOptions.defaults(root).withOverrides(setup.vars).withOnly(only)
                    .withParallelism(setup.parallel).withItemTimeout(Duration.ofSeconds(setup.timeoutSeconds))
                    .withAllowInvoke(setup.allowInvoke).withAllowCommands(setup.allowCommands);
        }

        AwsSettings awsSettings() {
            return new AwsSettings(setup.profile, setup.region, setup.endpointUrl);
        }

        ChecklistRun run(Set<String> only) {
            return Greenlight.prepare(checklist, options(only), awsSettings(), null);
        }

        RunReport runToEnd(Set<String> only) {
            return run(only).runBlocking();
        }
    }

    /**
     * Why {@code --var name=…} would change nothing, or null: a name the checklist does not declare.
     * The values Greenlight finds itself (git.sha, aws.account, stack.X, arn.X) may be overridden, so
     * they are not warned about.
     */
    static String unknownVariable(Checklist checklist, String name) {
        if (checklist.vars().containsKey(name)
                || dev.greenlight.loader.ChecklistLoader.DYNAMIC_PREFIXES.stream().anyMatch(name::startsWith)) {
            return null;
        }
        String hint = dev.greenlight.engine.Names.didYouMean(name, checklist.vars().keySet());
        return "--var " + name + " is not a variable of " + checklist.id() + ", so it changes nothing"
                + (hint != null ? " (" + hint + ")" : "")
                + "; its variables: " + (checklist.vars().isEmpty() ? "none" : String.join(", ", checklist.vars().keySet()));
    }

    /** Checks the options and loads the checklist; null after saying why on {@code err}. */
    Prepared prepare(PrintWriter err) throws IOException {
        if (parallel < 1 || timeoutSeconds < 1) {
            err.println("greenlight: --parallel and --timeout must be at least 1");
            return null;
        }
        LoadResult loaded = checklistOption.load();
        if (!loaded.ok()) {
            ChecklistOption.printProblems(loaded, err);
            return null;
        }
        Checklist checklist = loaded.checklist().orElseThrow();
        Path root;
        if (checkout == null) {
            CheckoutChoice.Choice choice = CheckoutChoice.implicit(CheckoutChoice.startDirectory(),
                    checklistOption.isBundled());
            if (!choice.ok()) {
                err.println("greenlight: " + choice.error());
                return null;
            }
            root = choice.root();
            err.println(choice.note());
        } else {
            root = checkout.toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                err.println("greenlight: checkout " + root + " does not exist");
                return null;
            }
            if (!Files.isDirectory(root)) {
                err.println("greenlight: checkout " + root + " is not a directory");
                return null;
            }
        }
        for (String name : vars.keySet()) {
            if (name.isBlank()) {
                err.println("greenlight: --var " + name + "=" + vars.get(name) + ": the variable has no name; write --var NAME=VALUE");
                return null;
            }
            String warning = unknownVariable(checklist, name);
            if (warning != null) {
                err.println("greenlight: warning: " + warning);
            }
        }
        return new Prepared(checklist, root, this);
    }
}

package dev.greenlight.cli;

import dev.greenlight.log.AppLog;
import dev.greenlight.wiring.Greenlight;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The headless entry point: {@code greenlight run|validate|list|iam-policy}. Exit codes: 0 nothing
 * blocks, 1 a FAIL or a blocking NO DATA, 2 an ERROR or bad input.
 */
@Command(name = "greenlight", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = "Self-checking deployment checklists for AWS serverless backends.",
        subcommands = {RunCommand.class, InitCommand.class, ValidateCommand.class, ListCommand.class, SchemaCommand.class,
                IamPolicyCommand.class, DiffCommand.class, HistoryCommand.class, DiagnoseCommand.class,
                VerifyRecordCommand.class,
                CommandLine.HelpCommand.class})
public final class GreenlightCommand implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI with the given streams and returns the exit code; never calls System.exit. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        AppLog.install();
        CommandLine cl = new CommandLine(new GreenlightCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> ERROR);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("greenlight: " + words(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'greenlight " + (ex.getCommandLine().getCommandName().equals("greenlight") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            err.println("greenlight: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static final java.util.regex.Pattern KEY_VALUE = java.util.regex.Pattern.compile(
            "Value for option (?:option )?'(--[\\w-]+)' \\([^)]*\\) should be in KEY=VALUE format but was (.*)");

    /**
     * Picocli's messages in this CLI's words: its Map-option message says "option option '--var'" (the
     * word is in its template and in the option's description), and "KEY=VALUE format" is better said
     * with an example.
     */
    static String words(String message) {
        if (message == null) {
            return "bad arguments";
        }
        java.util.regex.Matcher m = KEY_VALUE.matcher(message);
        if (m.matches()) {
            return m.group(1) + " " + m.group(2) + ": expected NAME=VALUE, e.g. " + m.group(1) + " stage=prod";
        }
        return message.replace("option option '", "option '");
    }

    /** --version: version and build sha. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"greenlight " + Greenlight.version() + " (build " + Greenlight.buildSha() + ")",
                    "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")};
        }
    }
}

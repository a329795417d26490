package dev.greenlight.cli;

import dev.greenlight.init.ChecklistGenerator;
import dev.greenlight.init.InitChecklist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Writes a checklist for a SAM/CloudFormation checkout: on standard output, or to {@code --out}
 * (never over an existing file without {@code --force}). Exit 0 when written, 2 when there is
 * nothing to generate or the file exists.
 */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = "Write a checklist for the SAM/CloudFormation templates and GitHub Actions workflows of a checkout.")
final class InitCommand implements Callable<Integer> {
    @Option(names = "--checkout", paramLabel = "DIR", description = "The checkout to read (default: the current directory).")
    Path checkout;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the checklist here (default: standard output).")
    Path out;

    @Option(names = "--force", description = "Replace --out when it exists.")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Path root = (checkout == null ? Path.of("") : checkout).toAbsolutePath().normalize();
        if (checkout == null) {
            err.println("greenlight: no --checkout given; reading the current directory " + root);
        }
        try {
            if (out != null) {
                InitChecklist.checkWritable(out, force);
            }
            ChecklistGenerator.Generated g = InitChecklist.generate(root);
            g.notes().forEach(n -> err.println("greenlight: note: " + n));
            if (out == null) {
                spec.commandLine().getOut().print(g.yaml());
                spec.commandLine().getOut().flush();
            } else {
                InitChecklist.write(g, out, force);
            }
            err.println("greenlight: " + g.items() + " items about " + String.join(", ", g.templates())
                    + (out == null ? "" : " written to " + out) + ". Run them with: greenlight run --checklist "
                    + (out == null ? "<file>" : out) + " --checkout " + root);
            return GreenlightCommand.OK;
        } catch (InitChecklist.InitException e) {
            err.println("greenlight: " + e.getMessage());
            return GreenlightCommand.ERROR;
        }
    }
}

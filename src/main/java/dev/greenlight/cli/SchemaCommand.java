package dev.greenlight.cli;

import dev.greenlight.schema.ChecklistSchema;
import dev.greenlight.wiring.Greenlight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Prints the JSON Schema of checklist files (docs/checklist.schema.json is this output). */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = "Print the JSON Schema of checklist files, for editor autocompletion.")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ChecklistSchema.generateText(Greenlight.registry()));
        spec.commandLine().getOut().flush();
        return GreenlightCommand.OK;
    }
}

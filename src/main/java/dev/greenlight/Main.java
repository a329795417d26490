package dev.greenlight;

import dev.greenlight.cli.GreenlightCommand;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Starts the app with no arguments and the CLI with any. A plain class (not the JavaFX
 * Application) so the same jar runs headless on a machine without a display.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 && GuiLauncher.available()) {
            GuiLauncher.launch(args);
            return;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(GreenlightCommand.execute(args, out, err));
    }
}

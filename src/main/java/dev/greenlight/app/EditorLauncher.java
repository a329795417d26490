package dev.greenlight.app;

import java.awt.Desktop;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens a file at a line in the person's editor. A command from settings ({@code editorCommand},
 * with {file} and {line}) wins; otherwise $VISUAL/$EDITOR are recognised (VS Code, IntelliJ,
 * Sublime, vim/emacs in a terminal are skipped: they need one), then the desktop's default app.
 */
public final class EditorLauncher {
    private final String configured;
    private final Map<String, String> env;

    public EditorLauncher(String configured, Map<String, String> env) {
        this.configured = configured;
        this.env = env;
    }

    /** The argv to run, or empty when the desktop's default application should open the file. */
    public List<String> command(Path file, int line) {
        String f = file.toAbsolutePath().toString();
        String l = String.valueOf(Math.max(1, line));
        if (configured != null && !configured.isBlank()) {
            List<String> out = new ArrayList<>();
            for (String part : configured.strip().split("\\s+")) {
                out.add(part.replace("{file}", f).replace("{line}", l));
            }
            return out;
        }
        for (String var : List.of("VISUAL", "EDITOR")) {
            String ed = env.get(var);
            if (ed == null || ed.isBlank()) {
                continue;
            }
            String exe = ed.strip().split("\\s+")[0];
            String name = new File(exe).getName();
            if (name.equals("code") || name.equals("codium") || name.equals("code-insiders")) {
                return List.of(exe, "-g", f + ":" + l);
            }
            if (name.startsWith("idea") || name.startsWith("pycharm") || name.startsWith("webstorm")) {
                return List.of(exe, "--line", l, f);
            }
            if (name.equals("subl") || name.equals("zed")) {
                return List.of(exe, f + ":" + l);
            }
            if (name.equals("gedit") || name.equals("kate")) {
                return List.of(exe, "+" + l, f);
            }
        }
        return List.of();
    }

    /** Opens the file; call off the FX thread (starting a process can take a moment). */
    public void open(Path file, int line) throws IOException {
        List<String> cmd = command(file, line);
        if (!cmd.isEmpty()) {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return;
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        if (linux) {
            new ProcessBuilder("xdg-open", file.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return;
        }
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Desktop.getDesktop().open(file.toFile());
            return;
        }
        throw new IOException("no editor is configured; set \"editorCommand\" in settings.json, e.g. \"code -g {file}:{line}\"");
    }

    /**
     * The sentence a person reads when a file could not be opened: what happened and what to do,
     * with the settings key to set. The exception itself goes to the folded details.
     */
    public static String failure(String file, Throwable why) {
        String settings = dev.greenlight.files.AppDirs.config().resolve("settings.json").toString();
        return "Greenlight could not open " + file + " because no editor could be started on this computer. "
                + "Set \"editorCommand\" in " + settings + ", for example \"code -g {file}:{line}\" "
                + "or \"gedit +{line} {file}\", then click the file again.";
    }
}

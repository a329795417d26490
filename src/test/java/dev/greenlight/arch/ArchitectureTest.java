package dev.greenlight.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering rules of HOUSE-STYLE.md, checked on the sources: the engine and everything but the
 * app knows nothing of JavaFX, only the CLI prints to standard output, and only the one FX bridge
 * hands work to the FX thread.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/greenlight");

    record Source(String relPath, String text) {
    }

    private static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.add(new Source(MAIN.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static boolean inGuiPackages(Source s) {
        return s.relPath().startsWith("app/") || s.relPath().startsWith("ui/") || s.relPath().equals("GuiLauncher.java");
    }

    @Test
    void onlyTheAppAndUiPackagesUseJavaFx() throws IOException {
        Pattern javafx = Pattern.compile("(?m)^import\\s+(static\\s+)?javafx\\.|\\bjavafx\\.[a-z]+\\.[A-Z]");
        assertThat(sources()).filteredOn(s -> !inGuiPackages(s))
                .allSatisfy(s -> assertThat(javafx.matcher(s.text()).find()).as(s.relPath() + " uses JavaFX").isFalse());
    }

    @Test
    void onlyTheCliPrintsToStandardOutput() throws IOException {
        Pattern stdout = Pattern.compile("System\\.out\\b");
        assertThat(sources()).filteredOn(s -> !s.relPath().startsWith("cli/") && !s.relPath().equals("Main.java"))
                .allSatisfy(s -> assertThat(stdout.matcher(s.text()).find()).as(s.relPath() + " writes to System.out").isFalse());
    }

    @Test
    void onlyTheFxBridgeCallsRunLater() throws IOException {
        assertThat(sources()).filteredOn(s -> !s.relPath().equals("app/FxBridge.java"))
                .allSatisfy(s -> assertThat(s.text()).as(s.relPath()).doesNotContain("Platform.runLater"));
    }

    @Test
    void engineModelAndYamlDependOnNoOuterPackage() throws IOException {
        Pattern outer = Pattern.compile("(?m)^import\\s+dev\\.greenlight\\.(runners|cli|app|ui|report|store|oncall)\\.");
        assertThat(sources()).filteredOn(s -> s.relPath().startsWith("engine/") || s.relPath().startsWith("model/") || s.relPath().startsWith("yaml/"))
                .allSatisfy(s -> assertThat(outer.matcher(s.text()).find()).as(s.relPath() + " imports an outer package").isFalse());
    }
}

package dev.greenlight.hostile;

import dev.greenlight.engine.CommandText;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.local.ShellWords;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values substituted into commands never become shell syntax: what is shown for copying survives a
 * real {@code sh -c} with each value as one literal argument, and the {@code command} runner hands
 * values to the program as argv entries without a shell.
 */
class CommandSafetyTest {
    @TempDir
    Path dir;

    static List<String> hostileValues() {
        return List.of("; rm -rf /", "$(touch pwned)", "`touch pwned`", "it's", "say \"hi\"", "two words",
                "line\nbreak", "back\\slash", "*", "$HOME", "~", "#not-a-comment", "a && touch pwned", "x | touch pwned",
                "> pwned", "'$(touch pwned)'", "\"$(touch pwned)\"", "$IFS", "", "-n", "plain-word_1.2:3=4@5+6,7/8");
    }

    /** Runs {@code sh -c command} in the temp dir and returns stdout. */
    private String sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("sh -c " + command + " → " + out).isZero();
        return out;
    }

    private static Variables vars(String value) {
        return Variables.of(Map.of("v", value, "stage", "dev"));
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aValueOutsideQuotesArrivesAsOneLiteralArgument(String value) throws Exception {
        String cmd = CommandText.render("printf '[%s]' ${v}", vars(value));
        assertThat(sh(cmd)).isEqualTo("[" + value + "]");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aValueInsideTheTemplatesDoubleQuotesStaysLiteral(String value) throws Exception {
        String cmd = CommandText.render("printf '[%s]' \"pre ${v} post\"", vars(value));
        assertThat(sh(cmd)).isEqualTo("[pre " + value + " post]");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aValueInsideTheTemplatesSingleQuotesStaysLiteral(String value) throws Exception {
        String cmd = CommandText.render("printf '[%s]' 'pre ${v} post'", vars(value));
        assertThat(sh(cmd)).isEqualTo("[pre " + value + " post]");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aValueGluedToAFlagStaysInThatOneWord(String value) throws Exception {
        String cmd = CommandText.render("printf '[%s]' --stack-name=${v}", vars(value));
        assertThat(sh(cmd)).isEqualTo("[--stack-name=" + value + "]");
    }

    @Test
    void theTemplatesOwnSyntaxIsKept() throws Exception {
        String cmd = CommandText.render("printf '%s\\n' ${v} && printf '%s' \"$${HOME_X:-home}\" | tr a-z A-Z", vars("a; b"));
        assertThat(cmd).isEqualTo("printf '%s\\n' 'a; b' && printf '%s' \"${HOME_X:-home}\" | tr a-z A-Z");
        assertThat(sh(cmd)).isEqualTo("a; b\nHOME");
    }

    @Test
    void plainValuesAreInsertedUnquotedSoCommandsReadNaturally() throws VariableException {
        assertThat(CommandText.render("cd ${backend} && sam deploy --stack-name backend-${stage}",
                Variables.of(Map.of("backend", "analemma-workflow-os/backend", "stage", "dev"))))
                .isEqualTo("cd analemma-workflow-os/backend && sam deploy --stack-name backend-dev");
    }

    @Test
    void theBundledTroubleshootingCommandsRenderWithHostileVariables() throws Exception {
        var c = HostileCheckouts.bundledLocalSections();
        Variables v = Variables.of(Map.of("backend", "dir; touch pwned", "stage", "$(touch pwned)", "stack", "`touch pwned`",
                "template", "x", "workflow", "y", "lambda_repository", "r", "base_repository", "b"));
        int rendered = 0;
        for (var section : c.sections()) {
            for (var item : section.items()) {
                for (var t : item.troubleshoot()) {
                    if (t.command() == null || Variables.references(t.command()).stream().anyMatch(n -> n.contains("."))) {
                        continue; // AWS and git values are not known offline
                    }
                    String cmd = CommandText.render(t.command(), v);
                    // the rendered text splits into words with every hostile value intact in one word
                    List<ShellWords.Command> commands = ShellWords.parse(cmd).commands();
                    assertThat(commands).as(cmd).allSatisfy(k -> assertThat(k.texts()).noneMatch(w -> w.equals("pwned")));
                    if (Variables.references(t.command()).contains("backend")) {
                        assertThat(commands.stream().flatMap(k -> k.texts().stream()))
                                .as(cmd).anyMatch(w -> w.contains("dir; touch pwned"));
                    }
                    rendered++;
                }
            }
        }
        assertThat(rendered).isGreaterThan(5);
    }

    @Test
    void quotingAgreesWithShellWordsReadingItBack() {
        for (String value : hostileValues()) {
            assertThat(ShellWords.split("x " + CommandText.quote(value))).containsExactly("x", value);
        }
    }

    // ---- (b) the command runner: argv, no shell ------------------------------------------------

    private RunReport runCommandItem(String check, String value) {
        String yaml = """
                id: cmd
                title: Command
                vars:
                  v: placeholder
                sections:
                  - id: s
                    title: S
                    items:
                      - id: c
                        title: C
                        check: %s
                """.formatted(check);
        LoadResult r = Greenlight.loader().parse(yaml.getBytes(StandardCharsets.UTF_8), "cmd.yaml");
        assertThat(r.problems()).isEmpty();
        return Greenlight.prepare(r.checklist().orElseThrow(), RunOptions.defaults(dir).withAllowCommands(true)
                .withOverrides(Map.of("v", value)), AwsSettings.DEFAULT, null).runBlocking();
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void anArgvValueWithShellSyntaxReachesTheProgramAsOneArgument(String value) {
        RunReport r = runCommandItem("{type: command, argv: [printf, '[%s]', '${v}'], stdout-contains: ['[${v}]']}", value);
        ItemResult c = r.results().get(0);
        assertThat(c.status()).as(c.result().reason()).isEqualTo(Status.PASS);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aRunStringValueIsSplitAsOneWord(String value) {
        RunReport r = runCommandItem("{type: command, run: \"printf '[%s]' ${v}\", stdout-contains: ['[${v}]']}", value);
        ItemResult c = r.results().get(0);
        assertThat(c.status()).as(c.result().reason()).isEqualTo(Status.PASS);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void aSemicolonValueIsNotASecondCommand() throws IOException {
        Files.writeString(dir.resolve("marker"), "");
        RunReport r = runCommandItem("{type: command, argv: [ls, '${v}'], exit-code: 2}", "marker; rm marker");
        assertThat(r.results().get(0).status()).as(r.results().get(0).result().reason()).isEqualTo(Status.PASS);
        assertThat(dir.resolve("marker")).exists();
    }
}

package dev.greenlight.runners.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellWordsTest {

    private static final String SAM_DEPLOY = """
            # deploy the stack
            sam deploy \\
              --stack-name "backend-workflow-dev" \\
              --region "${AWS_REGION}" \\
              --resolve-s3 \\
              --image-repository "${IMAGE_REPO_URI}" \\
              --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \\
              --parameter-overrides ${PARAM_OVERRIDES}
            echo done
            """;

    @Test
    void joinsContinuationsIntoOneCommandAndKeepsEachWordsLine() {
        ShellWords.Script s = ShellWords.parse(SAM_DEPLOY);

        assertThat(s.problem()).isNull();
        assertThat(s.commands()).hasSize(2);
        ShellWords.Command sam = s.commands().get(0);
        assertThat(sam.line()).isEqualTo(1);
        assertThat(sam.texts()).containsExactly("sam", "deploy", "--stack-name", "backend-workflow-dev",
                "--region", "${AWS_REGION}", "--resolve-s3", "--image-repository", "${IMAGE_REPO_URI}",
                "--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "--parameter-overrides", "${PARAM_OVERRIDES}");
        assertThat(sam.words().get(7).line()).isEqualTo(5);
        assertThat(s.commands().get(1).texts()).containsExactly("echo", "done");
        assertThat(s.commands().get(1).line()).isEqualTo(8);
    }

    @Test
    void dropsCommentsAtWordStartButNotInsideWordsOrQuotes() {
        ShellWords.Script s = ShellWords.parse("""
                sam deploy \\
                  --resolve-s3
                #  --image-repository "${IMAGE_REPO_URI}"
                echo a#b '# not a comment' # trailing comment
                """);

        assertThat(s.commands()).extracting(ShellWords.Command::texts).containsExactly(
                List.of("sam", "deploy", "--resolve-s3"),
                List.of("echo", "a#b", "# not a comment"));
        assertThat(s.commentFree()).doesNotContain("--image-repository").doesNotContain("trailing");
    }

    @Test
    void aContinuationInsideACommentDoesNotContinueTheCommand() {
        ShellWords.Script s = ShellWords.parse("sam deploy # old flags \\\n--image-repository x\n");

        assertThat(s.commands()).extracting(ShellWords.Command::texts).containsExactly(
                List.of("sam", "deploy"), List.of("--image-repository", "x"));
    }

    @Test
    void splitsOnShellOperators() {
        ShellWords.Script s = ShellWords.parse("a 1; b 2 && c 3 || d | e & f 2>&1 (g)");

        assertThat(s.commands()).extracting(ShellWords.Command::texts).containsExactly(
                List.of("a", "1"), List.of("b", "2"), List.of("c", "3"), List.of("d"), List.of("e"),
                List.of("f", "2>&1"), List.of("g"));
    }

    @Test
    void keepsQuotedSeparatorsAndExpansionsInsideTheirWord() {
        ShellWords.Script s = ShellWords.parse(
                "docker tag \"a;b && c\" 'x | y' $(git rev-parse --short HEAD) app:${{ github.sha }} it\\'s `date +%s`");

        assertThat(s.commands()).hasSize(1);
        assertThat(s.commands().get(0).texts()).containsExactly("docker", "tag", "a;b && c", "x | y",
                "$(git rev-parse --short HEAD)", "app:${{ github.sha }}", "it's", "`date +%s`");
    }

    @Test
    void doubleQuotesKeepBackslashesThatEscapeNothing() {
        assertThat(ShellWords.split("printf \"a\\tb \\\"q\\\" \\$HOME\"")).containsExactly("printf", "a\\tb \"q\" $HOME");
    }

    @Test
    void skipsHereDocumentBodies() {
        ShellWords.Script s = ShellWords.parse("""
                cat <<'EOF' > notes.txt
                sam deploy --no-flags
                EOF
                sam deploy --resolve-s3
                """);

        assertThat(s.commands()).extracting(ShellWords.Command::texts).containsExactly(
                List.of("cat", ">", "notes.txt"),
                List.of("sam", "deploy", "--resolve-s3"));
        assertThat(s.commands().get(1).line()).isEqualTo(3);
    }

    @Test
    void reportsAnUnclosedQuote() {
        assertThat(ShellWords.parse("echo 'abc\nnext").problem()).isEqualTo("unclosed single quote starting on line 1");
        assertThatThrownBy(() -> ShellWords.split("echo \"abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("double quote");
    }

    @Test
    void splitRefusesMoreThanOneCommand() {
        assertThatThrownBy(() -> ShellWords.split("ls; rm -rf x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one command");
    }

    @Test
    void marksCharactersAShellWouldHaveExpanded() {
        List<ShellWords.Word> words = ShellWords.parse("ls src/*.json 'src/*.json' $HOME").commands().get(0).words();

        assertThat(words).extracting(ShellWords.Word::unquotedMeta).containsExactly("", "*", "", "$");
    }

    @Test
    void leavesSafeValuesUnquoted() {
        assertThat(ShellWords.quote("backend-workflow-dev")).isEqualTo("backend-workflow-dev");
        assertThat(ShellWords.quote("")).isEqualTo("''");
        assertThat(ShellWords.quote("a b")).isEqualTo("'a b'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"it's", "$HOME and ${X}", "`rm -rf /`", "two  spaces", "line1\nline2", "'", "\"q\" \\ *.json",
            "-n", "ünïcode ✓"})
    void quoteRoundTripsThroughOurSplitter(String value) {
        assertThat(ShellWords.split("echo " + ShellWords.quote(value))).containsExactly("echo", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"it's", "$HOME and ${X}", "`echo injected`", "two  spaces", "line1\nline2", "'", "a;b|c&d",
            "$(echo injected)"})
    void quoteRoundTripsThroughARealShell(String value) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellWords.quote(value)).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(value);
    }
}

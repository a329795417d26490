package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.Status;
import dev.greenlight.runners.StandardRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TextRunnerTest {
    private static final String INIT = "backend/src/common/initialize_state_data.py";

    @TempDir
    Path dir;
    LocalFixture fx;
    final TextRunner runner = new TextRunner();

    @BeforeEach
    void checkout() {
        fx = new LocalFixture(dir).write(INIT, LocalFixture.INITIALIZE_STATE_DATA);
    }

    private static TextRunner.Spec spec(String file, String pattern, String literal, Integer min, Integer max, String syntax) {
        return new TextRunner.Spec(file, pattern, literal, min, max, syntax);
    }

    @Test
    void passesWithEvidenceOfEachMatchingLine() {
        Result r = runner.run(spec(INIT, "context=\\{'action': 'init'", null, null, null, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains("line 20");
        assertThat(r.actual()).isEqualTo("1 line (line 20)");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo(INIT + ":20");
            assertThat(e.text()).startsWith("context={'action': 'init'");
        });
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void failsWhenTheOnlyMatchIsCommentedOut() {
        fx.write("a.py", "x = 1\n# from src.handlers.utils.universal_sync_core import universal_sync_core\n");
        Result r = runner.run(spec("a.py", null, "import universal_sync_core", null, null, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("0 lines of code", "fewer than the 1 expected", "only inside comments or strings (line 2)");
        assertThat(r.expected()).isEqualTo("at least 1 line matching \"import universal_sync_core\" in a.py");
        assertThat(r.actual()).isEqualTo("0 lines");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("not code (comment or string)");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void failsWhenTheOnlyMatchIsInADocstring() {
        Result r = runner.run(spec(INIT, null, "Uses:", null, null, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.evidence()).extracting(e -> e.line()).containsExactly(3);
    }

    @Test
    void countsEachLineOnceAndFailsAboveMax() {
        fx.write("d.sh", "sam deploy --a; sam deploy --b\nsam deploy --c # sam deploy\n# sam deploy\n");
        Result r = runner.run(spec("d.sh", "sam deploy", null, 0, 1, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("2 lines of code", "more than the 1 allowed");
        assertThat(r.expected()).startsWith("at most 1 line matching /sam deploy/");
        assertThat(r.actual()).isEqualTo("2 lines (lines 1, 2)");
    }

    @Test
    void maxZeroPassesWhenAbsentFromCode() {
        fx.write("t.yaml", "a: 1 # TODO remove\n");
        Result r = runner.run(spec("t.yaml", null, "TODO", 0, 0, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.expected()).startsWith("no line matching");
        assertThat(r.evidence()).isNotEmpty();
    }

    @Test
    void failsWhenBelowAMinimumAboveOne() {
        // Ordinary strings are code for text checks (line 16 logs the name); python-call tells them apart.
        Result r = runner.run(spec(INIT, "universal_sync_core\\(", null, 3, null, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("2 lines (lines 16, 17)");
        assertThat(r.reason()).contains("fewer than the 3 expected", "(line 15)");
    }

    @Test
    void syntaxNoneSearchesRawLinesCommentsIncluded() {
        Result r = runner.run(spec(INIT, null, "# usc_result", null, null, "none"), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).extracting(e -> e.line()).containsExactly(15);
        Result auto = runner.run(spec(INIT, null, "# usc_result", null, null, null), fx.ctx());
        assertThat(auto.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void driftFromTheLineHintIsANoteNotAFailure() {
        Result r = runner.run(spec(INIT, null, "import universal_sync_core", null, null, null), fx.ctx(27));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).containsExactly("found at " + INIT + ":8 (the checklist says line 27)");
        assertThat(runner.run(spec(INIT, null, "import universal_sync_core", null, null, null), fx.ctx(8)).notes()).isEmpty();
    }

    @Test
    void missingFileFails() {
        Result r = runner.run(spec("nope.py", null, "x", null, null, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("no such file");
    }

    @Test
    void binaryFileIsAnError() {
        fx.writeBytes("lib.so", new byte[]{0x7f, 'E', 'L', 'F', 0, 1});
        Result r = runner.run(spec("lib.so", null, "ELF", null, null, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).contains("binary");
    }

    @Test
    void aBadRegexIsASpecProblemOnPattern() {
        assertThat(runner.validate(spec(INIT, "context=\\{('action'", null, null, null, null)))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("pattern"));
        assertThat(runner.run(spec(INIT, "(", null, null, null, null), fx.ctx()).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void needsExactlyOneOfPatternAndLiteral() {
        assertThat(runner.validate(spec(INIT, "a", "a", null, null, null))).isNotEmpty();
        assertThat(runner.validate(spec(INIT, null, null, null, null, null))).isNotEmpty();
        assertThat(runner.validate(spec(INIT, null, "a", null, null, "cobol")))
                .extracting(p -> p.field()).containsExactly("syntax");
        assertThat(runner.validate(spec(INIT, null, "a", 2, 1, null))).extracting(p -> p.field()).containsExactly("max");
    }

    @Test
    void isRegisteredAndBindsKebabCaseKeys() {
        RunnerRegistry registry = StandardRunners.registry();
        ObjectNode params = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("file", INIT).put("pattern", "(unclosed").put("syntax", "python");
        assertThat(registry.validate("text", params)).singleElement()
                .satisfies(i -> assertThat(i.toString()).contains("pattern"));
    }
}

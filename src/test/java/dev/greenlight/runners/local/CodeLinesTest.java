package dev.greenlight.runners.local;

import org.junit.jupiter.api.Test;

import static dev.greenlight.runners.local.LocalFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

class CodeLinesTest {

    private static CodeLines python(String text) {
        return CodeLines.of(source("x.py", text), CodeLines.Syntax.PYTHON);
    }

    @Test
    void pythonHashInsideAStringIsNotAComment() {
        CodeLines c = python("url = 'http://x/#frag'  # the real comment\n");
        assertThat(c.code(1).strip()).isEqualTo("url = 'http://x/#frag'");
        assertThat(c.masked(1).strip()).isEqualTo("url = '              '");
    }

    @Test
    void pythonEscapedQuotesDoNotEndTheString() {
        CodeLines c = python("s = \"say \\\"hi\\\" # still text\"  # comment\nt = 'it\\'s' # c\n");
        assertThat(c.code(1).strip()).isEqualTo("s = \"say \\\"hi\\\" # still text\"");
        assertThat(c.code(2).strip()).isEqualTo("t = 'it\\'s'");
    }

    @Test
    void pythonCommentOnlyLinesHaveNoCode() {
        CodeLines c = python("# from src.a import b\n    # call(x)\nx = 1\n");
        assertThat(c.code(1)).isBlank();
        assertThat(c.code(2)).isBlank();
        assertThat(c.code(3)).isEqualTo("x = 1");
    }

    @Test
    void pythonDocstringsAndTripleQuotedStringsAreBlank() {
        CodeLines c = python("""
                def f():
                    \"\"\"Calls universal_sync_core(x).

                    from a import b
                    \"\"\"
                    q = r'''select # not code
                    from t'''
                    return q
                """);
        assertThat(c.code(2)).isBlank();
        assertThat(c.code(4)).isBlank();
        assertThat(c.code(5)).isBlank();
        assertThat(c.code(6).strip()).isEqualTo("q =");
        assertThat(c.code(7)).isBlank();
        assertThat(c.code(8).strip()).isEqualTo("return q");
    }

    @Test
    void pythonStringOnlyStatementIsBlankButStringsInCodeAreKept() {
        CodeLines c = python("""
                'a single-quoted docstring mentioning universal_sync_core()'
                call(context={'action': 'init'})
                items = [
                    "inside brackets stays",
                ]
                """);
        assertThat(c.code(1)).isBlank();
        assertThat(c.code(2)).contains("'action': 'init'");
        assertThat(c.code(4)).contains("inside brackets stays");
    }

    @Test
    void pythonLineContinuationInsideAStringKeepsTheStringOpen() {
        CodeLines c = python("s = 'first \\\n# still string'\nx = 2 # c\n");
        assertThat(c.code(2)).isEqualTo("# still string'");
        assertThat(c.code(3).strip()).isEqualTo("x = 2");
    }

    @Test
    void yamlCommentsRespectQuotesAndBlockScalarsKeepHashes() {
        CodeLines c = CodeLines.of(source("t.yaml", """
                a: "x # y"   # comment
                b: it's # c
                # whole line
                run: |
                  echo "# kept" # also kept: block scalar text
                  echo two
                next: 1 # gone
                url: http://h/#x
                """), CodeLines.Syntax.YAML);
        assertThat(c.code(1).strip()).isEqualTo("a: \"x # y\"");
        assertThat(c.code(2).strip()).isEqualTo("b: it's");
        assertThat(c.code(3)).isBlank();
        assertThat(c.code(5)).contains("# also kept");
        assertThat(c.code(7).strip()).isEqualTo("next: 1");
        assertThat(c.code(8).strip()).isEqualTo("url: http://h/#x");
    }

    @Test
    void shellCommentsStartAtAWordOutsideQuotes() {
        CodeLines c = CodeLines.of(source("d.sh", """
                echo "a # b" 'c # d' \\# e # comment
                n=$# # count
                # sam deploy
                """), CodeLines.Syntax.SHELL);
        assertThat(c.code(1).strip()).isEqualTo("echo \"a # b\" 'c # d' \\# e");
        assertThat(c.code(2).strip()).isEqualTo("n=$#");
        assertThat(c.code(3)).isBlank();
    }

    @Test
    void dockerfileCommentsAreWholeLinesOnly() {
        CodeLines c = CodeLines.of(source("Dockerfile", "# COPY . /x\nRUN echo # not a comment\n"), CodeLines.Syntax.DOCKERFILE);
        assertThat(c.code(1)).isBlank();
        assertThat(c.code(2)).isEqualTo("RUN echo # not a comment");
    }

    @Test
    void detectsSyntaxFromTheFileName() {
        assertThat(CodeLines.Syntax.detect("a/b.py")).isEqualTo(CodeLines.Syntax.PYTHON);
        assertThat(CodeLines.Syntax.detect("template.yaml")).isEqualTo(CodeLines.Syntax.YAML);
        assertThat(CodeLines.Syntax.detect(".github/workflows/backend-deploy.yml")).isEqualTo(CodeLines.Syntax.YAML);
        assertThat(CodeLines.Syntax.detect("deploy.sh")).isEqualTo(CodeLines.Syntax.SHELL);
        assertThat(CodeLines.Syntax.detect("src/Dockerfile.lambda")).isEqualTo(CodeLines.Syntax.DOCKERFILE);
        assertThat(CodeLines.Syntax.detect("Dockerfile")).isEqualTo(CodeLines.Syntax.DOCKERFILE);
        assertThat(CodeLines.Syntax.detect("a.json")).isEqualTo(CodeLines.Syntax.NONE);
        assertThat(CodeLines.Syntax.named("auto")).isEmpty();
        assertThat(CodeLines.Syntax.named("none")).contains(CodeLines.Syntax.NONE);
    }
}

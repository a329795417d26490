package dev.greenlight.runners.local;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell read on paper: what each command would receive, and where each word came from. */
class ShellEvalTest {

    private static ShellEval run(String script, Map<String, String> files) {
        Map<String, ShellEval.Binding> env = new LinkedHashMap<>();
        env.put("STAGE", new ShellEval.Binding(Val.literal("dev", new Val.Hop("", "wf.yml", 3)), null, true,
                new Val.Hop("job env STAGE", "wf.yml", 3)));
        ShellEval eval = new ShellEval(files::get, env, "", ActionsExpressions.Scope.NONE);
        eval.run(ShellEval.Source.of("wf.yml", script), List.of(), List.of(), null, 0);
        return eval;
    }

    private static List<String> command(ShellEval e, String name) {
        return e.invocations().stream().filter(i -> i.texts().get(0).equals(name)).findFirst().orElseThrow().texts();
    }

    @Test
    void quotedExpansionsStayOneWordAndUnquotedOnesSplit() {
        ShellEval e = run("""
                ARGS="a b"
                tool "$ARGS" $ARGS '$ARGS' "${MISSING:-fallback}" ${STAGE}-x
                """, Map.of());

        assertThat(command(e, "tool")).containsExactly("tool", "a b", "a", "b", "$ARGS", "fallback", "dev-x");
    }

    @Test
    void arraysExpandElementByElement() {
        ShellEval e = run("""
                A=(--one "two words"
                   --three)   # trailing comment
                A+=(--four)
                tool "${A[@]}" last
                """, Map.of());

        assertThat(command(e, "tool")).containsExactly("tool", "--one", "two words", "--three", "--four", "last");
    }

    @Test
    void hereDocumentBodiesAreNotCommands() {
        ShellEval e = run("""
                cat <<EOF > notes.txt
                sam deploy --no-such-flag
                EOF
                echo done
                """, Map.of());

        assertThat(e.invocations()).extracting(i -> i.texts().get(0)).containsExactly("cat", "echo");
    }

    @Test
    void commandsAfterAndOrAndInsideIfAreConditional() {
        ShellEval e = run("""
                test -f x && tool --a
                if [ -n "$X" ]; then
                  other --b
                fi
                always
                """, Map.of());

        assertThat(e.invocations()).filteredOn(i -> i.texts().get(0).equals("tool")).first()
                .satisfies(i -> assertThat(i.condition()).contains("&&"));
        assertThat(e.invocations()).filteredOn(i -> i.texts().get(0).equals("other")).first()
                .satisfies(i -> assertThat(i.condition()).contains("if [ -n \"$X\" ]"));
        assertThat(e.invocations()).filteredOn(i -> i.texts().get(0).equals("always")).first()
                .satisfies(i -> assertThat(i.condition()).isNull());
    }

    @Test
    void aCalledScriptGetsItsArgumentsAndOnlyExportedVariables() {
        ShellEval e = run("""
                LOCAL=hidden
                export SHOWN=yes
                cd deploy
                ./run.sh first "second arg"
                """, Map.of("deploy/run.sh", "tool \"$1\" \"$2\" \"${LOCAL:-unset}\" \"$SHOWN\" \"$STAGE\"\n"));

        assertThat(command(e, "tool")).containsExactly("tool", "first", "second arg", "unset", "yes", "dev");
        assertThat(e.invocations()).filteredOn(i -> i.texts().get(0).equals("tool")).first()
                .satisfies(i -> assertThat(i.file()).isEqualTo("deploy/run.sh"));
    }

    @Test
    void linesWrittenToGithubEnvAndOutputAreRecorded() {
        ShellEval e = run("""
                HASH=$(sha256sum Dockerfile | cut -c1-12)
                echo "hash=${HASH}" >> "$GITHUB_OUTPUT"
                echo "IMAGE=repo:${GITHUB_SHA}" >> $GITHUB_ENV
                """, Map.of());

        assertThat(e.outputWrites()).singleElement().satisfies(w -> {
            assertThat(w.name()).isEqualTo("hash");
            assertThat(w.value().render()).isEqualTo("$(sha256sum Dockerfile | cut -c1-12)");
        });
        assertThat(e.envWrites()).singleElement().satisfies(w -> {
            assertThat(w.name()).isEqualTo("IMAGE");
            assertThat(w.value().render()).isEqualTo("repo:${{ github.sha }}");
            assertThat(w.hop().line()).isEqualTo(3);
        });
    }

    @Test
    void everyArgumentKnowsItsLine() {
        ShellEval e = run("tool \\\n  --a one \\\n  --b two\n", Map.of());

        assertThat(e.invocations().get(0).args()).extracting(ShellEval.Arg::line).containsExactly(1, 2, 2, 3, 3);
    }
}

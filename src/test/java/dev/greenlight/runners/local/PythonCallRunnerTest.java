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

class PythonCallRunnerTest {
    private static final String BACKEND = "analemma-workflow-os/backend";
    private static final String INIT = BACKEND + "/src/common/initialize_state_data.py";
    private static final String SDM = BACKEND + "/src/handlers/utils/state_data_manager.py";

    @TempDir
    Path dir;
    LocalFixture fx;
    final PythonCallRunner runner = new PythonCallRunner();

    @BeforeEach
    void checkout() {
        fx = new LocalFixture(dir)
                .write(INIT, LocalFixture.INITIALIZE_STATE_DATA)
                .write(SDM, LocalFixture.stateDataManager(6));
    }

    private Result run(String file, String function, String argsPattern, Integer min, Integer max) {
        return runner.run(new PythonCallRunner.Spec(file, function, argsPattern, min, max), fx.ctx());
    }

    @Test
    void passesForSixCallsListingEachLine() {
        Result r = run(SDM, "universal_sync_core", null, 6, null);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.actual()).isEqualTo("6 calls (lines 12, 20, 28, 36, 44, 52)");
        assertThat(r.evidence()).hasSize(6).allSatisfy(e -> {
            assertThat(e.subject()).isEqualTo("call");
            assertThat(e.text()).isEqualTo("return universal_sync_core(");
        });
    }

    @Test
    void failsWithOneCallFewerNamingTheCountAndTheLines() {
        fx.write(SDM, LocalFixture.stateDataManager(5));
        Result r = run(SDM, "universal_sync_core", null, 6, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.expected()).isEqualTo("at least 6 calls of universal_sync_core(...)");
        assertThat(r.actual()).isEqualTo("5 calls (lines 12, 20, 28, 36, 44)");
        assertThat(r.reason()).isEqualTo(SDM + " calls universal_sync_core 5 times, fewer than the 6 expected.");
    }

    @Test
    void matchesTheArgumentsOfAMultiLineCall() {
        Result r = run(INIT, "universal_sync_core", "base_state=\\{\\}.*new_result=initial_payload.*'action': 'init'", 1, 1);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo(INIT + " calls universal_sync_core at line 17.");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.where()).isEqualTo(INIT + ":17");
            assertThat(e.text()).isEqualTo("usc_result = universal_sync_core(");
        });
    }

    /** The args-pattern the bundled checklist gives init-usc-call, so the test checks what ships. */
    private static String bundledInitPattern() throws Exception {
        try (var in = PythonCallRunnerTest.class.getResourceAsStream("/checklists/unified-pipe-v3.3.yaml")) {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in);
            return tree.findParents("id").stream().filter(n -> n.path("id").asText().equals("init-usc-call"))
                    .findFirst().orElseThrow().path("check").path("args-pattern").asText();
        }
    }

    @Test
    void theBundledInitPatternAcceptsEveryWayOfWritingActionInit() throws Exception {
        String pattern = bundledInitPattern();
        String original = "context={'action': 'init', 'owner': \"a ) # not a comment\"}";
        for (String context : new String[]{"context=dict(action='init', source='InitializeStateData')",
                "context=dict(action = \"init\")", "context={\"action\": \"init\"}", "context={'action':'init'}",
                "context={\n            'action': 'init',\n        }", original}) {
            fx = new LocalFixture(dir).write(INIT, LocalFixture.INITIALIZE_STATE_DATA.replace(original, context));

            Result r = run(INIT, "universal_sync_core", pattern, 1, null);

            assertThat(r.status()).as(context).isEqualTo(Status.PASS);
        }
    }

    @Test
    void theBundledInitPatternRejectsAnotherAction() throws Exception {
        String pattern = bundledInitPattern();
        String original = "context={'action': 'init', 'owner': \"a ) # not a comment\"}";
        for (String context : new String[]{"context={'action': 'sync', 'owner': 'init'}", "context=dict(action='sync')",
                "context={'transaction': 'init'}", "context={'action': 'initialize'}"}) {
            fx = new LocalFixture(dir).write(INIT, LocalFixture.INITIALIZE_STATE_DATA.replace(original, context));

            Result r = run(INIT, "universal_sync_core", pattern, 1, null);

            assertThat(r.status()).as(context).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void failsWhenTheArgumentsDoNotMatch() {
        Result r = run(INIT, "universal_sync_core", "'action': 'sync'", null, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("0 calls");
        assertThat(r.reason()).contains("1 other call with arguments that do not match (line 17)");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("call with other arguments");
            assertThat(e.text()).contains("'action': 'init'");
        });
    }

    @Test
    void callsInCommentsStringsAndTheDefDoNotCount() {
        // INIT mentions the call in a comment (15), a log string (16) and its docstring (3): one real call.
        Result r = run(INIT, "universal_sync_core", null, 2, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("1 call (line 17)");
        assertThat(r.evidence()).filteredOn(e -> e.subject().startsWith("not code"))
                .extracting(e -> e.line()).containsExactly(15, 16);
        fx.write("b/src/x.py", "def universal_sync_core(a):\n    return a\n");
        Result def = run("b/src/x.py", "universal_sync_core", null, null, null);
        assertThat(def.status()).isEqualTo(Status.FAIL);
        assertThat(def.actual()).isEqualTo("0 calls");
    }

    @Test
    void failsWhenTheOnlyCallIsCommentedOut() {
        fx.write("b/src/x.py", "def f():\n    # return universal_sync_core(\n    #     base_state={})\n    return None\n");
        Result r = run("b/src/x.py", "universal_sync_core", null, null, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("0 times", "line 2 mention it only in comments or strings");
    }

    @Test
    void attributeCallsCountAndCanBeNarrowedByReceiver() {
        fx.write("b/src/x.py", "usc.universal_sync_core(1)\nself.universal_sync_core(2)\nuniversal_sync_core(3)\n");
        Result all = run("b/src/x.py", "universal_sync_core", null, 3, 3);
        assertThat(all.status()).isEqualTo(Status.PASS);
        assertThat(all.notes()).anySatisfy(n -> assertThat(n).contains("attribute calls"));
        Result viaUsc = run("b/src/x.py", "usc.universal_sync_core", null, null, null);
        assertThat(viaUsc.actual()).isEqualTo("1 call (line 1)");
    }

    @Test
    void failsAboveMax() {
        Result r = run(SDM, "universal_sync_core", null, null, 5);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("6 times", "more than the 5 allowed");
    }

    @Test
    void driftFromTheLineHintIsANote() {
        Result r = runner.run(new PythonCallRunner.Spec(INIT, "universal_sync_core", null, null, null), fx.ctx(809));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).containsExactly("found at " + INIT + ":17 (the checklist says line 809)");
    }

    @Test
    void theFileIsParsedOnceForEveryPythonCheckOfTheRun() {
        var ctx = fx.ctx();
        runner.run(new PythonCallRunner.Spec(INIT, "universal_sync_core", null, null, null), ctx);
        new PythonImportRunner().run(new PythonImportRunner.Spec(INIT, "src.handlers.utils.universal_sync_core", null, null), ctx);
        new TextRunner().run(new TextRunner.Spec(INIT, null, "initial_payload", null, null, null), ctx);
        assertThat(fx.workspace.parseCounts()).containsEntry("python:" + INIT, 1);
    }

    @Test
    void missingFileFails() {
        assertThat(run("b/none.py", "f", null, null, null).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void binaryFileIsAnError() {
        fx.writeBytes("b/x.py", new byte[]{'a', 0, 'b'});
        assertThat(run("b/x.py", "f", null, null, null).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void aBadArgsPatternIsASpecProblem() {
        ObjectNode params = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("file", SDM).put("function", "universal_sync_core").put("args-pattern", "context={'action'").put("min", 6);
        assertThat(StandardRunners.registry().validate("python-call", params)).singleElement()
                .satisfies(i -> assertThat(i.field()).isEqualTo("args-pattern"));
        assertThat(run(SDM, "universal_sync_core(", null, null, null).status()).isEqualTo(Status.ERROR);
    }
}

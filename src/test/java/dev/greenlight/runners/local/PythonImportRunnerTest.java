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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PythonImportRunnerTest {
    private static final String BACKEND = "analemma-workflow-os/backend";
    private static final String INIT = BACKEND + "/src/common/initialize_state_data.py";
    private static final String SDM = BACKEND + "/src/handlers/utils/state_data_manager.py";
    private static final String USC = "src.handlers.utils.universal_sync_core";

    @TempDir
    Path dir;
    LocalFixture fx;
    final PythonImportRunner runner = new PythonImportRunner();

    @BeforeEach
    void checkout() {
        fx = new LocalFixture(dir)
                .write(INIT, LocalFixture.INITIALIZE_STATE_DATA)
                .write(SDM, LocalFixture.stateDataManager(6));
    }

    private Result run(String file, String module, List<String> names) {
        return runner.run(new PythonImportRunner.Spec(file, module, names, null), fx.ctx());
    }

    @Test
    void passesForTheAbsoluteImportWithItsLineAsEvidence() {
        Result r = run(INIT, USC, List.of("universal_sync_core"));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo(INIT + " imports " + USC + " (universal_sync_core) at line 8.");
        assertThat(r.expected()).isEqualTo("from " + USC + " import universal_sync_core");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo(INIT + ":8");
            assertThat(e.text()).isEqualTo("from src.handlers.utils.universal_sync_core import universal_sync_core");
        });
    }

    @Test
    void passesForARelativeImportResolvedAgainstTheInferredPackageRoot() {
        Result r = run(SDM, USC, List.of("universal_sync_core", "get_default_hydrator"));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.text()).isEqualTo("from .universal_sync_core import universal_sync_core, get_default_hydrator");
        });
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("resolves to " + USC, BACKEND + "/"));
    }

    @Test
    void failsWhenAnExplicitPackageRootPutsTheRelativeImportElsewhere() {
        Result r = runner.run(new PythonImportRunner.Spec(SDM, USC, List.of(), "analemma-workflow-os"), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("resolves to backend.src.handlers.utils.universal_sync_core", "is a different module");
    }

    @Test
    void passesForAParenthesisedMultiLineImport() {
        fx.write("b/src/x.py", "from src.handlers.utils.universal_sync_core import (\n    universal_sync_core,\n    get_default_hydrator,\n)\n");
        Result r = run("b/src/x.py", USC, List.of("get_default_hydrator", "universal_sync_core"));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.actual()).isEqualTo("from src.handlers.utils.universal_sync_core import (universal_sync_core, get_default_hydrator,) (line 1)");
    }

    @Test
    void failsWhenImportIsCommentedOut() {
        fx.write("b/src/x.py", "import json\n# from src.handlers.utils.universal_sync_core import universal_sync_core\n");
        Result r = run("b/src/x.py", USC, List.of("universal_sync_core"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("b/src/x.py does not import " + USC
                + "; the import at line 2 is commented out or inside a string.");
        assertThat(r.actual()).isEqualTo("no such import");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("commented out or in a string");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void failsWhenImportIsOnlyInADocstring() {
        fx.write("b/src/x.py", "\"\"\"Module.\n\nfrom src.handlers.utils.universal_sync_core import universal_sync_core\n\"\"\"\nimport json\n");
        Result r = run("b/src/x.py", USC, List.of());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.evidence()).extracting(e -> e.line()).containsExactly(3);
    }

    @Test
    void failsForAWrongModule() {
        fx.write("b/src/x.py", "from src.handler.utils.universal_sync_core import universal_sync_core\n");
        Result r = run("b/src/x.py", USC, List.of("universal_sync_core"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.expected()).isEqualTo("from " + USC + " import universal_sync_core");
        assertThat(r.actual()).isEqualTo("from src.handler.utils.universal_sync_core import universal_sync_core (line 1)");
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.subject()).isEqualTo("imports another module"));
    }

    @Test
    void failsSayingThePackageFormBindsTheModuleNotTheFunction() {
        fx.write("b/src/x.py", "from src.handlers.utils import universal_sync_core\n\n\ndef f():\n    return universal_sync_core({}, {}, {})\n");
        Result r = run("b/src/x.py", USC, List.of("universal_sync_core"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("b/src/x.py imports the module " + USC + " itself ('from src.handlers.utils import"
                + " universal_sync_core' at line 1), not universal_sync_core from it: universal_sync_core is bound to the module"
                + " object, so calling universal_sync_core(...) (line 5) raises TypeError: 'module' object is not callable.");
        assertThat(r.reason()).doesNotContain("different module");
        assertThat(r.actual()).isEqualTo("from src.handlers.utils import universal_sync_core (line 1)");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.text()).isEqualTo("from src.handlers.utils import universal_sync_core");
        });
    }

    @Test
    void thePackageFormSatisfiesAnImportOfTheModuleWithoutNames() {
        fx.write("b/src/x.py", "from src.handlers.utils import universal_sync_core\n");
        assertThat(run("b/src/x.py", USC, List.of()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenARequiredNameIsMissing() {
        fx.write("b/src/x.py", "from src.handlers.utils.universal_sync_core import universal_sync_core\n");
        Result r = run("b/src/x.py", USC, List.of("universal_sync_core", "get_default_hydrator"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("b/src/x.py imports " + USC + " at line 1 but not get_default_hydrator.");
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void aPlainImportOfTheModuleDoesNotProvideNames() {
        fx.write("b/src/x.py", "import src.handlers.utils.universal_sync_core as usc\n");
        assertThat(run("b/src/x.py", USC, List.of()).status()).isEqualTo(Status.PASS);
        assertThat(run("b/src/x.py", USC, List.of("universal_sync_core")).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anImportUnderTryStillCountsAndSaysSo() {
        fx.write("b/src/x.py", "try:\n    from src.handlers.utils.universal_sync_core import universal_sync_core\nexcept ImportError:\n    universal_sync_core = None\n");
        Result r = run("b/src/x.py", USC, List.of("universal_sync_core"));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("line 2", "inside 'try:'", "caught"));
    }

    @Test
    void anImportOnlyUnderTypeCheckingFailsBecauseItNeverRuns() {
        // was a WARN: at run time the module is never imported, so the fact is false
        fx.write("b/src/x.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from src.handlers.utils.universal_sync_core import universal_sync_core\n");
        Result r = run("b/src/x.py", USC, List.of("universal_sync_core"));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("b/src/x.py imports " + USC + " only under 'if TYPE_CHECKING:' (line 3), which is false at"
                + " run time: the module is never imported when the code runs, so universal_sync_core would raise NameError.");
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void typingDotTypeCheckingAndIfFalseNeverRunEither() {
        fx.write("b/src/x.py", """
                import typing

                if typing.TYPE_CHECKING:
                    from src.handlers.utils.universal_sync_core import universal_sync_core
                """);
        assertThat(run("b/src/x.py", USC, List.of("universal_sync_core")).status()).isEqualTo(Status.FAIL);
        fx.write("b/src/y.py", "if False:  # disabled while the USC rollout is paused\n    import src.handlers.utils.universal_sync_core\n");
        assertThat(run("b/src/y.py", USC, List.of()).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void theElseOfTypeCheckingAndASecondRunTimeImportDoCount() {
        fx.write("b/src/x.py", """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from src.handlers.utils.universal_sync_core import universal_sync_core
                else:
                    from src.handlers.utils.universal_sync_core import universal_sync_core
                """);
        Result r = run("b/src/x.py", USC, List.of("universal_sync_core"));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("line 3", "does not count"));
    }

    @Test
    void aStarImportIsAWarningWhenNamesAreRequired() {
        fx.write("b/src/x.py", "from src.handlers.utils.universal_sync_core import *\n");
        assertThat(run("b/src/x.py", USC, List.of("universal_sync_core")).status()).isEqualTo(Status.WARN);
    }

    @Test
    void driftFromTheLineHintIsANote() {
        Result r = runner.run(new PythonImportRunner.Spec(INIT, USC, List.of(), null), fx.ctx(27));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).contains("found at " + INIT + ":8 (the checklist says line 27)");
    }

    @Test
    void missingFileFails() {
        Result r = run(BACKEND + "/src/common/nope.py", USC, List.of());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("does not exist");
    }

    @Test
    void binaryFileIsAnError() {
        fx.writeBytes("b/src/x.pyc", new byte[]{0x55, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0});
        assertThat(run("b/src/x.pyc", USC, List.of()).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void isRegisteredAndRejectsARelativeModuleInTheSpec() {
        ObjectNode params = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("file", INIT).put("module", ".universal_sync_core").put("package-root", BACKEND);
        assertThat(StandardRunners.registry().validate("python-import", params)).singleElement()
                .satisfies(i -> assertThat(i.field()).isEqualTo("module"));
    }
}

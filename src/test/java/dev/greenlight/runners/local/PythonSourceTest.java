package dev.greenlight.runners.local;

import org.junit.jupiter.api.Test;

import static dev.greenlight.runners.local.LocalFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

class PythonSourceTest {

    private static PythonSource parse(String text) {
        return PythonSource.parse(source("backend/src/handlers/utils/m.py", text));
    }

    @Test
    void readsAParenthesisedMultiLineFromImport() {
        PythonSource s = parse("""
                import os
                from src.handlers.utils.universal_sync_core import (
                    universal_sync_core,  # the core
                    get_default_hydrator as hydrator,
                )
                x = 1
                """);
        assertThat(s.imports()).hasSize(2);
        PythonSource.Import imp = s.imports().get(1);
        assertThat(imp.line()).isEqualTo(2);
        assertThat(imp.endLine()).isEqualTo(5);
        assertThat(imp.module()).isEqualTo("src.handlers.utils.universal_sync_core");
        assertThat(imp.names()).extracting(PythonSource.ImportedName::name)
                .containsExactly("universal_sync_core", "get_default_hydrator");
        assertThat(imp.names().get(1).alias()).isEqualTo("hydrator");
    }

    @Test
    void readsPlainImportsWithAliasesAndBackslashContinuations() {
        PythonSource s = parse("import a.b as c, d\nfrom x \\\n    import y\n");
        assertThat(s.imports().get(0).from()).isFalse();
        assertThat(s.imports().get(0).names()).containsExactly(
                new PythonSource.ImportedName("a.b", "c"), new PythonSource.ImportedName("d", null));
        assertThat(s.imports().get(1).module()).isEqualTo("x");
        assertThat(s.imports().get(1).names()).extracting(PythonSource.ImportedName::name).containsExactly("y");
    }

    @Test
    void resolvesRelativeImportsAgainstTheFilesPackage() {
        PythonSource s = parse("from .universal_sync_core import f\nfrom .. import core\nfrom ...x.y import z\n");
        String pkg = PythonSource.packageOf("backend/src/handlers/utils/state_data_manager.py", "backend");
        assertThat(pkg).isEqualTo("src.handlers.utils");
        assertThat(s.imports().get(0).level()).isEqualTo(1);
        assertThat(s.imports().get(0).absoluteModule(pkg)).isEqualTo("src.handlers.utils.universal_sync_core");
        assertThat(s.imports().get(1).absoluteModule(pkg)).isEqualTo("src.handlers");
        assertThat(s.imports().get(2).absoluteModule(pkg)).isEqualTo("src.x.y");
        assertThat(s.imports().get(2).absoluteModule("a")).isNull();
    }

    @Test
    void infersThePackageRootFromTheModulesTopPackage() {
        assertThat(PythonSource.inferPackageRoot("analemma-workflow-os/backend/src/handlers/utils/x.py",
                "src.handlers.utils.universal_sync_core")).isEqualTo("analemma-workflow-os/backend");
        assertThat(PythonSource.inferPackageRoot("src/common/x.py", "src.handlers.a")).isEmpty();
        assertThat(PythonSource.inferPackageRoot("lib/x.py", "src.a")).isEmpty();
        assertThat(PythonSource.packageOf("lib/x.py", "backend")).isNull();
    }

    @Test
    void importsNotInCodeAreNotImports() {
        PythonSource s = parse("""
                \"\"\"
                from src.a import b
                \"\"\"
                # from src.a import c
                text = "import os"
                """);
        assertThat(s.imports()).isEmpty();
    }

    @Test
    void importsRememberTheBlocksAroundThem() {
        PythonSource s = parse("""
                try:
                    from src.a import b
                except ImportError:
                    b = None
                from src.c import d
                def f():
                    import json
                """);
        assertThat(s.imports().get(0).enclosing()).containsExactly("try");
        assertThat(s.imports().get(1).enclosing()).isEmpty();
        assertThat(s.imports().get(2).enclosing()).containsExactly("def f()");
    }

    @Test
    void callsCarryTheirBalancedArgumentTextAcrossLines() {
        PythonSource s = PythonSource.parse(source("a.py", LocalFixture.INITIALIZE_STATE_DATA));
        assertThat(s.calls("universal_sync_core")).singleElement().satisfies(c -> {
            assertThat(c.line()).isEqualTo(17);
            assertThat(c.endLine()).isEqualTo(21);
            assertThat(c.arguments()).contains("base_state={}", "new_result=initial_payload",
                    "context={'action': 'init', 'owner': \"a ) # not a comment\"}");
            assertThat(c.attribute()).isFalse();
        });
    }

    @Test
    void definitionsCommentsAndStringsAreNotCalls() {
        PythonSource s = parse("""
                def universal_sync_core(a):
                    pass
                async def universal_sync_core(b): pass
                # universal_sync_core(1)
                log("universal_sync_core(2)")
                ref = universal_sync_core
                universal_sync_core (3)
                """);
        assertThat(s.calls("universal_sync_core")).extracting(PythonSource.Call::line).containsExactly(7);
    }

    @Test
    void attributeCallsKnowTheirReceiver() {
        PythonSource s = parse("self.usc.universal_sync_core(1)\nmake().universal_sync_core(2)\n' '.join(x)\n");
        assertThat(s.calls("universal_sync_core")).extracting(PythonSource.Call::receiver)
                .containsExactly("self.usc", "(...)");
        assertThat(s.calls("join")).singleElement().satisfies(c -> assertThat(c.attribute()).isTrue());
    }
}

package dev.greenlight.loader;

import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.runners.StandardRunners;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** gate, on-no-data and requires as the loader reads them, and the per-runner defaults they fall back on. */
class GatingFieldsLoaderTest {
    private static final String CHECKLIST = """
            id: gating
            title: Gating
            %s
            vars:
              stack: backend-dev
            sections:
              - id: s
                title: S
                items:
                  - id: tpl
                    title: Template
                    %s
                    check: {type: file-exists, paths: [template.yaml]}
                  - id: import-errors
                    title: No import errors since the deploy
                    check: {type: logs-pattern, logical-id: Fn, pattern: ImportError, present: false, since: deploy %s}
                  - id: cold
                    title: Cold starts under 3 s
                    check: {type: logs-cold-start, logical-id: Fn, since: deploy, max-ms: 3000}
            """;

    private static LoadResult load(String top, String item, String check) {
        return Greenlight.loader().parse(CHECKLIST.formatted(top, item, check).getBytes(StandardCharsets.UTF_8), "g.yaml");
    }

    private static ItemResult.Gating gating(Checklist c, String id) {
        return ChecklistRun.gating(c.item(id).orElseThrow(), StandardRunners.registry());
    }

    @Test
    void readsGateOnNoDataAndRequires() {
        LoadResult r = load("requires: [post-deploy]", "gate: false", ", on-no-data: warn");
        assertThat(r.problems()).isEmpty();
        Checklist c = r.checklist().orElseThrow();
        assertThat(c.requiresPostDeploy()).isTrue();
        assertThat(gating(c, "tpl")).isEqualTo(new ItemResult.Gating(false, true, false));
        assertThat(gating(c, "import-errors")).isEqualTo(new ItemResult.Gating(true, false, true));
    }

    @Test
    void withoutTheFieldsEveryItemGatesAndEachRunnerSaysWhetherNoDataBlocks() {
        Checklist c = load("", "", "").checklist().orElseThrow();
        assertThat(c.requires()).isEmpty();
        assertThat(gating(c, "tpl").gate()).isTrue();
        assertThat(gating(c, "import-errors").noDataBlocks()).as("logs-pattern: no data blocks").isTrue();
        assertThat(gating(c, "cold").noDataBlocks()).as("logs-cold-start: speed, not correctness").isFalse();
    }

    @Test
    void rejectsValuesThatAreNotTheirsWithTheLine() {
        LoadResult r = load("requires: [pre-deploy]", "gate: maybe", ", on-no-data: ignore");
        assertThat(r.problems()).extracting(Problem::format)
                .anySatisfy(p -> assertThat(p).startsWith("g.yaml:3:").contains("'requires' knows only 'post-deploy', not 'pre-deploy'"))
                .anySatisfy(p -> assertThat(p).contains("'gate' must be true or false"))
                .anySatisfy(p -> assertThat(p).contains("'on-no-data' must be 'block' or 'warn', not 'ignore'"));
    }

    @Test
    void aMisindentedKeyIsASentenceWithItsLineAndTheParsersWordsComeSecond() {
        LoadResult r = Greenlight.loader().parse("""
                id: x
                title: X
                sections:
                  - id: s
                    title: S
                   items: []
                """.getBytes(StandardCharsets.UTF_8), "x.yaml");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.format()).startsWith("x.yaml:6:4: not valid YAML: line 6, column 4 is indented more or less than"
                    + " the lines it belongs with");
            assertThat(p.message()).doesNotContain("<block");
            assertThat(p.suggestion()).startsWith("the YAML parser said: ").contains("expected <block end>");
        });
    }

    @Test
    void theSameMappingIndentedEvenlyLoads() {
        LoadResult r = Greenlight.loader().parse("""
                id: x
                title: X
                sections:
                  - id: s
                    title: S
                    items:
                      - {id: m, title: M, manual: true}
                """.getBytes(StandardCharsets.UTF_8), "x.yaml");
        assertThat(r.problems()).isEmpty();
    }
}

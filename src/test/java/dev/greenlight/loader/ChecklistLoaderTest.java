package dev.greenlight.loader;

import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistLoaderTest {
    private final ChecklistLoader loader = Greenlight.loader();

    private LoadResult load(String yaml) {
        return loader.parse(yaml.getBytes(StandardCharsets.UTF_8), "c.yaml");
    }

    private static final String GOOD = """
            id: demo
            title: Demo
            vars:
              backend: app/backend
              stage: dev
            sections:
              - id: files
                title: Files
                items:
                  - id: asl-file
                    title: ASL file exists in ${backend}
                    why: The deploy reads it.
                    check:
                      type: file-exists
                      paths: ["${backend}/src/v3.json"]
                      line-hint: 12
                    troubleshoot:
                      - title: List the ASL files
                        when: missing
                        run: ls -la ${backend}/src
                  - id: trigger
                    title: Push to main
                    manual: true
                    needs: [asl-file]
            """;

    @Test
    void loadsSectionsItemsVariablesAndTroubleshooting() {
        LoadResult r = load(GOOD);
        assertThat(r.problems()).isEmpty();
        Checklist c = r.checklist().orElseThrow();
        assertThat(c.vars()).containsEntry("backend", "app/backend");
        Item asl = c.item("asl-file").orElseThrow();
        assertThat(asl.check().type()).isEqualTo("file-exists");
        assertThat(asl.lineHint()).isEqualTo(12);
        assertThat(asl.check().params().has("line-hint")).isFalse();
        assertThat(asl.troubleshoot()).singleElement().satisfies(t -> assertThat(t.local()).isTrue());
        assertThat(c.item("trigger").orElseThrow().manual()).isTrue();
    }

    /**
     * A fraction where a count is meant used to be cut to a whole number: {@code min-matches: 0.5}
     * became 0, a bar that nothing fails. Now it is a problem at load time.
     */
    @Test
    void aFractionWhereAWholeNumberIsMeantIsAProblemNotTruncated() {
        LoadResult r = load(GOOD.replace("      line-hint: 12", "      line-hint: 12\n          min-matches: 0.5"));
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("wrong kind of value for 'min-matches': expected a whole number, found 0.5");
            assertThat(p.format()).startsWith("c.yaml:17:11:");
        });
        assertThat(load(GOOD.replace("      line-hint: 12", "      line-hint: 12\n          min-matches: 1")).problems()).isEmpty();
    }

    @Test
    void suggestsTheClosestRunnerTypeWithLineAndColumn() {
        LoadResult r = load(GOOD.replace("type: file-exists", "type: file-exist"));
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.format()).startsWith("c.yaml:14:");
            assertThat(p.message()).contains("unknown runner type 'file-exist'");
            assertThat(p.suggestion()).contains("file-exists");
        });
    }

    @Test
    void reportsUndefinedVariablesDuplicateIdsAndBadRegexTogether() {
        String broken = GOOD.replace("ls -la ${backend}/src", "ls -la ${backnd}/src")
                .replace("id: trigger", "id: asl-file")
                .replace("when: missing", "when: \"miss(ing\"");
        LoadResult r = load(broken);
        assertThat(r.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("undefined variable ${backnd}"))
                .anySatisfy(m -> assertThat(m).contains("duplicate item id 'asl-file'"))
                .anySatisfy(m -> assertThat(m).contains("bad regular expression"));
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.location()).isNotNull());
        assertThat(r.problems()).filteredOn(p -> p.message().contains("backnd"))
                .singleElement().satisfies(p -> assertThat(p.suggestion()).contains("backend"));
    }

    @Test
    void reportsAMissingParameter() {
        LoadResult r = load(GOOD.replaceAll("(?m)^\\s*paths: .*\\n", ""));
        assertThat(r.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("missing parameter 'paths'"));
    }

    @Test
    void reportsAnUnknownParameterWithASuggestion() {
        LoadResult r = load(GOOD.replace("paths: [", "path: ["));
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("unknown parameter 'path'");
            assertThat(p.suggestion()).contains("paths");
        });
    }

    @Test
    void reportsMalformedYamlWithItsPosition() {
        LoadResult r = load("id: x\ntitle: [unclosed\nsections: []\n");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.location()).isNotNull();
        });
    }

    @Test
    void rejectsInvalidUtf8WithTheOffendingPosition() {
        byte[] bytes = "id: x\ntitle: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        LoadResult r = loader.parse(bytes, "c.yaml");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("not valid UTF-8");
            assertThat(p.location().line()).isEqualTo(2);
        });
    }

    @Test
    void rejectsNeedsCyclesAndUnknownNeeds() {
        String cyclic = GOOD.replace("why: The deploy reads it.", "why: The deploy reads it.\n        needs: [trigger]");
        LoadResult r = load(cyclic);
        assertThat(r.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("cycle"));
        LoadResult unknown = load(GOOD.replace("needs: [asl-file]", "needs: [asl-fil]"));
        assertThat(unknown.problems()).singleElement().satisfies(p -> assertThat(p.suggestion()).contains("asl-file"));
    }

    @Test
    void escapedReferencesAreLiteralAndNeedNoDefinition() {
        LoadResult r = load(GOOD.replace("ls -la ${backend}/src", "echo $${AWS_REGION}"));
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void missingFileIsAProblemNotAnException() {
        LoadResult r = loader.load(java.nio.file.Path.of("/nonexistent/checklist.yaml"));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("no such checklist file"));
    }
}

package dev.greenlight.hostile;

import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.yaml.LocatedYaml;
import dev.greenlight.yaml.YamlSyntaxException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per loader bug the fuzz test found (seeds from {@link ChecklistLoaderFuzzTest}'s default
 * window, 20260101 onwards). Each builds the smallest input with the same cause.
 */
class LoaderRegressionTest {
    private final ChecklistLoader loader = Greenlight.loader();

    private static final String ITEMS = """
            sections:
              - id: s
                title: S
                items:
                  - id: i
                    title: I
                    check:
                      type: file-exists
                      paths: ["%s"]
            """;

    private LoadResult load(String yaml) {
        return within(() -> loader.parse(yaml.getBytes(StandardCharsets.UTF_8), "c.yaml"));
    }

    /** A hang fails the test instead of stalling the build; not a speed assertion. */
    private static <T> T within(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Seeds 20260174, 20260193, 20260431 …: {@code v1: ${v0}${v0}} doubled 40 times ran out of memory. */
    @Test
    void aVariableThatDoublesItselfIsAProblemNotAnOutOfMemory() {
        StringBuilder y = new StringBuilder("id: bomb\ntitle: B\nvars:\n  v0: lollollollollol\n");
        for (int k = 1; k < 45; k++) {
            y.append("  v").append(k).append(": ${v").append(k - 1).append("}${v").append(k - 1).append("}\n");
        }
        LoadResult r = load(y + ITEMS.formatted("${v44}"));

        assertThat(r.checklist()).isEmpty();
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("longer than " + Variables.MAX_VALUE_CHARS + " characters");
            assertThat(p.location().line()).isPositive();
        });
    }

    /** Seeds 20260175, 20260438 …: 10,000 variables each defined by the next overflowed the stack. */
    @Test
    void aTenThousandLinkVariableChainIsAProblemNotAStackOverflow() {
        StringBuilder y = new StringBuilder("id: chain\ntitle: C\nvars:\n");
        for (int k = 0; k < 10_000; k++) {
            y.append("  c").append(k).append(": ${c").append(k + 1).append("}\n");
        }
        y.append("  c10000: end\n");
        LoadResult r = load(y + ITEMS.formatted("${c0}"));

        assertThat(r.problems()).anySatisfy(p -> assertThat(p.message())
                .contains("more than " + Variables.MAX_NESTING + " levels deep"));
    }

    @Test
    void variablesStillResolveThroughShortChains() throws VariableException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int k = 0; k < Variables.MAX_NESTING - 1; k++) {
            vars.put("c" + k, "${c" + (k + 1) + "}");
        }
        vars.put("c" + (Variables.MAX_NESTING - 1), "end");
        assertThat(Variables.of(vars).resolve("c0")).isEqualTo("end");
    }

    @Test
    void aVariableCycleIsReportedAtLoadTime() {
        LoadResult r = load("id: cyc\ntitle: C\nvars:\n  a: ${b}\n  b: ${a}\n" + ITEMS.formatted("${a}"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("refers to itself");
            assertThat(p.location().line()).isEqualTo(12); // the item's check
        });
    }

    /** Seed 20260501: an item with {@code id: ""} put a null id among the names searched for "did you mean". */
    @Test
    void anEmptyItemIdNextToANeedsListIsAProblemNotANullPointer() {
        LoadResult r = load("""
                id: x
                title: X
                sections:
                  - id: s
                    title: S
                    items:
                      - id: ""
                        title: Nameless
                        manual: true
                      - id: b
                        title: B
                        manual: true
                        needs: [a]
                """);
        assertThat(r.problems()).extracting(Problem::message)
                .containsExactlyInAnyOrder("missing 'id'", "item 'b' needs unknown item 'a'");
    }

    /** Seeds 20260241, 20260403: a 3 MB single-line scalar took over 10 s inside SnakeYAML (quadratic). */
    @Test
    void aLineLongerThanTheLimitIsRefusedWithItsLineNumber() {
        LoadResult r = load("id: x\ntitle: " + "a".repeat(3 * 1024 * 1024) + "\n");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("line 2 is " + (3 * 1024 * 1024 + 7) + " characters long");
            assertThat(p.location().line()).isEqualTo(2);
        });
    }

    @Test
    void aLineJustUnderTheLimitIsRead() throws YamlSyntaxException {
        String v = "b".repeat(LocatedYaml.MAX_LINE_CHARS - 3);
        assertThat(LocatedYaml.parse("a: " + v + "\r\nc: 1\r\n").root().get("a").asText()).isEqualTo(v);
    }

    @Test
    void aLongCommentLineIsAlsoRefused() {
        assertThatThrownBy(() -> LocatedYaml.parse("a: 1\n\n# " + "x".repeat(LocatedYaml.MAX_LINE_CHARS) + "\n"))
                .isInstanceOfSatisfying(YamlSyntaxException.class, e -> assertThat(e.location().line()).isEqualTo(3));
    }

    /**
     * Seeds 20260119, 20260682 …: 100,000 undefined references each searched 100,000 names for a near
     * miss. Now the first problems are listed, the rest counted, and so many names get no suggestion.
     */
    @Test
    void aHundredThousandBrokenReferencesListTheFirstProblemsAndCountTheRest() {
        StringBuilder y = new StringBuilder("id: many\ntitle: M\nvars:\n");
        for (int k = 0; k < 100_000; k++) {
            y.append("  key").append(k).append(": ${kez").append(k).append("}\n");
        }
        LoadResult r = load(y + ITEMS.formatted("x"));

        assertThat(r.problems()).hasSize(ChecklistLoader.MAX_PROBLEMS + 1);
        assertThat(r.problems().get(0).format()).isEqualTo(
                "c.yaml:4:3: undefined variable ${kez0} (define it under 'vars', or write $${kez0} for a literal ${kez0})");
        assertThat(r.problems().get(ChecklistLoader.MAX_PROBLEMS).message())
                .isEqualTo((100_000 - ChecklistLoader.MAX_PROBLEMS) + " more problems not listed (only the first "
                        + ChecklistLoader.MAX_PROBLEMS + " are shown)");
    }

    /** Found by the long-name-typo mutation: edit distance between two 200,000-character names. */
    @Test
    void aVeryLongUndefinedVariableGetsNoSuggestionAndNoHang() {
        String name = "n".repeat(200_000);
        // a plain YAML key is at most 1024 characters; an explicit "? key" has no limit
        LoadResult r = load("id: x\ntitle: X\nvars:\n  ? " + name + "a\n  : x\n" + ITEMS.formatted("${" + name + "b}"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("undefined variable ${nnn");
            assertThat(p.suggestion()).startsWith("define it under 'vars'");
        });
    }

    @Test
    void shortTyposStillGetASuggestion() {
        LoadResult r = load("id: x\ntitle: X\nvars:\n  backend: b\n" + ITEMS.formatted("${backedn}/x"));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.suggestion()).isEqualTo("did you mean 'backend'?"));
    }

    /** Seed 20260223 ("{*a"): the problem quoted a Java object, {@code <org.yaml.snakeyaml.events.AliasEvent(anchor=a)>}. */
    @Test
    void anAliasWhereAKeyBelongsIsDescribedInYamlWords() {
        LoadResult r = load("{*a");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("got this instead: an alias (*a)").doesNotContain("org.yaml");
            assertThat(p.location()).isNotNull();
        });
    }

    /** Seed 20262115: "Cannot deserialize value of type `java.lang.String` from Object value (token `JsonToken.START_OBJECT`)". */
    @Test
    void aTaggedValueWhereTextBelongsSaysWhatWasExpectedAndFound() {
        LoadResult r = load("id: x\ntitle: X\n" + ITEMS.replace("[\"%s\"]", "[!Foo x]"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.format()).isEqualTo("c.yaml:11:19: wrong kind of value for 'paths/0': expected text, found a tagged value (!Foo)");
        });
    }

    @Test
    void aListWhereTextBelongsSaysWhatWasExpectedAndFound() {
        LoadResult r = load("id: x\ntitle: X\n" + ITEMS.replace("paths: [\"%s\"]", "paths: [x]\n          min-matches: [1, 2]"));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("wrong kind of value for 'min-matches': expected a number, found a list"));
    }
}

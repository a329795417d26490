package dev.greenlight.runners.local;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.greenlight.runners.local.CfnFixture.ASL;
import static org.assertj.core.api.Assertions.assertThat;

class JsonValueRunnerTest {
    @TempDir
    Path dir;
    CfnFixture fx;
    final JsonValueRunner runner = new JsonValueRunner();

    static final String FILE = "file: analemma-workflow-os/backend/src/aws_step_functions_v3.json\n";

    @BeforeEach
    void setUp() throws Exception {
        fx = new CfnFixture(dir);
    }

    @Test
    void passesAtTheValuesLineForADotPath() throws Exception {
        Result r = fx.run(runner, FILE + """
                path: States.InitializeStateBag.Parameters.FunctionName
                equals: ${InitializeStateDataArn}
                """, 120);

        int line = fx.lineOf(ASL, "\"FunctionName\"");
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).containsExactly(Evidence.at("States.InitializeStateBag.Parameters.FunctionName", ASL, line,
                "\"FunctionName\": \"${InitializeStateDataArn}\","));
        assertThat(r.notes()).containsExactly("found at " + ASL + ":" + line + " (the checklist says line 120)");
    }

    @Test
    void readsKeysWithDotsThroughAPointer() {
        Result r = fx.run(runner, FILE + """
                path: /States/InitializeStateBag/Parameters/Payload.$
                equals: $
                """, null);

        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenTheValueDiffers() {
        Result r = fx.run(runner, FILE + """
                path: Comment
                equals: Analemma OS v2.0
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.expected()).isEqualTo("Analemma OS v2.0");
        assertThat(r.actual()).isEqualTo("Analemma OS v3.0 - Smart StateBag Orchestrator");
        assertThat(r.evidence().get(0).line()).isEqualTo(2);
    }

    @Test
    void comparesScalarsStrictly() throws Exception {
        fx.write("a.json", "{\"TimeoutSeconds\": \"30\"}");

        Result r = fx.run(runner, "file: a.json\npath: TimeoutSeconds\nequals: 30\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void containsMeansSubstringElementOrKey() {
        assertThat(fx.run(runner, FILE + "path: Comment\ncontains: v3.0\n", null).status()).isEqualTo(Status.PASS);
        assertThat(fx.run(runner, FILE + "path: States.Sync.Parameters.Tags\ncontains: b\n", null).status()).isEqualTo(Status.PASS);
        assertThat(fx.run(runner, FILE + "path: States.Sync.Parameters.Tags\ncontains: c\n", null).status()).isEqualTo(Status.FAIL);
        assertThat(fx.run(runner, FILE + "path: States\ncontains: RunSegment\n", null).status()).isEqualTo(Status.PASS);
        assertThat(fx.run(runner, FILE + "path: States\ncontains: Legacy\n", null).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void notContainsFailsWhenTheThingIsThere() {
        Result r = fx.run(runner, FILE + "path: States\nnot-contains: RunSegment\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("which contains RunSegment");
    }

    @Test
    void matchesARegex() {
        assertThat(fx.run(runner, FILE + "path: Comment\nmatches: v3\\.\\d\n", null).status()).isEqualTo(Status.PASS);
        assertThat(fx.run(runner, FILE + "path: Comment\nmatches: v4\\.\\d\n", null).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void failsWithASuggestionWhenThePathIsMissing() throws Exception {
        Result r = fx.run(runner, FILE + "path: States.InitialiseStateBag.Type\nequals: Task\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.notes()).contains("did you mean 'InitializeStateBag'?");
        assertThat(r.evidence().get(0).line()).isEqualTo(fx.lineOf(ASL, "\"States\""));
    }

    @Test
    void existsFalsePassesWhenAbsent() {
        Result r = fx.run(runner, FILE + "path: States.Legacy\nexists: false\n", null);

        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void passesForValidJsonWithoutAPath() {
        Result r = fx.run(runner, FILE, null);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo(ASL + " is valid JSON.");
    }

    @Test
    void aValueCheckErrorsWithLineAndColumnOnInvalidAslJson() throws Exception {
        fx.edit(ASL, "\"StartAt\": \"InitializeStateBag\",", "\"StartAt\": \"InitializeStateBag\"");

        Result r = fx.run(runner, FILE + "path: Comment\nexists: true\n", null);

        // the value cannot be read, so it was not evaluated: ERROR; the validity item is the FAIL
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).startsWith("Not valid JSON at " + ASL + ":4:3: ").endsWith("; Comment cannot be read.");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.text()).isEqualTo("\"States\": {");
        });
    }

    @Test
    void commentsAreNotJson() throws Exception {
        fx.write("a.json", "{\n  // \"Comment\": \"v3\"\n  \"Comment\": \"v2\"\n}\n");

        Result r = fx.run(runner, "file: a.json\npath: Comment\nequals: v3\n", null);
        Result validity = fx.run(runner, "file: a.json\n", null);

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(validity.status()).isEqualTo(Status.FAIL);
        assertThat(validity.reason()).startsWith("Not valid JSON at a.json:2:");
        assertThat(r.reason()).startsWith("Not valid JSON at a.json:2:");
    }

    @Test
    void failsWhenTheFileIsMissingAndErrorsWhenBinary() throws Exception {
        Files.write(dir.resolve("bin.json"), new byte[]{'{', 0, '}'});

        assertThat(fx.run(runner, "file: nope.json\n", null).status()).isEqualTo(Status.FAIL);
        Result binary = fx.run(runner, "file: bin.json\n", null);
        assertThat(binary.status()).isEqualTo(Status.ERROR);
        assertThat(binary.reason()).isEqualTo("bin.json is a binary file, not text");
    }

    @Test
    void showsAWindowOfALongMinifiedLine() throws Exception {
        fx.write("min.json", "{\"Pad\": \"" + "x".repeat(500) + "\", \"Comment\": \"v3\"}");

        Result r = fx.run(runner, "file: min.json\npath: Comment\nequals: v3\n", null);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence().get(0).text()).contains("\"Comment\": \"v3\"").hasSizeLessThan(SourceExcerpt.MAX + 3);
    }

    @Test
    void hidesSecretLookingValues() throws Exception {
        fx.write("cfg.json", "{\"ApiKey\": \"sk-live-xyz\"}");

        Result r = fx.run(runner, "file: cfg.json\npath: ApiKey\nequals: sk-live-abc\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.toString()).doesNotContain("sk-live-xyz");
    }

    /** The orchestrator's RunSegment state with its ResultSelector pasted twice, as at the backend's newest commit. */
    private void repeatResultSelector(String secondValue) throws Exception {
        fx.edit(ASL, """
                      "Resource": "${SegmentRunnerArn}",
                """, """
                      "Resource": "${SegmentRunnerArn}",
                      "ResultSelector": {"segment.$": "$.Payload"},
                      "ResultPath": "$.segment",
                      "ResultSelector": %s,
                """.formatted(secondValue));
    }

    @Test
    void aRepeatedMemberNameIsAWarnNamingBothLinesNotInvalidJson() throws Exception {
        repeatResultSelector("{\"segment.$\": \"$.Payload\"}");
        int first = fx.lineOf(ASL, "\"ResultSelector\"");

        Result r = fx.run(runner, FILE, null);

        // the old strict parser called this "Not valid JSON: Duplicate field" (FAIL); SAM deploys it
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.reason()).isEqualTo(ASL + " is valid JSON, but a member name repeats: \"ResultSelector\" appears twice in"
                + " state RunSegment: lines " + first + " and " + (first + 2) + "; SAM and Python keep the last (all are the same value).");
        assertThat(r.evidence()).extracting(Evidence::line).containsExactly(first, first + 2);
        assertThat(r.evidence()).extracting(Evidence::subject).containsExactly("\"ResultSelector\" (dropped)", "\"ResultSelector\" (kept)");
    }

    @Test
    void aValueCheckReadsTheLastOfARepeatedMemberAtItsLine() throws Exception {
        repeatResultSelector("{\"segment.$\": \"$.Payload.segment\"}");
        int kept = fx.lineOf(ASL, "\"ResultSelector\"") + 2;

        Result comment = fx.run(runner, FILE + "path: Comment\ncontains: v3.0\n", null);
        Result selector = fx.run(runner, FILE + "path: /States/RunSegment/ResultSelector/segment.$\nequals: $.Payload.segment\n", null);

        assertThat(comment.status()).isEqualTo(Status.PASS); // the old code: ERROR, Comment never evaluated
        assertThat(selector.status()).isEqualTo(Status.PASS);
        assertThat(selector.evidence().get(0).line()).isEqualTo(kept);
        assertThat(selector.notes()).anySatisfy(n -> assertThat(n).contains("the one at line " + kept + " is deployed"));
    }

    @Test
    void aRealChangeInAFileWithARepeatedMemberStillFailsAtItsLine() throws Exception {
        repeatResultSelector("{\"segment.$\": \"$.Payload\"}");
        fx.edit(ASL, "Analemma OS v3.0", "Analemma OS v2.9");

        Result r = fx.run(runner, FILE + "path: Comment\ncontains: v3.0\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.evidence().get(0)).satisfies(e -> {
            assertThat(e.file()).isEqualTo(ASL);
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void aMissingCommaBesideARepeatedMemberIsStillInvalidJsonAtItsLineAndColumn() throws Exception {
        repeatResultSelector("{\"segment.$\": \"$.Payload\"}");
        fx.edit(ASL, "\"ResultPath\": \"$.segment\",", "\"ResultPath\": \"$.segment\"");
        int at = fx.lineOf(ASL, "\"ResultPath\"") + 1;

        Result r = fx.run(runner, FILE, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).startsWith("Not valid JSON at " + ASL + ":" + at + ":7: ");
    }

    @Test
    void aNumberWrittenAsAStringSaysTheTypesDifferNotThatThirtyIsNotThirty() throws Exception {
        fx.write("sfn/limits.json", "{\n  \"TimeoutSeconds\": 30\n}\n");

        Result asText = fx.run(runner, "file: sfn/limits.json\npath: TimeoutSeconds\nequals: \"30\"\n", null);
        Result asNumber = fx.run(runner, "file: sfn/limits.json\npath: TimeoutSeconds\nequals: 30\n", null);

        assertThat(asText.status()).isEqualTo(Status.FAIL);
        assertThat(asText.reason()).contains("the number 30, expected the string 30");
        assertThat(asNumber.status()).as(asNumber.reason()).isEqualTo(Status.PASS);
    }
}

package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.CfnFixture.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry the checklist's expect: lists (the document requires it) but no placeholder uses is kept
 * on purpose: PASS with a note, never a WARN advising its removal — removing it would FAIL.
 */
class CfnSubstitutionsListedEntriesTest {
    @TempDir
    Path dir;
    CfnFixture fx;
    final CfnSubstitutionsRunner runner = new CfnSubstitutionsRunner();

    /** The document lists MergeCallbackArn, which this definition has no placeholder for. */
    static final String EXPECTING_MERGE_CALLBACK = """
            template: analemma-workflow-os/backend/template.yaml
            resource: StepFunctionOrchestrator
            expect:
              InitializeStateDataArn: InitializeStateDataFunction.Arn
              SegmentRunnerArn: SegmentRunnerFunction.Arn
              MergeCallbackArn: SegmentRunnerFunction.Arn
            """;

    @BeforeEach
    void setUp() throws Exception {
        fx = new CfnFixture(dir);
        fx.edit(TEMPLATE, "        Stage: !Ref StageName\n",
                "        Stage: !Ref StageName\n        MergeCallbackArn:\n          Fn::GetAtt: [SegmentRunnerFunction, Arn]\n");
    }

    @Test
    void anEntryTheChecklistListsButNoPlaceholderUsesPassesWithANote() {
        Result r = fx.run(runner, EXPECTING_MERGE_CALLBACK, null);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n)
                .startsWith("MergeCallbackArn is listed by the checklist's expect: (the document requires it) but unused"));
        assertThat(r.reason()).doesNotContain("remove");
    }

    @Test
    void removingTheListedEntryFails() throws Exception {
        fx.edit(TEMPLATE, "        MergeCallbackArn:\n          Fn::GetAtt: [SegmentRunnerFunction, Arn]\n", "");

        Result r = fx.run(runner, EXPECTING_MERGE_CALLBACK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("expected entry MergeCallbackArn is missing");
    }

    @Test
    void anUnusedEntryNobodyListsIsAWarnAdvisingRemoval() throws Exception {
        fx.edit(TEMPLATE, "        Stage: !Ref StageName\n", "        Stage: !Ref StageName\n        OldMergeArn: !GetAtt SegmentRunnerFunction.Arn\n");

        Result r = fx.run(runner, EXPECTING_MERGE_CALLBACK, null);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.reason()).contains("OldMergeArn is not used by any placeholder")
                .contains("not listed by the checklist's expect").contains("remove it").doesNotContain("MergeCallbackArn is not");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("MergeCallbackArn is listed by the checklist's expect:"));
    }
}

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
import static dev.greenlight.runners.local.CfnFixture.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

class CfnSubstitutionsRunnerTest {
    @TempDir
    Path dir;
    CfnFixture fx;
    final CfnSubstitutionsRunner runner = new CfnSubstitutionsRunner();

    static final String CHECK = """
            template: analemma-workflow-os/backend/template.yaml
            resource: StepFunctionOrchestrator
            """;

    @BeforeEach
    void setUp() throws Exception {
        fx = new CfnFixture(dir);
    }

    @Test
    void passesWhenEveryPlaceholderHasAnEntryWhoseTargetExists() throws Exception {
        Result r = fx.run(runner, CHECK + """
                expect:
                  InitializeStateDataArn: InitializeStateDataFunction.Arn
                  Stage: StageName
                """, 2416);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo("All 4 placeholders have substitutions; all targets exist.");
        assertThat(r.evidence()).contains(Evidence.at("InitializeStateDataArn → !GetAtt InitializeStateDataFunction.Arn", TEMPLATE,
                fx.lineOf(TEMPLATE, "InitializeStateDataArn:"), "InitializeStateDataArn: !GetAtt InitializeStateDataFunction.Arn"));
        assertThat(r.notes()).containsExactly("found at " + TEMPLATE + ":" + fx.lineOf(TEMPLATE, "DefinitionSubstitutions:")
                + " (the checklist says line 2416)");
    }

    @Test
    void failsWhenAnEntryIsRemovedAndNamesThePlaceholdersLine() throws Exception {
        fx.edit(TEMPLATE, "        SegmentRunnerArn: !GetAtt SegmentRunnerFunction.Arn\n", "");

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("${SegmentRunnerArn} has no DefinitionSubstitutions entry");
        assertThat(r.evidence()).contains(Evidence.at("${SegmentRunnerArn} has no DefinitionSubstitutions entry", ASL,
                fx.lineOf(ASL, "${SegmentRunnerArn}"), "\"Resource\": \"${SegmentRunnerArn}\","));
    }

    @Test
    void aCommentedOutEntryDoesNotCount() throws Exception {
        fx.edit(TEMPLATE, "        SegmentRunnerArn: !GetAtt", "        # SegmentRunnerArn: !GetAtt");

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("${SegmentRunnerArn}");
    }

    @Test
    void failsWhenAGetAttTargetIsNotAResourceOfTheTemplate() throws Exception {
        fx.edit(TEMPLATE, "!GetAtt SegmentRunnerFunction.Arn", "!GetAtt SegmentRunerFunction.Arn");

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("SegmentRunnerArn refers to !GetAtt SegmentRunerFunction.Arn")
                .contains("did you mean 'SegmentRunnerFunction'?");
        assertThat(r.evidence()).extracting(Evidence::file, Evidence::line)
                .contains(org.assertj.core.groups.Tuple.tuple(TEMPLATE, fx.lineOf(TEMPLATE, "SegmentRunnerArn:")));
    }

    @Test
    void failsWhenARefNamesNeitherResourceNorParameter() throws Exception {
        fx.edit(TEMPLATE, "Stage: !Ref StageName", "Stage: !Ref Stage");

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("!Ref Stage, but Stage is not a resource or parameter of the template");
    }

    @Test
    void checksTargetsInsideSub() throws Exception {
        fx.edit(TEMPLATE, "Stage: !Ref StageName", "Stage: !Sub \"${AWS::StackName}-${StageName}-${Ghost.Arn}\"");

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("${Ghost.Arn} in !Sub").doesNotContain("StageName").doesNotContain("AWS::StackName");
    }

    @Test
    void warnsAboutAnEntryNoPlaceholderUses() throws Exception {
        fx.edit(TEMPLATE, "        Stage: !Ref StageName\n",
                "        Stage: !Ref StageName\n        MergeCallbackArn: !GetAtt SegmentRunnerFunction.Arn\n");

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.reason()).contains("MergeCallbackArn is not used by any placeholder");
    }

    @Test
    void failsWhenAnExpectedEntryPointsElsewhereOrIsMissing() {
        Result r = fx.run(runner, CHECK + """
                expect:
                  InitializeStateDataArn: SegmentRunnerFunction.Arn
                  AggregateResultsArn: AggregateDistributedResultsFunction.Arn
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("InitializeStateDataArn is !GetAtt InitializeStateDataFunction.Arn, expected SegmentRunnerFunction.Arn")
                .contains("expected entry AggregateResultsArn is missing");
    }

    @Test
    void aSubOfOneVariableEqualsTheGetAttOrRefItNames() throws Exception {
        String[][] forms = {
                {"!GetAtt SegmentRunnerFunction.Arn", "!Sub \"${SegmentRunnerFunction.Arn}\""},
                {"!GetAtt SegmentRunnerFunction.Arn", "\n          Fn::Sub: \"${SegmentRunnerFunction.Arn}\""},
                {"!GetAtt SegmentRunnerFunction.Arn", "\n          Fn::Sub: [\"${SegmentRunnerFunction.Arn}\"]"},
                {"!GetAtt SegmentRunnerFunction.Arn", "!Sub [\"${Fn}\", {Fn: !GetAtt SegmentRunnerFunction.Arn}]"},
                {"!Ref StageName", "!Sub \"${StageName}\""}};
        for (String[] f : forms) {
            fx.write(TEMPLATE, CfnFixture.TEMPLATE_TEXT.replace(f[0], f[1]));

            Result r = fx.run(runner, CHECK + """
                    expect:
                      SegmentRunnerArn: SegmentRunnerFunction.Arn
                      Stage: StageName
                    """, null, new dev.greenlight.engine.Workspace(dir));

            assertThat(r.status()).as(f[1]).isEqualTo(Status.PASS);
        }
    }

    @Test
    void aFunctionArnBuiltWithSubOrJoinIsTheSameAsGetAttArn() throws Exception {
        String[] forms = {
                "!Sub \"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${SegmentRunnerFunction}\"",
                "!Sub [\"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}\", {Name: !Ref SegmentRunnerFunction}]",
                "!Join [\":\", [arn, !Ref AWS::Partition, lambda, !Ref AWS::Region, !Ref AWS::AccountId, function, !Ref SegmentRunnerFunction]]",
                "!If [IsProd, !GetAtt SegmentRunnerFunction.Arn, !Sub \"${SegmentRunnerFunction.Arn}\"]"};
        for (String form : forms) {
            fx.write(TEMPLATE, CfnFixture.TEMPLATE_TEXT.replace("!GetAtt SegmentRunnerFunction.Arn", form));

            Result r = fx.run(runner, CHECK + "expect:\n  SegmentRunnerArn: SegmentRunnerFunction.Arn\n", null,
                    new dev.greenlight.engine.Workspace(dir));

            assertThat(r.status()).as(form + ": " + r.reason()).isIn(Status.PASS, Status.WARN);
            assertThat(r.reason()).as(form).doesNotContain("SegmentRunnerArn is");
        }
    }

    @Test
    void aSubArnOfAnotherFunctionIsNotTheExpectedOne() throws Exception {
        String form = "!Sub \"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${InitializeStateDataFunction}\"";
        fx.edit(TEMPLATE, "!GetAtt SegmentRunnerFunction.Arn", form);

        Result r = fx.run(runner, CHECK + "expect:\n  SegmentRunnerArn: SegmentRunnerFunction.Arn\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("SegmentRunnerArn is " + form.replace("\\\"", "").replace("\"", "")
                .replace("!Sub ", "!Sub ")).contains("expected SegmentRunnerFunction.Arn");
    }

    @Test
    void aSubOfADifferentTextIsNotTheGetAtt() throws Exception {
        fx.edit(TEMPLATE, "!GetAtt SegmentRunnerFunction.Arn", "!Sub \"${SegmentRunnerFunction.Arn}:live\"");

        Result r = fx.run(runner, CHECK + "expect:\n  SegmentRunnerArn: SegmentRunnerFunction.Arn\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("SegmentRunnerArn is !Sub ${SegmentRunnerFunction.Arn}:live, expected SegmentRunnerFunction.Arn");
    }

    @Test
    void aDanglingTargetInsideASubOfOneVariableFailsOnce() throws Exception {
        fx.edit(TEMPLATE, "!GetAtt SegmentRunnerFunction.Arn", "!Sub \"${SegmentRunerFunction.Arn}\"");

        Result r = fx.run(runner, CHECK + "expect:\n  SegmentRunnerArn: SegmentRunnerFunction.Arn\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("StepFunctionOrchestrator: SegmentRunnerArn refers to ${SegmentRunerFunction.Arn} in !Sub,"
                + " but SegmentRunerFunction is not a resource of the template (did you mean 'SegmentRunnerFunction'?)"
                + " (expected SegmentRunnerFunction.Arn).");
        assertThat(r.actual()).doesNotContain("problem");
    }

    @Test
    void aLongFormGetAttToAMissingResourceIsEchoedAsWrittenAtItsLineAndCountedOnce() throws Exception {
        fx.edit(TEMPLATE, "InitializeStateDataArn: !GetAtt InitializeStateDataFunction.Arn",
                "InitializeStateDataArn:\n          Fn::GetAtt: [InitializeStateDataFunctionX, Arn]");

        Result r = fx.run(runner, CHECK + "expect:\n  InitializeStateDataArn: InitializeStateDataFunction.Arn\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("StepFunctionOrchestrator: InitializeStateDataArn refers to Fn::GetAtt: [InitializeStateDataFunctionX, Arn],"
                + " but InitializeStateDataFunctionX is not a resource of the template (did you mean 'InitializeStateDataFunction'?)"
                + " (expected InitializeStateDataFunction.Arn).");
        assertThat(r.actual()).doesNotContain("problem");
        assertThat(r.evidence()).extracting(Evidence::file, Evidence::line, Evidence::text)
                .contains(org.assertj.core.groups.Tuple.tuple(TEMPLATE, fx.lineOf(TEMPLATE, "Fn::GetAtt:"),
                        "Fn::GetAtt: [InitializeStateDataFunctionX, Arn]"));
    }

    @Test
    void aRemovedEntryThatIsAlsoExpectedIsOneProblem() throws Exception {
        fx.edit(TEMPLATE, "        SegmentRunnerArn: !GetAtt SegmentRunnerFunction.Arn\n", "");

        Result r = fx.run(runner, CHECK + "expect:\n  SegmentRunnerArn: SegmentRunnerFunction.Arn\n", null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("StepFunctionOrchestrator: ${SegmentRunnerArn} has no DefinitionSubstitutions entry"
                + " (expected SegmentRunnerArn → SegmentRunnerFunction.Arn).");
        assertThat(r.actual()).doesNotContain("problem");
    }

    @Test
    void errorsWithLineAndColumnWhenTheDefinitionIsNotValidJson() throws Exception {
        fx.edit(ASL, "\"Type\": \"Task\",\n      \"Resource\": \"arn", "\"Type\": \"Task\"\n      \"Resource\": \"arn");

        Result r = fx.run(runner, CHECK, null);

        // the placeholders cannot be read: not evaluated, so ERROR (the json validity item is the FAIL)
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).contains(ASL + ":7:").contains("not valid JSON").endsWith("its placeholders cannot be checked.");
        assertThat(r.evidence().get(0)).satisfies(e -> {
            assertThat(e.file()).isEqualTo(ASL);
            assertThat(e.line()).isEqualTo(7);
        });
    }

    @Test
    void failsWhenTheDefinitionFileIsMissing() throws Exception {
        Files.delete(dir.resolve(ASL));

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains(ASL + " does not exist");
    }

    @Test
    void scansAnInlineDefinitionString() throws Exception {
        fx.edit(TEMPLATE, "      DefinitionUri: src/aws_step_functions_v3.json\n", """
                      DefinitionString: |
                        {"StartAt": "A", "States": {"A": {"Type": "Task",
                          "Resource": "${InitializeStateDataArn}", "Next": "B"},
                          "B": {"Type": "Task", "Resource": "${MissingArn}", "End": true}}}
                """);

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("${MissingArn} has no DefinitionSubstitutions entry");
        assertThat(r.evidence().get(0).file()).isEqualTo(TEMPLATE);
        assertThat(r.evidence().get(0).line()).isEqualTo(fx.lineOf(TEMPLATE, "${MissingArn}"));
    }

    @Test
    void scansAnInlineDefinitionMap() throws Exception {
        fx.edit(TEMPLATE, "      DefinitionUri: src/aws_step_functions_v3.json\n", """
                      Definition:
                        StartAt: A
                        States:
                          A:
                            Type: Task
                            Resource: "${SegmentRunnerArn}"
                            End: true
                """);

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.reason()).startsWith("All 1 placeholder has a substitution");
    }

    @Test
    void skipsADefinitionStoredInS3() throws Exception {
        fx.edit(TEMPLATE, "DefinitionUri: src/aws_step_functions_v3.json",
                "DefinitionUri:\n        Bucket: my-bucket\n        Key: asl.json");

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.SKIP);
    }

    @Test
    void failsWithASuggestionForAnUnknownStateMachine() {
        Result r = fx.run(runner, CHECK.replace("StepFunctionOrchestrator", "StepFunctionOrchestrater"), null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.notes()).contains("did you mean 'StepFunctionOrchestrator'?");
    }

    @Test
    void aDefinitionWithARepeatedMemberIsEvaluatedOnTheValueSamKeeps() throws Exception {
        fx.edit(ASL, """
                      "Next": "Sync"
                """, """
                      "ResultSelector": {"out.$": "$.Payload"},
                      "ResultSelector": {"out.$": "$.Payload"},
                      "Next": "Sync"
                """);

        Result r = fx.run(runner, CHECK, null);

        // the old code: ERROR "Duplicate field 'ResultSelector'", no placeholder evaluated
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo("All 4 placeholders have substitutions; all targets exist.");
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e.subject()).startsWith("repeated member \"ResultSelector\""));
    }

    @Test
    void aPlaceholderInTheKeptValueOfARepeatedMemberStillNeedsAnEntry() throws Exception {
        fx.edit(ASL, """
                      "Next": "Sync"
                """, """
                      "Parameters": {"FunctionName": "${SegmentRunnerArn}"},
                      "Parameters": {"FunctionName": "${MergeCallbackArn}"},
                      "Next": "Sync"
                """);
        int kept = fx.lineOf(ASL, "${MergeCallbackArn}");

        Result r = fx.run(runner, CHECK, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("${MergeCallbackArn} has no DefinitionSubstitutions entry");
        assertThat(r.evidence()).contains(Evidence.at("${MergeCallbackArn} has no DefinitionSubstitutions entry", ASL, kept,
                "\"Parameters\": {\"FunctionName\": \"${MergeCallbackArn}\"},"));
    }

    @Test
    void aPlaceholderOnlyInTheDroppedValueIsNotDeployed() throws Exception {
        fx.edit(ASL, """
                      "Next": "Sync"
                """, """
                      "Parameters": {"FunctionName": "${GhostArn}"},
                      "Parameters": {"FunctionName": "fixed"},
                      "Next": "Sync"
                """);

        Result r = fx.run(runner, CHECK, null);

        // SAM never sees ${GhostArn}: it is not a missing substitution
        assertThat(r.status()).isEqualTo(Status.PASS);
    }
}

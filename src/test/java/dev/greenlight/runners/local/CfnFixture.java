package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.Workspace;
import dev.greenlight.model.Item;
import dev.greenlight.runners.StandardRunners;
import dev.greenlight.yaml.LocatedYaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A small SAM backend checkout, and a way to run a check against it as the engine would. */
final class CfnFixture {
    static final String BACKEND = "analemma-workflow-os/backend";
    static final String TEMPLATE = BACKEND + "/template.yaml";
    static final String ASL = BACKEND + "/src/aws_step_functions_v3.json";

    static final String TEMPLATE_TEXT = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                PackageType: Image
                Timeout: 30
            Parameters:
              StageName:
                Type: String
                Default: dev
              OpenAiApiKey:
                Type: String
                NoEcho: true
                Default: sk-live-1234567890
              AnthropicApiKey:
                Type: String
                Default: anthropic-secret-value
            Resources:
              InitializeStateDataFunction:
                Type: AWS::Serverless::Function
                Properties:
                  ImageConfig:
                    Command: ["src.common.initialize_state_data.lambda_handler"]
              SegmentRunnerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Image
                  ImageConfig:
                    Command:
                      - src.handlers.core.segment_runner_handler.lambda_handler
              StateDataManagerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  ImageConfig:
                    Command: ["src.handlers.utils.state_data_manager.lambda_handler"]
              StepFunctionOrchestrator:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Name: !Sub "WorkflowOrchestrator-${StageName}"
                  DefinitionUri: src/aws_step_functions_v3.json
                  DefinitionSubstitutions:
                    InitializeStateDataArn: !GetAtt InitializeStateDataFunction.Arn
                    SegmentRunnerArn: !GetAtt SegmentRunnerFunction.Arn
                    StateDataManagerArn: !GetAtt StateDataManagerFunction.Arn
                    Stage: !Ref StageName
            """;

    static final String ASL_TEXT = """
            {
              "Comment": "Analemma OS v3.0 - Smart StateBag Orchestrator",
              "StartAt": "InitializeStateBag",
              "States": {
                "InitializeStateBag": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {
                    "FunctionName": "${InitializeStateDataArn}",
                    "Payload.$": "$"
                  },
                  "Next": "RunSegment"
                },
                "RunSegment": {
                  "Type": "Task",
                  "Resource": "${SegmentRunnerArn}",
                  "Comment": "costs $${NotAPlaceholder}",
                  "Next": "Sync"
                },
                "Sync": {
                  "Type": "Task",
                  "Resource": "${StateDataManagerArn}",
                  "Parameters": { "Stage": "${Stage}", "Tags": ["a", "b"] },
                  "End": true
                }
              }
            }
            """;

    final Path dir;
    final Workspace workspace;

    CfnFixture(Path dir) throws IOException {
        this.dir = dir;
        write(TEMPLATE, TEMPLATE_TEXT);
        write(ASL, ASL_TEXT);
        write(BACKEND + "/src/aws_step_functions.json", "{\"Comment\": \"v2\", \"States\": {}}\n");
        this.workspace = new Workspace(dir);
    }

    void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Replaces exactly one occurrence of {@code from} in a checkout file. */
    void edit(String rel, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(rel));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(rel), text.replace(from, to));
    }

    /** 1-based line of the first line of a file containing {@code needle}. */
    int lineOf(String rel, String needle) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(rel));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + rel);
    }

    /** Binds the check (YAML, CloudFormation tags allowed) as the engine does, and runs it. */
    <S> Result run(Runner<S> runner, String checkYaml, Integer lineHint) {
        return run(runner, checkYaml, lineHint, workspace);
    }

    <S> Result run(Runner<S> runner, String checkYaml, Integer lineHint, Workspace ws) {
        JsonNode params;
        try {
            params = LocatedYaml.parse(checkYaml).root();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        RunnerRegistry registry = StandardRunners.registry();
        RunnerRegistry.Bound<S> bound = registry.bind(runner, params);
        assertThat(bound.problem()).as("binding problem").isNull();
        assertThat(runner.validate(bound.spec())).as("spec problems").isEmpty();
        Item item = new Item("item", "section", "title", null, null, false, List.of(), lineHint,
                List.of(), List.of(), List.of());
        RunContext ctx = new RunContext(item, ws, Variables.of(Map.of()), new Services(), RunOptions.defaults(dir), () -> false);
        return runner.run(bound.spec(), ctx);
    }
}

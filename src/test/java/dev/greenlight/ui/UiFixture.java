package dev.greenlight.ui;

import dev.greenlight.app.AppConfig;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.runners.local.FileExistsRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small backend checkout and a checklist over it, for the app's tests and screenshots: one item
 * passes with line evidence, one fails (a missing Dockerfile) with matching troubleshooting, one is
 * manual with a log group.
 */
public final class UiFixture {
    public static final String CHECKLIST = """
            id: demo-pipe
            title: Demo Unified Pipe verification
            vars:
              stage: dev
              backend: backend
              stack: backend-workflow-${stage}
            sections:
              - id: template
                title: SAM template
                items:
                  - id: template-present
                    title: SAM template and v3 ASL are in the checkout
                    why: The deploy packages backend/template.yaml and the v3 state machine definition.
                    check:
                      type: file-exists
                      paths: ["${backend}/template.yaml", "${backend}/src/aws_step_functions_v3.json"]
                  - id: definition-uri
                    title: Orchestrator points at the v3 definition
                    why: |
                      StepFunctionOrchestrator must load src/aws_step_functions_v3.json; the v2 file
                      still exists and deploys silently if the template points at it.
                    line-hint: 7
                    check:
                      type: find-line
                      file: ${backend}/template.yaml
                      literal: "DefinitionUri: src/aws_step_functions_v3.json"
                    troubleshoot:
                      - title: Show where DefinitionUri is set
                        run: grep -n DefinitionUri ${backend}/template.yaml
              - id: image
                title: Container image
                items:
                  - id: dockerfile-v3
                    title: Dockerfile for the v3 image exists
                    why: The v3 Lambda image is built from backend/Dockerfile.v3.
                    check:
                      type: file-exists
                      paths: ["${backend}/Dockerfile.v3"]
                    troubleshoot:
                      - title: List the Dockerfiles in the backend
                        run: ls -la ${backend}/
                      - title: Check the image tags in ECR
                        run: aws ecr describe-images --repository-name ${stack}
                      - title: Restore the Dockerfile from main
                        when: "missing"
                        note: The file was renamed in the v3.2 clean-up; bring it back from main.
                        run: git checkout origin/main -- ${backend}/Dockerfile.v3
                        mutating: true
              - id: release
                title: Release sign-off
                items:
                  - id: smoke-test
                    title: Run one workflow end to end in the console
                    why: A person starts one execution and watches it finish.
                    manual: true
                    logs:
                      - group: /aws/lambda/${stack}-orchestrator
            """;

    static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              # the orchestrator of the unified pipe
              StepFunctionOrchestrator:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Name: !Sub backend-workflow-${Stage}
                  DefinitionUri: src/aws_step_functions_v3.json
                  DefinitionSubstitutions:
                    InitializeStateDataArn: !GetAtt InitializeStateDataFunction.Arn
            """;

    public final Path home;
    public final Path checkout;
    public final Path checklist;
    private final String previousHome;

    public UiFixture(Path root) throws IOException {
        home = Files.createDirectories(root.resolve("home"));
        checkout = Files.createDirectories(root.resolve("checkout"));
        Files.createDirectories(checkout.resolve("backend/src"));
        Files.writeString(checkout.resolve("backend/template.yaml"), TEMPLATE, StandardCharsets.UTF_8);
        Files.writeString(checkout.resolve("backend/src/aws_step_functions_v3.json"), "{\"StartAt\": \"Init\"}\n");
        Files.writeString(checkout.resolve("backend/Dockerfile"), "FROM public.ecr.aws/lambda/python:3.12\n");
        checklist = root.resolve("demo-pipe.yaml");
        Files.writeString(checklist, CHECKLIST, StandardCharsets.UTF_8);
        previousHome = System.getProperty("greenlight.home");
        System.setProperty("greenlight.home", home.toString());
    }

    /**
     * Puts back the greenlight.home the fixture replaced: surefire sets it to target/test-home for
     * the whole JVM, and clearing it would send every later test's history to the real data directory.
     */
    public void restoreHome() {
        restore("greenlight.home", previousHome);
    }

    /** Sets {@code key} back to {@code previous}, or removes it when it was not set. */
    public static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }

    public static RunnerRegistry runners() {
        return new RunnerRegistry().register(new FileExistsRunner()).register(new FindLineRunner());
    }

    public AppConfig config(LogTailFactory tails) {
        return new AppConfig(checklist.toString(), checkout, s -> tails,
                "Live log tails need AWS support, which is not in this build yet.", (t, m) -> true, runners());
    }
}

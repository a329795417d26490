package dev.greenlight.init;

import dev.greenlight.TestGit;

import java.nio.file.Path;

/**
 * A SAM backend written the way teams write them: the service under services/orders with its own
 * samconfig.toml (capabilities, image repositories), Globals that give every function its runtime and
 * architecture, a zip Python function, a container-image Python function built by sam (Metadata), a
 * Node function, a Java function, a named IAM role; a second template under tools/ with an inline-free
 * CloudFormation state machine whose YAML definition is a local DefinitionS3Location and an image the
 * workflow builds with docker/build-push-action; one workflow whose steps reach the service through
 * env indirection and shell variables.
 */
final class InitFixture {
    private InitFixture() {
    }

    static final String ORDERS_TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Description: Orders service

            Parameters:
              Stage:
                Type: String
                Default: dev
              ApiKey:
                Type: String
                NoEcho: true
              AlertEmail:
                Type: String

            Globals:
              Function:
                Runtime: python3.12
                Architectures: [arm64]
                Timeout: 20
                Environment:
                  Variables:
                    STAGE: !Ref Stage

            Resources:
              OrderWorkflow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: statemachine/order_flow.asl.json
                  DefinitionSubstitutions:
                    ValidateOrderArn: !GetAtt ValidateOrderFunction.Arn
                    ChargeArn: !Sub "${ChargeFunction.Arn}"
                    NotifyArn: !GetAtt NotifyFunction.Arn
                    OrdersTable: !Ref OrdersTable
                  Policies:
                    - LambdaInvokePolicy:
                        FunctionName: !Ref ValidateOrderFunction

              ValidateOrderFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/validate/
                  Handler: app.handler

              ChargeFunction:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Image
                  ImageConfig:
                    Command: ["charge.main.lambda_handler"]
                Metadata:
                  DockerContext: ./src
                  Dockerfile: charge/Dockerfile
                  DockerTag: python3.12-v1

              NotifyFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs20.x
                  CodeUri: src/notify
                  Handler: handlers/notify.handler

              ReportFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java21
                  CodeUri: src/report
                  Handler: com.example.orders.Report::handleRequest

              OrdersTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]

              ReconcileRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: !Sub orders-reconcile-${Stage}
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
            """;

    static final String ORDER_FLOW = """
            {
              "Comment": "Validate, charge and notify",
              "StartAt": "Validate",
              "States": {
                "Validate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "${ValidateOrderArn}", "Payload.$": "$"}, "Next": "Charge"},
                "Charge": {"Type": "Task", "Resource": "${ChargeArn}", "Next": "Save"},
                "Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Parameters": {"TableName": "${OrdersTable}", "Item": {"id": {"S.$": "$.id"}}}, "Next": "Notify"},
                "Notify": {"Type": "Task", "Resource": "${NotifyArn}", "End": true}
              }
            }
            """;

    static final String SAMCONFIG = """
            version = 0.1

            [default.global.parameters]
            stack_name = "orders-dev"

            [default.build.parameters]
            cached = true

            [default.deploy.parameters]
            capabilities = "CAPABILITY_IAM CAPABILITY_NAMED_IAM"
            resolve_s3 = true
            resolve_image_repos = true
            confirm_changeset = false

            [prod.deploy.parameters]
            stack_name = "orders-prod"
            capabilities = "CAPABILITY_NAMED_IAM"
            """;

    static final String TOOLS_TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              ExporterImageUri:
                Type: String
            Resources:
              NightlyExport:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: !GetAtt ExportRole.Arn
                  DefinitionS3Location: statemachine/export.asl.yaml
                  DefinitionSubstitutions:
                    ExporterArn: !GetAtt ExporterFunction.Arn
              ExportRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: states.amazonaws.com}
                        Action: sts:AssumeRole
              ExporterFunction:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Image
                  ImageUri: !Ref ExporterImageUri
                  Architectures: [arm64]
                  ImageConfig:
                    Command: ["exporter.app.handler"]
            """;

    static final String EXPORT_FLOW = """
            Comment: Nightly export
            StartAt: Export
            States:
              Export:
                Type: Task
                # the exporter function, substituted at deploy time
                Resource: ${ExporterArn}
                End: true
            """;

    static final String WORKFLOW = """
            name: Deploy
            on:
              push:
                branches: [main]
            env:
              SERVICE_DIR: services/orders
              AWS_REGION: eu-west-1
            jobs:
              orders:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: aws-actions/setup-sam@v2
                  - name: Build orders
                    working-directory: ${{ env.SERVICE_DIR }}
                    run: sam build --parallel
                  - name: Deploy orders
                    working-directory: ${{ env.SERVICE_DIR }}
                    run: |
                      EXTRA="AlertEmail=${{ secrets.ALERT_EMAIL }}"
                      sam deploy --no-fail-on-empty-changeset \\
                        --parameter-overrides "ApiKey=${{ secrets.API_KEY }}" $EXTRA
              tools:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - name: Build exporter image
                    uses: docker/build-push-action@v6
                    with:
                      context: tools/exporter
                      file: tools/exporter/Dockerfile
                      platforms: linux/arm64
                      push: true
                      tags: ${{ secrets.REGISTRY }}/exporter:${{ github.sha }}
                  - name: Build tools
                    run: sam build -t tools/template.yml
                  - name: Deploy tools
                    run: >-
                      sam deploy --stack-name tools-dev --capabilities CAPABILITY_IAM
                      --parameter-overrides ExporterImageUri=${{ secrets.REGISTRY }}/exporter:${{ github.sha }}
            """;

    /** A committed repository holding the backend. */
    static Path write(Path root) {
        w(root, "services/orders/template.yaml", ORDERS_TEMPLATE);
        w(root, "services/orders/samconfig.toml", SAMCONFIG);
        w(root, "services/orders/statemachine/order_flow.asl.json", ORDER_FLOW);
        w(root, "services/orders/src/validate/app.py", """
                import json


                def handler(event, context):
                    return {"valid": bool(event.get("id"))}
                """);
        w(root, "services/orders/src/validate/requirements.txt", "boto3\n");
        w(root, "services/orders/src/charge/Dockerfile", """
                FROM public.ecr.aws/lambda/python:3.12
                COPY charge/requirements.txt .
                RUN pip install -r requirements.txt
                COPY charge ${LAMBDA_TASK_ROOT}/charge
                """);
        w(root, "services/orders/src/charge/__init__.py", "");
        w(root, "services/orders/src/charge/requirements.txt", "stripe\n");
        w(root, "services/orders/src/charge/main.py", """
                from charge import gateway


                def lambda_handler(event, context):
                    return gateway.charge(event)
                """);
        w(root, "services/orders/src/charge/gateway.py", "def charge(event):\n    return {'ok': True}\n");
        w(root, "services/orders/src/notify/handlers/notify.mjs", """
                import { SNSClient } from "@aws-sdk/client-sns";

                const sns = new SNSClient({});

                export const handler = async (event) => {
                  return { sent: true };
                };
                """);
        w(root, "services/orders/src/notify/package.json", "{\"type\": \"module\"}\n");
        w(root, "services/orders/src/report/src/main/java/com/example/orders/Report.java",
                "package com.example.orders;\npublic class Report { public String handleRequest(Object in) { return \"ok\"; } }\n");
        w(root, "tools/template.yml", TOOLS_TEMPLATE);
        w(root, "tools/statemachine/export.asl.yaml", EXPORT_FLOW);
        w(root, "tools/exporter/Dockerfile", """
                FROM public.ecr.aws/lambda/python:3.12
                COPY exporter/ ${LAMBDA_TASK_ROOT}/exporter/
                """);
        w(root, "tools/exporter/exporter/__init__.py", "");
        w(root, "tools/exporter/exporter/app.py", "def handler(event, context):\n    return {}\n");
        w(root, ".github/workflows/deploy.yml", WORKFLOW);
        w(root, ".gitignore", ".aws-sam/\nnode_modules/\n");
        TestGit.initAndCommit(root, "orders service");
        return root;
    }

    static void w(Path root, String rel, String text) {
        TestGit.write(root, rel, text);
    }
}

package dev.greenlight.runners.local;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler must name a module file of the shipped code that defines the function. The old
 * {@code cfn-property} item compared the Command text only, so a module renamed with
 * {@code git mv} stayed green.
 */
class LambdaHandlerRunnerTest {
    static final String TEMPLATE = "services/orders/template.yaml";
    static final String DOCKERFILE = "services/orders/app/Dockerfile.lambda";

    static final String TEMPLATE_TEXT = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              OrdersImageUri:
                Type: String
            Globals:
              Function:
                Timeout: 60
                Architectures: [arm64]
            Resources:
              FulfilOrderFunction:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Image
                  ImageUri: !Ref OrdersImageUri
                  ImageConfig:
                    Command:
                      - app.workers.fulfil_order.lambda_handler
              ReceiptFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  CodeUri: functions/receipts/
                  Handler: receipt.handler
            """;

    static final String DOCKER = """
            # syntax=docker/dockerfile:1
            ARG BASE=public.ecr.aws/lambda/python:3.12
            FROM ${BASE}
            COPY requirements.txt ${LAMBDA_TASK_ROOT}
            RUN pip install -r requirements.txt
            COPY . ${LAMBDA_TASK_ROOT}/app/
            """;

    static final String WORKER = """
            \"\"\"Fulfils an order: reserves stock and books the courier.\"\"\"
            import json
            import os

            from app.common.stock import reserve


            class Courier:
                def lambda_handler(self, event, context):  # not the module's handler
                    return None


            def lambda_handler(event, context):
                order = json.loads(event["body"])
                return reserve(order, table=os.environ["STOCK_TABLE"])
            """;

    @TempDir
    Path dir;
    LocalFixture fx;
    final LambdaHandlerRunner runner = new LambdaHandlerRunner();

    @BeforeEach
    void checkout() {
        fx = new LocalFixture(dir).write(TEMPLATE, TEMPLATE_TEXT).write(DOCKERFILE, DOCKER)
                .write("services/orders/app/requirements.txt", "boto3\n")
                .write("services/orders/app/workers/fulfil_order.py", WORKER)
                .write("services/orders/app/common/stock.py", "def reserve(order, table):\n    return {}\n")
                .write("services/orders/functions/receipts/receipt.py", "def handler(event, context):\n    return {}\n");
    }

    private Result image(String equals) {
        return runner.run(new LambdaHandlerRunner.Spec(TEMPLATE, "FulfilOrderFunction",
                equals == null ? null : com.fasterxml.jackson.databind.node.TextNode.valueOf(equals),
                DOCKERFILE, "services/orders/app"), fx.ctx());
    }

    @Test
    void passesWhenTheImageShipsTheModuleAndItDefinesTheHandler() {
        Result r = image("app.workers.fulfil_order.lambda_handler");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo("FulfilOrderFunction's handler app.workers.fulfil_order.lambda_handler resolves to"
                + " services/orders/app/workers/fulfil_order.py (/var/task/app/workers/fulfil_order.py in the image),"
                + " which defines lambda_handler at line 13.");
        assertThat(r.evidence()).extracting(Evidence::where).contains(TEMPLATE + ":18", DOCKERFILE + ":6",
                "services/orders/app/workers/fulfil_order.py:13");
    }

    @Test
    void failsWhenTheHandlerModuleWasRenamed() throws Exception {
        Files.move(dir.resolve("services/orders/app/workers/fulfil_order.py"), dir.resolve("services/orders/app/workers/fulfilment.py"));

        Result r = image("app.workers.fulfil_order.lambda_handler");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains(TEMPLATE + ":18").contains("services/orders/app/workers/fulfil_order.py does not exist")
                .contains("/var/task/app/workers/fulfil_order.py");
    }

    @Test
    void failsWhenTheFunctionIsOnlyInAClassOrCommentedOut() throws Exception {
        fx.write("services/orders/app/workers/fulfil_order.py", WORKER.replace("\ndef lambda_handler(event, context):",
                "\n# def lambda_handler(event, context):\ndef handle(event, context):"));

        Result r = image(null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("services/orders/app/workers/fulfil_order.py defines no top-level lambda_handler");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("not at module level");
            assertThat(e.line()).isEqualTo(9);
        }).anySatisfy(e -> assertThat(e.subject()).isEqualTo("commented out"));
    }

    @Test
    void failsWhenTheDockerfileCopiesTheCodeSomewhereTheRuntimeDoesNotLook() {
        fx.write(DOCKERFILE, DOCKER.replace("COPY . ${LAMBDA_TASK_ROOT}/app/", "COPY . /opt/app/"));

        Result r = image(null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("/var/task/app/workers/fulfil_order.py").contains("no COPY or ADD of " + DOCKERFILE);
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo(DOCKERFILE + ":6"));
    }

    @Test
    void failsOnADifferentHandlerAtTheTemplatesLine() {
        Result r = image("app.workers.fulfil.lambda_handler");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("FulfilOrderFunction's handler is app.workers.fulfil_order.lambda_handler (" + TEMPLATE
                + ":18), not app.workers.fulfil.lambda_handler.");
    }

    @Test
    void aPackageInitAndAnAssignedHandlerAlsoResolve() throws Exception {
        Files.delete(dir.resolve("services/orders/app/workers/fulfil_order.py"));
        fx.write("services/orders/app/workers/fulfil_order/__init__.py", """
                from app.workers.fulfil_order.core import build

                try:
                    lambda_handler = build()
                except ImportError:  # local runs without the layer
                    lambda_handler = None
                """);

        Result r = image(null);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains("services/orders/app/workers/fulfil_order/__init__.py").contains("at line 4");
    }

    @Test
    void aZipFunctionsHandlerIsLookedForUnderItsCodeUri() throws Exception {
        Result ok = runner.run(new LambdaHandlerRunner.Spec(TEMPLATE, "ReceiptFunction", null, null, null), fx.ctx());
        assertThat(ok.status()).isEqualTo(Status.PASS);
        assertThat(ok.reason()).contains("services/orders/functions/receipts/receipt.py");

        Files.delete(dir.resolve("services/orders/functions/receipts/receipt.py"));
        Result gone = runner.run(new LambdaHandlerRunner.Spec(TEMPLATE, "ReceiptFunction", null, null, null), fx.ctx());
        assertThat(gone.status()).isEqualTo(Status.FAIL);
        assertThat(gone.reason()).contains(TEMPLATE + ":24").contains("services/orders/functions/receipts/receipt.py does not exist");
    }

    @Test
    void samMetadataNamesTheImagesDockerfileAndContext() {
        fx.write(TEMPLATE, TEMPLATE_TEXT.replace("  ReceiptFunction:\n",
                "    Metadata:\n      DockerContext: ./app\n      Dockerfile: Dockerfile.lambda\n  ReceiptFunction:\n"));

        Result r = runner.run(new LambdaHandlerRunner.Spec(TEMPLATE, "FulfilOrderFunction", null, null, null), fx.ctx());

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
    }

    @Test
    void anUnknownBaseImageMakesTheTaskRootUnknown() {
        fx.write(DOCKERFILE, DOCKER.replace("ARG BASE=public.ecr.aws/lambda/python:3.12", "ARG BASE"));

        Result r = image(null);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.reason()).contains("LAMBDA_TASK_ROOT").contains("not known");
    }
}

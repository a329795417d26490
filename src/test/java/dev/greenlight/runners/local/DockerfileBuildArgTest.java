package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** dockerfile {@code uses-arg}: the FROM expands a build argument that {@code --build-arg} can set. */
class DockerfileBuildArgTest {
    private static final String LAMBDA = "backend/src/Dockerfile.lambda";
    private static final String DOCKERFILE = """
            # syntax=docker/dockerfile:1
            # Final Lambda image. CI passes the base image it just pushed:
            #   docker build --build-arg BASE_IMAGE_URI=<registry>/backend-llm-base:<hash> .
            ARG BASE_IMAGE_URI=public.ecr.aws/lambda/python:3.12
            ARG PYTHON_VERSION=3.12
            FROM ${BASE_IMAGE_URI}

            ENV PYTHONPATH=/var/task
            COPY . /var/task/src/
            CMD ["src.common.initialize_state_data.lambda_handler"]
            """;

    @TempDir
    Path dir;
    LocalFixture fx;
    final DockerfileRunner runner = new DockerfileRunner();

    @BeforeEach
    void checkout() {
        fx = new LocalFixture(dir).write(LAMBDA, DOCKERFILE);
    }

    private Result fromUsesBaseImageArg() {
        return runner.run(new DockerfileRunner.Spec(LAMBDA, "FROM", null, null, null, null, "BASE_IMAGE_URI"), fx.ctx());
    }

    @Test
    void passesWhenTheFromExpandsAnArgDeclaredBeforeIt() {
        Result r = fromUsesBaseImageArg();

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.text()).contains("BASE_IMAGE_URI defaults to public.ecr.aws/lambda/python:3.12 (ARG at line 4)");
        });
    }

    @Test
    void theArgWrittenWithoutBracesOrWithAFallbackCountsTheSame() {
        fx.write(LAMBDA, DOCKERFILE.replace("FROM ${BASE_IMAGE_URI}", "FROM $BASE_IMAGE_URI AS runtime"));
        assertThat(fromUsesBaseImageArg().status()).isEqualTo(Status.PASS);
        fx.write(LAMBDA, DOCKERFILE.replace("ARG BASE_IMAGE_URI=public.ecr.aws/lambda/python:3.12\n", "ARG BASE_IMAGE_URI\n")
                .replace("FROM ${BASE_IMAGE_URI}", "FROM --platform=linux/arm64 ${BASE_IMAGE_URI:-public.ecr.aws/lambda/python:3.12}"));
        assertThat(fromUsesBaseImageArg().status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenTheFromIsHardCodedSoTheBuildArgChangesNothing() {
        fx.write(LAMBDA, DOCKERFILE.replace("FROM ${BASE_IMAGE_URI}", "FROM public.ecr.aws/lambda/python:3.12"));

        Result r = fromUsesBaseImageArg();

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("FROM public.ecr.aws/lambda/python:3.12 at line 6")
                .contains("does not use ${BASE_IMAGE_URI}, so --build-arg BASE_IMAGE_URI=… changes nothing");
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(6));
    }

    @Test
    void failsWhenTheArgIsDeclaredOnlyAfterTheFrom() {
        fx.write(LAMBDA, DOCKERFILE.replace("ARG BASE_IMAGE_URI=public.ecr.aws/lambda/python:3.12\n", "")
                .replace("ENV PYTHONPATH", "ARG BASE_IMAGE_URI\nENV PYTHONPATH"));

        Result r = fromUsesBaseImageArg();

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("no ARG BASE_IMAGE_URI is declared before the first FROM");
    }

    @Test
    void aCommentedOutArgDoesNotCount() {
        fx.write(LAMBDA, DOCKERFILE.replace("ARG BASE_IMAGE_URI=", "# ARG BASE_IMAGE_URI="));

        assertThat(fromUsesBaseImageArg().status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aSimilarlyNamedArgIsNotTheOne() {
        fx.write(LAMBDA, DOCKERFILE.replace("ARG BASE_IMAGE_URI=", "ARG BASE_IMAGE_URI_OLD=")
                .replace("FROM ${BASE_IMAGE_URI}", "FROM ${BASE_IMAGE_URI_OLD}"));

        assertThat(fromUsesBaseImageArg().status()).isEqualTo(Status.FAIL);
    }
}

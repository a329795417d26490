package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dockerfile check judged on what docker builds: ARG/ENV and the base image's environment
 * expanded, WORKDIR-relative destinations, stages and COPY --from. Each equivalent spelling passes
 * (the old comparison of the text as written failed them) and each real break still fails at its line.
 */
class DockerfileModelTest {
    private static final String LAMBDA = "backend/src/Dockerfile.lambda";
    private static final String WANT = ". /var/task/src/";

    @TempDir
    Path dir;

    private Result run(String dockerfile) {
        LocalFixture fx = new LocalFixture(dir).write(LAMBDA, dockerfile);
        return new DockerfileRunner().run(new DockerfileRunner.Spec(LAMBDA, "COPY", WANT, null, null, null), fx.ctx());
    }

    @Test
    void lambdaTaskRootIsTheDirectoryTheLambdaBaseImageSets() {
        Result r = run("""
                FROM public.ecr.aws/lambda/python:3.12
                # the application code lives under the task root
                COPY requirements.txt ${LAMBDA_TASK_ROOT}
                RUN pip install -r requirements.txt --target "${LAMBDA_TASK_ROOT}"
                COPY . ${LAMBDA_TASK_ROOT}/src/
                CMD ["src.app.handler"]
                """);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.text()).contains("${LAMBDA_TASK_ROOT} = /var/task (set by base image public.ecr.aws/lambda/python:3.12)");
        });
    }

    @Test
    void argDefaultsEnvAndDefaultsInsideBracesAreExpanded() {
        Result r = run("""
                ARG RUNTIME_IMAGE=public.ecr.aws/lambda/python:3.12
                FROM ${RUNTIME_IMAGE}
                ARG APP_DIR
                ENV CODE_HOME=${APP_DIR:-$LAMBDA_TASK_ROOT} \\
                    PYTHONPATH=/var/task
                COPY . $CODE_HOME/src
                """);

        assertThat(r.status()).isEqualTo(Status.WARN); // APP_DIR has no default: a --build-arg may set it
        assertThat(r.reason()).contains("line 6").contains("APP_DIR");

        Result withDefault = run("""
                ARG RUNTIME_IMAGE=public.ecr.aws/lambda/python:3.12
                FROM ${RUNTIME_IMAGE}
                ARG APP_DIR=
                ENV CODE_HOME=${APP_DIR:-$LAMBDA_TASK_ROOT}
                COPY . $CODE_HOME/src
                """);
        assertThat(withDefault.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aRelativeDestinationIsRelativeToTheWorkdir() {
        Result r = run("""
                FROM public.ecr.aws/lambda/python:3.12
                WORKDIR ${LAMBDA_TASK_ROOT}
                COPY . src/
                """);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("relative to /var/task"));
        // the Lambda images' own WORKDIR is /var/task too
        assertThat(run("FROM public.ecr.aws/lambda/python:3.12\nCOPY . ./src/\n").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aCopyInABuildStageCountsWhenTheFinalImageCopiesItOn() {
        Result r = run("""
                FROM public.ecr.aws/lambda/python:3.12 AS build
                COPY . /opt/app/
                RUN python -m compileall /opt/app

                FROM public.ecr.aws/lambda/python:3.12
                COPY --from=build /opt/app ${LAMBDA_TASK_ROOT}/src
                """);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e.text()).contains("COPY --from at line 6"));
    }

    @Test
    void theProjectsOwnBaseImageBuiltOnALambdaImageIsFollowed() {
        LocalFixture fx = new LocalFixture(dir).write("backend/Dockerfile.base", """
                FROM public.ecr.aws/lambda/python:3.12 AS deps
                COPY requirements.txt /tmp/
                RUN pip install -r /tmp/requirements.txt -t /opt/deps
                FROM public.ecr.aws/lambda/python:3.12
                COPY --from=deps /opt/deps /var/lang/lib/python3.12/site-packages
                """);
        fx.write(LAMBDA, """
                ARG BASE_IMAGE_URI=123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-llm-base:latest
                FROM ${BASE_IMAGE_URI}
                COPY . ${LAMBDA_TASK_ROOT}/src/
                """);

        Result r = new DockerfileRunner().run(new DockerfileRunner.Spec(LAMBDA, "COPY", WANT, null, null, null), fx.ctx());

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e.text())
                .contains("taken to be built by backend/Dockerfile.base (by its name) FROM public.ecr.aws/lambda/python:3.12"));
    }

    @Test
    void anUnknownBaseImageMakesTheTaskRootUnknownNotWrong() {
        Result r = run("""
                ARG BASE_IMAGE_URI
                FROM ${BASE_IMAGE_URI}
                COPY . ${LAMBDA_TASK_ROOT}/src/
                """);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.reason()).contains("at line 3").contains("cannot be known before the build").contains("LAMBDA_TASK_ROOT");
    }

    @Test
    void aCopyToAnotherDirectoryStillFailsAtItsLine() {
        Result r = run("""
                FROM public.ecr.aws/lambda/python:3.12
                COPY . ${LAMBDA_TASK_ROOT}/app/
                """);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains(LAMBDA).contains("line 2");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.file()).isEqualTo(LAMBDA);
        });
    }

    @Test
    void aCopyFromAnotherStageIsNotACopyOfTheBuildContext() {
        Result r = run("""
                FROM public.ecr.aws/lambda/python:3.12 AS build
                COPY requirements.txt /opt/
                FROM public.ecr.aws/lambda/python:3.12
                COPY --from=build . /var/task/src/
                """);

        // the old comparison ignored the flag and passed
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("line 4").contains("copies from stage build, not from the build context");
    }

    @Test
    void aCopyInAStageTheFinalImageDropsDoesNotCount() {
        Result r = run("""
                FROM public.ecr.aws/lambda/python:3.12 AS test
                COPY . /var/task/src/
                RUN python -m pytest /var/task/src
                FROM public.ecr.aws/lambda/python:3.12
                COPY app.py /var/task/
                """);

        // the old comparison passed on line 2, which only the test stage has
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("line 2").contains("stage test");
    }

    @Test
    void aGlobalArgIsEmptyInsideAStageUnlessDeclaredAgain() {
        Result r = run("""
                ARG CODE_DIR=/var/task/src
                FROM public.ecr.aws/lambda/python:3.12
                COPY . ${CODE_DIR}/
                """);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("line 3");

        Result declared = run("""
                ARG CODE_DIR=/var/task/src
                FROM public.ecr.aws/lambda/python:3.12
                ARG CODE_DIR
                COPY . ${CODE_DIR}/
                """);
        assertThat(declared.status()).isEqualTo(Status.PASS);
    }
}

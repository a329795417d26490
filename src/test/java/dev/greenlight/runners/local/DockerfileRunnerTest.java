package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.Status;
import dev.greenlight.runners.StandardRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DockerfileRunnerTest {
    private static final String LAMBDA = "analemma-workflow-os/backend/src/Dockerfile.lambda";
    private static final String DOCKERFILE = """
            ARG BASE_IMAGE_URI=123456789012.dkr.ecr.us-east-1.amazonaws.com/backend-llm-base:latest
            FROM ${BASE_IMAGE_URI}

            WORKDIR /var/task
            # Line 7: copy the whole src/ directory
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

    private Result run(String instruction, String args, String argsPattern, Integer min) {
        return runner.run(new DockerfileRunner.Spec(LAMBDA, instruction, args, argsPattern, min, null), fx.ctx());
    }

    @Test
    void passesForTheCopyWithItsLineAsEvidence() {
        Result r = run("COPY", ". /var/task/src/", null, null);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo(LAMBDA + " has COPY . /var/task/src/ at line 7.");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo(LAMBDA + ":7");
            assertThat(e.text()).isEqualTo("COPY . /var/task/src/");
        });
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void failsWhenTheDestinationChanged() {
        fx.write(LAMBDA, DOCKERFILE.replace("COPY . /var/task/src/", "COPY . /var/task/"));
        Result r = run("copy", ".  /var/task/src/", null, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.expected()).isEqualTo("COPY . /var/task/src/");
        assertThat(r.actual()).isEqualTo("COPY . /var/task/ (line 7)");
        assertThat(r.reason()).isEqualTo(LAMBDA + " lacks COPY . /var/task/src/: found COPY . /var/task/ at line 7.");
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.subject()).isEqualTo("COPY with other arguments"));
    }

    @Test
    void failsWhenTheCopyIsCommentedOut() {
        fx.write(LAMBDA, DOCKERFILE.replace("COPY . /var/task/src/", "# COPY . /var/task/src/"));
        Result r = run("COPY", ". /var/task/src/", null, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("no COPY instruction");
        assertThat(r.reason()).contains("the one at line 7 is commented out");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("commented out");
            assertThat(e.line()).isEqualTo(7);
        });
    }

    @Test
    void joinsContinuationLinesAndReportsTheFirstLine() {
        fx.write(LAMBDA, "FROM base\nCOPY \\\n    . \\\n    /var/task/src/\n");
        Result r = run("COPY", ". /var/task/src/", null, null);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.text()).isEqualTo("COPY . /var/task/src/");
        });
    }

    @Test
    void flagsAreIgnoredUnlessTheExpectedArgumentsGiveThem() {
        fx.write(LAMBDA, "FROM base\nCOPY --chown=app:app . /var/task/src/\n");
        assertThat(run("COPY", ". /var/task/src/", null, null).status()).isEqualTo(Status.PASS);
        assertThat(run("COPY", "--chown=app:app . /var/task/src/", null, null).status()).isEqualTo(Status.PASS);
        Result wrongOwner = run("COPY", "--chown=root . /var/task/src/", null, null);
        assertThat(wrongOwner.status()).isEqualTo(Status.FAIL);
        assertThat(wrongOwner.actual()).isEqualTo("COPY --chown=app:app . /var/task/src/ (line 2)");
    }

    @Test
    void sourcesCompareAsBuildContextPaths() {
        for (String written : new String[]{"COPY ./ /var/task/src/", "COPY ./. /var/task/src/", "COPY --chown=app ./ /var/task/src/",
                "COPY [\"./\", \"/var/task/src/\"]", "COPY . /var/task/src"}) {
            fx = new LocalFixture(dir).write(LAMBDA, DOCKERFILE.replace("COPY . /var/task/src/", written));

            Result r = run("COPY", ". /var/task/src/", null, null);

            assertThat(r.status()).as(written).isEqualTo(Status.PASS);
            assertThat(r.evidence()).as(written).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo(written));
        }
        assertThat(run("COPY", ". /var/task/src/", null, null).notes())
                .containsExactly("line 7: COPY . /var/task/src is the same as COPY . /var/task/src/, written differently.");
    }

    @Test
    void aSubdirectorySourceWithDotSlashIsTheSameSource() {
        fx.write(LAMBDA, DOCKERFILE.replace("COPY . /var/task/src/", "COPY ./src/./handlers /var/task/src/handlers/"));

        assertThat(run("COPY", "src/handlers /var/task/src/handlers/", null, null).status()).isEqualTo(Status.PASS);
    }

    @Test
    void theDestinationSlashCountsForAFileSourceAndOtherSourcesStillFail() {
        fx.write(LAMBDA, DOCKERFILE.replace("COPY . /var/task/src/", "COPY ./app.py /var/task/src"));
        assertThat(run("COPY", "app.py /var/task/src/", null, null).status()).isEqualTo(Status.FAIL);

        fx = new LocalFixture(dir).write(LAMBDA, DOCKERFILE.replace("COPY . /var/task/src/", "COPY ./src /var/task/src/"));
        Result r = run("COPY", ". /var/task/src/", null, null);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("found COPY ./src /var/task/src/ at line 7");
    }

    @Test
    void execFormComparesEqualToTheWords() {
        assertThat(run("CMD", "src.common.initialize_state_data.lambda_handler", null, null).status()).isEqualTo(Status.PASS);
    }

    @Test
    void reportsFromWithTheDefaultOfItsArg() {
        Result r = run("FROM", null, "BASE_IMAGE_URI", null);
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.text()).isEqualTo("FROM ${BASE_IMAGE_URI} = FROM 123456789012.dkr.ecr.us-east-1.amazonaws.com/backend-llm-base:latest"
                    + " [BASE_IMAGE_URI defaults to 123456789012.dkr.ecr.us-east-1.amazonaws.com/backend-llm-base:latest (ARG at line 1)]");
        });
    }

    @Test
    void reportsAnArgWithoutDefault() {
        fx.write(LAMBDA, "ARG BASE_IMAGE_URI\nFROM $BASE_IMAGE_URI\n");
        Result r = run("FROM", null, null, null);
        assertThat(r.evidence()).singleElement().satisfies(e ->
                assertThat(e.text()).contains("BASE_IMAGE_URI has no default", "--build-arg"));
    }

    @Test
    void argsPatternIsSearchedWithAndWithoutFlags() {
        assertThat(run("COPY", null, "^\\. /var/task/src/?$", null).status()).isEqualTo(Status.PASS);
        assertThat(run("COPY", null, "^\\. /opt/", null).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void failsBelowMinimum() {
        Result r = run("COPY", null, null, 2);
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.expected()).isEqualTo("at least 2 instructions: COPY");
        assertThat(r.reason()).isEqualTo(LAMBDA + " lacks COPY: only 1 found, 2 expected.");
    }

    @Test
    void driftFromTheLineHintIsANote() {
        fx.write(LAMBDA, "FROM base\n\n\nRUN pip install -r requirements.txt\nWORKDIR /var/task\n\n\n\nCOPY . /var/task/src/\n");
        Result r = runner.run(new DockerfileRunner.Spec(LAMBDA, "COPY", ". /var/task/src/", null, null, null), fx.ctx(7));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).containsExactly("found at " + LAMBDA + ":9 (the checklist says line 7)");
    }

    @Test
    void missingFileFails() {
        Result r = runner.run(new DockerfileRunner.Spec("src/Dockerfile", "COPY", null, null, null, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("no such file");
    }

    @Test
    void binaryFileIsAnError() {
        fx.writeBytes("Dockerfile", new byte[]{'F', 'R', 'O', 'M', 0});
        Result r = runner.run(new DockerfileRunner.Spec("Dockerfile", "FROM", null, null, null, null), fx.ctx());
        assertThat(r.status()).isEqualTo(Status.ERROR);
    }

    @Test
    void rejectsArgsTogetherWithArgsPatternAndBadRegex() {
        ObjectNode params = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("file", LAMBDA).put("instruction", "COPY").put("args-pattern", "[unclosed");
        assertThat(StandardRunners.registry().validate("dockerfile", params)).singleElement()
                .satisfies(i -> assertThat(i.field()).isEqualTo("args-pattern"));
        assertThat(runner.validate(new DockerfileRunner.Spec(LAMBDA, "COPY", "a", "a", null, null))).isNotEmpty();
    }

    @Test
    void aDirectoryCopiesTheSameWithOrWithoutTrailingSlashes() {
        fx.write("analemma-workflow-os/backend/src/orders/app.py", "def handler(e, c):\n    return e\n");
        for (String written : new String[]{"COPY orders/ /var/task/orders/", "COPY ./orders ./orders/", "COPY orders /var/task/orders"}) {
            fx.write(LAMBDA, "FROM public.ecr.aws/lambda/python:3.12\nWORKDIR /var/task\n" + written + "\n");
            for (String args : new String[]{"orders/ /var/task/orders/", "orders /var/task/orders"}) {
                Result r = run("COPY", args, null, null);
                assertThat(r.status()).as(written + " vs " + args + ": " + r.reason()).isEqualTo(Status.PASS);
            }
        }
    }

    @Test
    void aFileCopiedToADirectoryIsNotTheFileRenamed() {
        fx.write("analemma-workflow-os/backend/src/app.py", "def handler(e, c):\n    return e\n");
        fx.write(LAMBDA, "FROM public.ecr.aws/lambda/python:3.12\nCOPY app.py /var/task/app.py\n");

        Result r = run("COPY", "app.py /var/task/app.py/", null, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void theDockerfilesOwnVariableQuotedInTheChecklistMatchesAsWritten() {
        fx.write(LAMBDA, "FROM public.ecr.aws/lambda/python:3.12\nCOPY orders/ ${LAMBDA_TASK_ROOT}/orders/\n");

        Result quoted = run("COPY", "orders/ ${LAMBDA_TASK_ROOT}/orders/", null, null);
        Result expanded = run("COPY", "orders/ /var/task/orders/", null, null);
        Result elsewhere = run("COPY", "orders/ ${LAMBDA_TASK_ROOT}/other/", null, null);

        assertThat(quoted.status()).as(quoted.reason()).isEqualTo(Status.PASS);
        assertThat(expanded.status()).as(expanded.reason()).isEqualTo(Status.PASS);
        assertThat(elsewhere.status()).isEqualTo(Status.FAIL);
    }
}

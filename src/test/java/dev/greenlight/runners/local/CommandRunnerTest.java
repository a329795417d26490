package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static dev.greenlight.runners.local.WorkflowGitFixtures.ctx;
import static dev.greenlight.runners.local.WorkflowGitFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class CommandRunnerTest {
    @TempDir
    Path checkout;

    private final CommandRunner runner = new CommandRunner();

    private Result check(String spec) {
        return WorkflowGitFixtures.run(runner, spec, ctx(checkout));
    }

    private RunContext ctxWith(boolean allowCommands, BooleanSupplier cancelled) {
        return new RunContext(null, new Workspace(checkout), Variables.of(Map.of()), new Services(),
                RunOptions.defaults(checkout).withAllowCommands(allowCommands), cancelled);
    }

    @Test
    void passesWhenExitCodeAndOutputMatch() {
        write(checkout, "analemma-workflow-os/backend/src/aws_step_functions_v3.json", "{}\n");

        Result r = check("""
                run: ls 'src'
                cwd: analemma-workflow-os/backend
                stdout-contains: [aws_step_functions_v3.json]
                stdout-pattern: "^aws_step_functions_v\\\\d\\\\.json$"
                """);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).startsWith("ls src exited with 0 and printed 'aws_step_functions_v3.json' and printed a match of /");
        assertThat(r.evidence()).extracting(e -> e.subject()).containsExactly("command", "exit code", "stdout");
        assertThat(r.evidence().get(0).text()).isEqualTo("ls src  (in analemma-workflow-os/backend)");
        assertThat(r.evidence().get(1).text()).startsWith("exit 0 after ");
    }

    @Test
    void failsOnAWrongExitCodeAndShowsStderr() {
        Result r = check("argv: [sh, -c, 'echo template not found >&2; exit 3']");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("sh -c 'echo template not found >&2; exit 3' exited with 3, expected 0.");
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("stderr");
            assertThat(e.text()).isEqualTo("template not found");
        });
    }

    @Test
    void passesWhenTheExpectedExitCodeIsNonZero() {
        assertThat(check("argv: [sh, -c, 'exit 1']\nexit-code: 1").status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenExpectedOutputIsMissing() {
        Result r = check("argv: [echo, aws_step_functions.json]\nstdout-contains: aws_step_functions_v3.json\nstdout-pattern: distributed");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("echo aws_step_functions.json did not print 'aws_step_functions_v3.json', "
                + "printed nothing matching /distributed/.");
    }

    @Test
    void errorsWhenTheProgramCannotBeStarted() {
        Result r = check("argv: [/nonexistent/bin/sam, --version]");

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).startsWith("Could not start /nonexistent/bin/sam --version: ");
    }

    @Test
    void errorsOnTimeoutAndStopsTheWholeProcessTree() throws Exception {
        Result r = check("argv: [sh, -c, 'sleep 60 & echo $! > child.pid; echo started; wait']\ntimeout-seconds: 1");

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).startsWith("Timed out after 1 s;");
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e.text()).isEqualTo("started"));
        long child = Long.parseLong(Files.readString(checkout.resolve("child.pid")).strip());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        handle.ifPresent(h -> h.onExit().join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void errorsWhenTheRunIsCancelled() {
        RunContext cancelled = ctxWith(true, () -> true);
        Result r = WorkflowGitFixtures.run(runner, "argv: [sleep, '60']", cancelled);

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).startsWith("The run was cancelled;");
    }

    @Test
    void skipsWithoutConsent() {
        Result r = WorkflowGitFixtures.run(runner, "argv: [echo, hi]", ctxWith(false, () -> false));

        assertThat(runner.access()).isEqualTo(Runner.Access.COMMAND);
        assertThat(r.status()).isEqualTo(Status.SKIP);
    }

    @Test
    void refusesAWorkingDirectoryOutsideTheCheckout() {
        Result r = check("argv: [pwd]\ncwd: ../..");

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).contains("outside the checkout");
    }

    @Test
    void errorsWhenTheWorkingDirectoryIsMissing() {
        Result r = check("argv: [pwd]\ncwd: analemma-workflow-os/backend");

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).endsWith("the directory analemma-workflow-os/backend does not exist in the checkout.");
    }

    @Test
    void keepsOnlyTheEndOfALongOutput() {
        Result r = check("""
                argv: [sh, -c, 'i=0; while [ $i -lt 20000 ]; do echo "line $i"; i=$((i+1)); done']
                stdout-contains: [line 19999]
                """);
        Result first = check("""
                argv: [sh, -c, 'i=0; while [ $i -lt 20000 ]; do echo "line $i"; i=$((i+1)); done']
                stdout-contains: ["line 0\\n"]
                """);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.notes()).singleElement().satisfies(n -> assertThat(n).contains("only its end was kept"));
        assertThat(r.evidence()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo("stdout (last lines)");
            assertThat(e.text().lines().count()).isEqualTo(40);
        });
        assertThat(first.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void rejectsShellSyntaxInRunAtLoadTime() {
        assertThat(WorkflowGitFixtures.validate(runner, "run: git ls-files | grep aws"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("not given to a shell"));
        assertThat(WorkflowGitFixtures.validate(runner, "run: ls src/aws_step_functions*.json"))
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("'*' in 'src/aws_step_functions*.json'"));
        assertThat(WorkflowGitFixtures.validate(runner, "run: echo 'unclosed"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("unclosed single quote"));
        assertThat(WorkflowGitFixtures.validate(runner, "run: git ls-files 'src/*.json'")).isEmpty();
    }

    @Test
    void rejectsBothOrNeitherOfArgvAndRun() {
        assertThat(WorkflowGitFixtures.validate(runner, "argv: [ls]\nrun: ls")).hasSize(1);
        assertThat(WorkflowGitFixtures.validate(runner, "cwd: x")).hasSize(1);
        assertThat(WorkflowGitFixtures.validate(runner, "argv: [ls]\nstdout-pattern: '('"))
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("stdout-pattern"));
    }
}

package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.WorkflowGitFixtures.ctx;
import static dev.greenlight.runners.local.WorkflowGitFixtures.lineOf;
import static dev.greenlight.runners.local.WorkflowGitFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class WorkflowTriggerRunnerTest {
    private static final String FILE = ".github/workflows/deploy.yml";
    private static final String PUSH = """
            file: .github/workflows/deploy.yml
            event: push
            branch: main
            changed: [services/orders/template.yaml, services/orders/src/app.py]
            """;
    private static final String WORKFLOW = """
            name: Orders Deploy

            on:
              push:
                branches: [ main, 'release/**' ]
                paths:
                  - 'services/orders/**'
                  - '!services/orders/docs/**'
                  - .github/workflows/deploy.yml
              workflow_dispatch:
                inputs:
                  stage:
                    default: dev
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - run: echo deploy
            """;

    @TempDir
    Path checkout;

    private Result check(String workflow, String spec) {
        write(checkout, FILE, workflow);
        return WorkflowGitFixtures.run(new WorkflowTriggerRunner(), spec, ctx(checkout));
    }

    @Test
    void aPushToMainChangingTheServiceStartsTheWorkflow() {
        Result r = check(WORKFLOW, PUSH);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(lineOf(WORKFLOW, "'services/orders/**'")));
    }

    @Test
    void theListAndStringFormsOfOnAreTheSame() {
        String list = WORKFLOW.substring(0, WORKFLOW.indexOf("on:")) + "on: [push, workflow_dispatch]\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: echo\n";
        String dispatch = "file: .github/workflows/deploy.yml\nevent: workflow_dispatch\nname: Orders Deploy\n";

        assertThat(check(list, PUSH).status()).isEqualTo(Status.PASS);
        assertThat(check(list, dispatch).status()).isEqualTo(Status.PASS);
        assertThat(check(WORKFLOW, dispatch).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aPathsFilterThatNoLongerCoversTheServiceFailsNamingItsLine() {
        String wf = WORKFLOW.replace("'services/orders/**'", "'services/payments/**'");

        Result r = check(wf, PUSH);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("a change to services/orders/template.yaml does not start it")
                .contains("paths (line " + lineOf(wf, "paths:") + ")");
    }

    @Test
    void aBranchFilterWithoutMainFails() {
        Result r = check(WORKFLOW.replace("[ main, 'release/**' ]", "[ 'release/**' ]"), PUSH);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("a push to main does not start it");
    }

    @Test
    void aWorkflowWithoutDispatchOrWithAnotherNameFails() {
        String dispatch = "file: .github/workflows/deploy.yml\nevent: workflow_dispatch\nname: Orders Deploy\n";

        Result noDispatch = check(WORKFLOW.replace("  workflow_dispatch:\n    inputs:\n      stage:\n        default: dev\n", ""), dispatch);
        Result renamed = check(WORKFLOW.replace("name: Orders Deploy", "name: Deploy orders"), dispatch);

        assertThat(noDispatch.status()).isEqualTo(Status.FAIL);
        assertThat(noDispatch.reason()).contains("has no workflow_dispatch event");
        assertThat(renamed.status()).isEqualTo(Status.FAIL);
        assertThat(renamed.reason()).contains("named 'Deploy orders' (line 1), not 'Orders Deploy'");
    }

    @Test
    void anExcludedPathDoesNotStartIt() {
        Result r = check(WORKFLOW, "file: .github/workflows/deploy.yml\nevent: push\nchanged: [services/orders/docs/readme.md]\n");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("a ! pattern excludes it");
    }

    @Test
    void aPushFilterThatNamesOnlyTagsDoesNotStartItForABranchPush() {
        String tagsOnly = """
                name: Release
                on:
                  push:
                    tags: ['v*']
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo deploy
                """;
        Result r = check(tagsOnly, "file: .github/workflows/deploy.yml\nevent: push\nbranch: main\n");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("a push to main does not start it", "tags (line 4)");
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void tagsBesideABranchFilterStillStartItForTheBranch() {
        String both = """
                name: Release
                on:
                  push:
                    branches: [main]
                    tags: ['v*']
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo deploy
                """;
        Result r = check(both, "file: .github/workflows/deploy.yml\nevent: push\nbranch: main\n");

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
    }

    @Test
    void anUnnamedWorkflowIsListedByItsPathAndThatIsTheNameAskedFor() {
        String unnamed = WORKFLOW.replace("name: Orders Deploy\n", "");
        Result asked = check(unnamed, "file: .github/workflows/deploy.yml\nevent: workflow_dispatch\nname: .github/workflows/deploy.yml\n");
        Result other = check(unnamed, "file: .github/workflows/deploy.yml\nevent: workflow_dispatch\nname: Orders Deploy\n");

        assertThat(asked.status()).as(asked.reason()).isEqualTo(Status.PASS);
        assertThat(asked.reason()).contains("has no name:, so the Actions tab lists it as .github/workflows/deploy.yml");
        assertThat(other.status()).isEqualTo(Status.FAIL);
    }
}

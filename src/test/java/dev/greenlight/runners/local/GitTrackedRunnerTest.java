package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.WorkflowGitFixtures.commitAll;
import static dev.greenlight.runners.local.WorkflowGitFixtures.ctx;
import static dev.greenlight.runners.local.WorkflowGitFixtures.git;
import static dev.greenlight.runners.local.WorkflowGitFixtures.initRepo;
import static dev.greenlight.runners.local.WorkflowGitFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class GitTrackedRunnerTest {
    private static final String SRC = "analemma-workflow-os/backend/src/";
    private static final String ASL = SRC + "aws_step_functions_v3.json";

    @TempDir
    Path repo;

    private final GitTrackedRunner runner = new GitTrackedRunner();

    private Result check(String spec) {
        return WorkflowGitFixtures.run(runner, spec, ctx(repo));
    }

    @Test
    void passesWhenTheAslFileIsCommitted() {
        initRepo(repo);
        write(repo, ASL, "{}\n");
        commitAll(repo, "add ASL");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo(ASL + " is tracked by git.");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(ASL);
            assertThat(e.text()).isEqualTo("in the index and in HEAD");
        });
    }

    @Test
    void passesForAGlobThatMatchesTrackedFiles() {
        initRepo(repo);
        write(repo, ASL, "{}\n");
        write(repo, SRC + "aws_step_functions_distributed_v3.json", "{}\n");
        commitAll(repo, "add ASL");

        Result r = check("paths: ['" + SRC + "aws_step_functions*.json']");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo("All 2 files are tracked by git.");
    }

    @Test
    void failsWhenTheAslFileExistsButWasNeverAdded() {
        initRepo(repo);
        write(repo, "README.md", "x\n");
        commitAll(repo, "init");
        write(repo, ASL, "{}\n");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("Not tracked by git: " + ASL + ".");
        assertThat(r.evidence()).singleElement().satisfies(e ->
                assertThat(e.text()).isEqualTo("exists but was never added (git add " + ASL + ")"));
    }

    @Test
    void failsAndNamesTheIgnoreRuleWhenTheAslFileIsIgnored() {
        initRepo(repo);
        write(repo, "analemma-workflow-os/backend/.gitignore", "__pycache__/\n.aws-sam/\naws_step_functions*.json\n");
        commitAll(repo, "init");
        write(repo, ASL, "{}\n");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.text())
                .isEqualTo("exists but is ignored by analemma-workflow-os/backend/.gitignore:3: aws_step_functions*.json"));
    }

    @Test
    void failsWhenTheFileIsMissingEverywhere() {
        initRepo(repo);

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.evidence()).singleElement().satisfies(e ->
                assertThat(e.text()).isEqualTo("no such file in the checkout and none in the index"));
    }

    @Test
    void failsWhenTheFileIsOnlyStagedBecauseACleanCloneWillNotHaveIt() {
        initRepo(repo);
        write(repo, "README.md", "x\n");
        commitAll(repo, "init");
        write(repo, ASL, "{}\n");
        git(repo, "add", ASL);

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("Staged but not committed: " + ASL
                + ". The deploy from a clean clone won't have it: commit and push it first.");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(ASL);
            assertThat(e.text()).isEqualTo("staged, not committed yet");
        });
    }

    @Test
    void passesOnceTheStagedFileIsCommittedEvenWithOtherFilesStaged() {
        initRepo(repo);
        write(repo, ASL, "{}\n");
        commitAll(repo, "add ASL");
        write(repo, SRC + "other.json", "{}\n");
        git(repo, "add", SRC + "other.json");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.PASS);
    }

    @Test
    void answersFromASubdirectoryCheckout() {
        initRepo(repo);
        write(repo, ASL, "{}\n");
        commitAll(repo, "add ASL");

        Result r = WorkflowGitFixtures.run(runner, "paths: [src/aws_step_functions_v3.json]",
                ctx(repo.resolve("analemma-workflow-os/backend")));

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.file()).isEqualTo("src/aws_step_functions_v3.json"));
    }

    @Test
    void errorsInPlainWordsWhenTheCheckoutIsNotAGitRepository() {
        write(repo, ASL, "{}\n");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).isEqualTo("The checkout " + repo.toAbsolutePath().normalize()
                + " is not inside a git repository (no .git found in it or above it).");
    }

    @Test
    void errorsInPlainWordsWhenGitIsMissing() {
        Result r = WorkflowGitFixtures.run(new GitTrackedRunner("/nonexistent/bin/git"), "paths: [x]", ctx(repo));

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).startsWith("git could not be started").contains("install git").doesNotContain("Exception");
    }

    @Test
    void refusesAPathOutsideTheCheckout() {
        initRepo(repo);

        Result r = check("paths: [../../etc/passwd]");

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).contains("outside the checkout");
    }
}

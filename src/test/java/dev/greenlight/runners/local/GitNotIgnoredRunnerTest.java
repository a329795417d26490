package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.WorkflowGitFixtures.commitAll;
import static dev.greenlight.runners.local.WorkflowGitFixtures.ctx;
import static dev.greenlight.runners.local.WorkflowGitFixtures.initRepo;
import static dev.greenlight.runners.local.WorkflowGitFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class GitNotIgnoredRunnerTest {
    private static final String BACKEND = "analemma-workflow-os/backend/";
    private static final String ASL = BACKEND + "src/aws_step_functions_v3.json";
    private static final String IGNORE = "__pycache__/\n.aws-sam/\naws_step_functions*.json\n";

    @TempDir
    Path repo;

    private final GitNotIgnoredRunner runner = new GitNotIgnoredRunner();

    private Result check(String spec) {
        return WorkflowGitFixtures.run(runner, spec, ctx(repo));
    }

    @Test
    void passesWhenNoRuleMatches() {
        initRepo(repo);
        write(repo, BACKEND + ".gitignore", "__pycache__/\n");
        write(repo, ASL, "{}\n");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo(ASL + " is not ignored by git.");
    }

    @Test
    void failsNamingTheGitignoreLineAndPattern() {
        initRepo(repo);
        write(repo, BACKEND + ".gitignore", IGNORE);
        write(repo, ASL, "{}\n");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo(ASL + " is ignored by " + BACKEND + ".gitignore:3: aws_step_functions*.json.");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo(BACKEND + ".gitignore:3");
            assertThat(e.text()).isEqualTo("aws_step_functions*.json");
        });
    }

    @Test
    void failsForATrackedFileThatANewCopyWouldLose() {
        initRepo(repo);
        write(repo, ASL, "{}\n");
        commitAll(repo, "add ASL before the ignore rule");
        write(repo, BACKEND + ".gitignore", IGNORE);

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.notes()).singleElement().satisfies(n -> assertThat(n).contains("is tracked").contains("re-created"));
    }

    @Test
    void passesWhenANegationReincludesTheFile() {
        initRepo(repo);
        write(repo, BACKEND + ".gitignore", IGNORE + "!aws_step_functions_v3.json\n");
        write(repo, ASL, "{}\n");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("re-included");
            assertThat(e.where()).isEqualTo(BACKEND + ".gitignore:4");
        });
    }

    @Test
    void checksEveryFileAGlobMatches() {
        initRepo(repo);
        write(repo, BACKEND + ".gitignore", "aws_step_functions_distributed*.json\n");
        write(repo, ASL, "{}\n");
        write(repo, BACKEND + "src/aws_step_functions_distributed_v3.json", "{}\n");

        Result r = check("paths: ['" + BACKEND + "src/aws_step_functions*.json']");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).startsWith(BACKEND + "src/aws_step_functions_distributed_v3.json is ignored by");
        assertThat(r.evidence()).hasSize(2);
    }

    @Test
    void namesTheInfoExcludeFile() {
        initRepo(repo);
        write(repo, ".git/info/exclude", "# local\n*.json\n");
        write(repo, ASL, "{}\n");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo(ASL + " is ignored by .git/info/exclude:2: *.json.");
    }

    @Test
    void errorsWhenTheCheckoutIsNotAGitRepository() {
        write(repo, ASL, "{}\n");

        Result r = check("paths: [" + ASL + "]");

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).contains("is not inside a git repository");
    }

    @Test
    void errorsWhenGitIsMissing() {
        Result r = WorkflowGitFixtures.run(new GitNotIgnoredRunner("/nonexistent/bin/git"), "paths: [x]", ctx(repo));

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.reason()).startsWith("git could not be started");
    }
}

package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Files are tracked in the git index, so a push (and the CI build made from it) includes them.
 *
 * <pre>{@code
 * check:
 *   type: git-tracked
 *   paths:
 *     - ${backend}/src/aws_step_functions_v3.json
 *     - ${backend}/src/aws_step_functions*.json     # a git pathspec glob: at least one tracked match
 * }</pre>
 *
 * <p>Asks {@code git ls-files -z -- <path>} per path. A file that is staged but not yet committed
 * is a FAIL: it is in the index, but a CI deploy builds from a clean clone of a pushed commit, and no
 * commit has it yet (the local build passing proves nothing about that one). An untracked file's evidence says
 * whether it exists on disk and, when an ignore rule keeps it out, which file and line.
 */
public final class GitTrackedRunner implements Runner<GitTrackedRunner.Spec> {
    private static final int MAX_LISTED = 20;
    private final String gitExecutable;

    public record Spec(@JsonProperty(required = true) List<String> paths) {
    }

    public GitTrackedRunner() {
        this("git");
    }

    GitTrackedRunner(String gitExecutable) {
        this.gitExecutable = gitExecutable;
    }

    @Override
    public String type() {
        return "git-tracked";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        return spec.paths().isEmpty()
                ? List.of(new SpecProblem("paths", "'paths' is empty", "name at least one file"))
                : List.of();
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        String expected = String.join(", ", spec.paths()) + " tracked by git";
        GitRepo repo = new GitRepo(ctx.workspace().root(), gitExecutable);
        List<Evidence> evidence = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        List<String> staged = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try {
            String problem = repo.problem();
            if (problem != null) {
                return Result.error(problem).expected(expected).actual("no git repository").build();
            }
            for (String path : spec.paths()) {
                String rel = ctx.workspace().relativize(ctx.workspace().resolve(path));
                rel = rel.isEmpty() ? "." : rel;
                List<String> tracked = repo.lsFiles(List.of(rel));
                if (tracked.isEmpty()) {
                    untracked.add(path);
                    evidence.add(untrackedEvidence(ctx, repo, rel));
                    continue;
                }
                List<String> notCommitted = repo.stagedNotCommitted(List.of(rel));
                staged.addAll(notCommitted);
                found.addAll(tracked);
                tracked.stream().limit(MAX_LISTED).forEach(f -> evidence.add(Evidence.at("tracked", f, null,
                        notCommitted.contains(f) ? "staged, not committed yet" : "in the index and in HEAD")));
                if (tracked.size() > MAX_LISTED) {
                    evidence.add(Evidence.at("tracked", rel, null, "and " + (tracked.size() - MAX_LISTED) + " more files"));
                }
            }
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        } catch (GitRepo.GitUnavailableException e) {
            return Result.error(e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".")
                    .expected(expected).actual("git not usable").build();
        }
        if (!untracked.isEmpty()) {
            return Result.fail("Not tracked by git: " + String.join(", ", untracked) + ".")
                    .expected(expected).actual("untracked: " + String.join(", ", untracked))
                    .evidence(evidence).build();
        }
        if (!staged.isEmpty()) {
            return Result.fail("Staged but not committed: " + String.join(", ", staged)
                            + ". The deploy from a clean clone won't have it: commit and push it first.")
                    .expected(expected).actual("staged only: " + String.join(", ", staged)).evidence(evidence).build();
        }
        return Result.pass(found.size() == 1 ? found.get(0) + " is tracked by git."
                        : "All " + found.size() + " files are tracked by git.")
                .expected(expected).actual(found.size() + " tracked file(s)").evidence(evidence).build();
    }

    /** Why a path is not tracked: no such file, ignored by a rule, or simply never added. */
    private static Evidence untrackedEvidence(RunContext ctx, GitRepo repo, String rel) throws GitRepo.GitUnavailableException,
            WorkspaceException {
        List<String> onDisk = repo.lsFilesAll(List.of(rel));
        boolean exists = !onDisk.isEmpty() || Files.exists(ctx.workspace().resolve(rel));
        if (!exists) {
            return Evidence.at("untracked", rel, null, "no such file in the checkout and none in the index");
        }
        String file = onDisk.isEmpty() ? rel : onDisk.get(0);
        Optional<GitRepo.IgnoreMatch> ignored = repo.checkIgnore(file);
        if (ignored.isPresent() && !ignored.get().negated()) {
            GitRepo.IgnoreMatch m = ignored.get();
            return Evidence.at("untracked", file, null, "exists but is ignored by "
                    + GitIgnoreSources.where(ctx, repo, m) + ": " + m.pattern());
        }
        return Evidence.at("untracked", file, null, "exists but was never added (git add " + ShellWords.quote(file) + ")");
    }
}

package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paths are not ignored by git, so {@code git add .} picks them up when they are new or re-created.
 *
 * <pre>{@code
 * check:
 *   type: git-not-ignored
 *   paths:
 *     - ${backend}/src/aws_step_functions_v3.json
 *     - ${backend}/src/aws_step_functions_distributed_v3.json
 * }</pre>
 *
 * <p>Asks {@code git check-ignore -v --no-index} (see {@link GitRepo#checkIgnore} for why the
 * index is left out): a tracked file that matches an ignore rule FAILs too, because a renamed or
 * re-created copy would silently stay out of the next commit. The evidence names the ignore file,
 * line and pattern ({@code backend/.gitignore:3: aws_step_functions*.json}). A glob is checked for
 * every file it matches, tracked or not; when it matches none, the pattern itself is checked as a
 * name, which answers "would a file named like this be ignored".
 */
public final class GitNotIgnoredRunner implements Runner<GitNotIgnoredRunner.Spec> {
    private final String gitExecutable;

    public record Spec(@JsonProperty(required = true) List<String> paths) {
    }

    public GitNotIgnoredRunner() {
        this("git");
    }

    GitNotIgnoredRunner(String gitExecutable) {
        this.gitExecutable = gitExecutable;
    }

    @Override
    public String type() {
        return "git-not-ignored";
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
        String expected = String.join(", ", spec.paths()) + " not ignored by git";
        GitRepo repo = new GitRepo(ctx.workspace().root(), gitExecutable);
        List<Evidence> evidence = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        try {
            String problem = repo.problem();
            if (problem != null) {
                return Result.error(problem).expected(expected).actual("no git repository").build();
            }
            for (String path : spec.paths()) {
                String rel = ctx.workspace().relativize(ctx.workspace().resolve(path));
                List<String> files = isGlob(rel) ? repo.lsFilesAll(List.of(rel)) : List.of();
                for (String file : files.isEmpty() ? List.of(rel) : files) {
                    checked.add(file);
                    Optional<GitRepo.IgnoreMatch> m = repo.checkIgnore(file);
                    if (m.isEmpty()) {
                        evidence.add(Evidence.at("not ignored", file, null, "no ignore rule matches"));
                    } else if (m.get().negated()) {
                        evidence.add(Evidence.at("re-included", GitIgnoreSources.file(ctx, repo, m.get()), m.get().line(),
                                m.get().pattern() + "  (" + file + " is not ignored)"));
                    } else {
                        String where = GitIgnoreSources.where(ctx, repo, m.get());
                        ignored.add(file);
                        rules.add(where + ": " + m.get().pattern());
                        evidence.add(Evidence.at("ignored " + file, GitIgnoreSources.file(ctx, repo, m.get()),
                                m.get().line(), m.get().pattern()));
                        if (!repo.lsFiles(List.of(file)).isEmpty()) {
                            notes.add(file + " is tracked, so the committed copy stays in the repository; "
                                    + "but if it is renamed or re-created, git add leaves it out.");
                        }
                    }
                }
            }
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        } catch (GitRepo.GitUnavailableException e) {
            return Result.error(e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".")
                    .expected(expected).actual("git not usable").build();
        }
        if (!ignored.isEmpty()) {
            String reason = ignored.size() == 1
                    ? ignored.get(0) + " is ignored by " + rules.get(0) + "."
                    : "Ignored by git: " + String.join(", ", ignored) + " (" + String.join("; ", rules) + ").";
            return Result.fail(reason).expected(expected).actual("ignored by " + String.join("; ", rules))
                    .evidence(evidence).notes(notes).build();
        }
        return Result.pass(checked.size() == 1 ? checked.get(0) + " is not ignored by git."
                        : "None of the " + checked.size() + " paths is ignored by git.")
                .expected(expected).actual("no ignore rule matches").evidence(evidence).build();
    }

    private static boolean isGlob(String p) {
        return p.contains("*") || p.contains("?") || p.contains("[");
    }
}

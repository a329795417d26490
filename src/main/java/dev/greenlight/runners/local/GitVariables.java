package dev.greenlight.runners.local;

import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Answers {@code ${git.sha}}, {@code ${git.short}} and {@code ${git.branch}} for the checkout, and
 * {@code ${git.changes}}: how the working tree differs from HEAD ("state path" per line, see
 * {@link dev.greenlight.engine.WorkingTree}), empty when it does not.
 */
public final class GitVariables implements Variables.Source {
    private final GitRepo repo;

    public GitVariables(Path checkout) {
        this.repo = new GitRepo(checkout);
    }

    @Override
    public Optional<String> lookup(String key) throws VariableException {
        try {
            switch (key) {
                case "sha", "short" -> {
                    if (!repo.isRepository()) {
                        throw new VariableException("git." + key, repo.root() + " is not a git repository, so it has no HEAD commit", Status.ERROR);
                    }
                    String sha = repo.head().orElseThrow(() -> new VariableException("git." + key,
                            "the repository has no commit yet", Status.ERROR));
                    return Optional.of(key.equals("sha") ? sha : sha.substring(0, Math.min(7, sha.length())));
                }
                case "branch" -> {
                    return repo.branch();
                }
                case "changes" -> {
                    if (!repo.isRepository()) {
                        return Optional.of("");
                    }
                    StringBuilder b = new StringBuilder();
                    repo.changes().forEach((path, state) -> b.append(state).append(' ').append(path).append('\n'));
                    return Optional.of(b.toString());
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (GitRepo.GitUnavailableException e) {
            throw new VariableException("git." + key, e.getMessage(), Status.ERROR);
        }
    }
}

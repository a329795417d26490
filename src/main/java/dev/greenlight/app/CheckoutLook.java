package dev.greenlight.app;

import dev.greenlight.engine.WorkingTree;
import dev.greenlight.runners.local.GitRepo;

import java.nio.file.Path;

/** The checkout's HEAD and whether its working tree differs, as git says now. Blocking: runs git. */
record CheckoutLook(String sha, boolean dirty) {

    /** Null when the folder is no git checkout or git is not installed. */
    static CheckoutLook of(Path checkout) throws GitRepo.GitUnavailableException {
        GitRepo repo = new GitRepo(checkout);
        if (repo.problem() != null) {
            return null;
        }
        try {
            String sha = repo.head().orElse(null);
            StringBuilder lines = new StringBuilder();
            repo.changes().forEach((p, st) -> lines.append(st).append(' ').append(p).append('\n'));
            return new CheckoutLook(sha, WorkingTree.parse(lines.toString()).dirty());
        } catch (GitRepo.GitUnavailableException e) {
            return null; // no git: sign-offs are judged by the last run's facts
        }
    }
}

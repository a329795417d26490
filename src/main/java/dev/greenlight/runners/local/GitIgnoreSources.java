package dev.greenlight.runners.local;

import dev.greenlight.engine.RunContext;

import java.nio.file.Path;

/** Turns the ignore file git names into a path a person can open. */
final class GitIgnoreSources {
    private GitIgnoreSources() {
    }

    /**
     * The ignore file, checkout-relative when it is inside the checkout, absolute otherwise
     * (a global excludes file, or {@code .git/info/exclude} of a checkout that is a subdirectory).
     */
    static String file(RunContext ctx, GitRepo repo, GitRepo.IgnoreMatch m) throws GitRepo.GitUnavailableException {
        Path source = Path.of(m.source());
        Path abs = (source.isAbsolute() ? source : repo.topLevel().resolve(source)).normalize();
        Path root = ctx.workspace().root();
        Path realRoot = realOrSelf(root);
        Path realAbs = realOrSelf(abs);
        if (realAbs.startsWith(realRoot)) {
            return realRoot.relativize(realAbs).toString().replace('\\', '/');
        }
        return abs.toString();
    }

    /** "file:line" of the rule. */
    static String where(RunContext ctx, GitRepo repo, GitRepo.IgnoreMatch m) throws GitRepo.GitUnavailableException {
        return file(ctx, repo, m) + ":" + m.line();
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}

package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files (or glob patterns) exist in the checkout and are regular, readable files.
 *
 * <pre>{@code
 * check:
 *   type: file-exists
 *   paths:
 *     - ${backend}/src/aws_step_functions_v3.json
 *     - ${backend}/src/aws_step_functions*.json     # a glob: at least min-matches files
 *   min-matches: 1
 * }</pre>
 */
public final class FileExistsRunner implements Runner<FileExistsRunner.Spec> {

    public record Spec(@JsonProperty(required = true) List<String> paths, Integer minMatches) {
    }

    @Override
    public String type() {
        return "file-exists";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        if (spec.paths().isEmpty()) {
            return List.of(new SpecProblem("paths", "'paths' is empty", "name at least one file"));
        }
        return List.of();
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        List<Evidence> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int min = spec.minMatches() == null ? 1 : spec.minMatches();
        List<String> notFiles = new ArrayList<>();
        for (String pattern : spec.paths()) {
            try {
                List<String> found = isGlob(pattern) ? glob(ctx, pattern, min)
                        : java.util.Collections.singletonList(single(ctx, pattern));
                found = found.stream().filter(f -> f != null).toList();
                // min-matches counts the files of a glob; a plain path names one file, which exists or not
                if (found.size() < (isGlob(pattern) ? min : 1)) {
                    missing.add(pattern);
                    evidence.add(Evidence.at("missing", pattern, null,
                            isGlob(pattern) ? found.size() + " file(s) match; at least " + min + " expected" : "no such file"));
                } else {
                    found.forEach(f -> evidence.add(Evidence.at("exists", f, null, sizeOf(ctx, f))));
                }
            } catch (WorkspaceException e) {
                evidence.add(Evidence.at(e.kind().name().toLowerCase().replace('_', ' '), pattern, null, e.getMessage()));
                if (e.kind() != WorkspaceException.Kind.NOT_FOUND && e.kind() != WorkspaceException.Kind.NOT_A_FILE) {
                    // a path outside the checkout or an unreadable one is not "missing": it could not be looked at
                    refused.add(e.getMessage());
                } else {
                    missing.add(pattern);
                    if (e.kind() == WorkspaceException.Kind.NOT_A_FILE) {
                        notFiles.add(pattern);
                    }
                }
            }
        }
        String expected = String.join(", ", spec.paths()) + " present as readable files";
        if (!refused.isEmpty()) {
            return Result.error(refused.get(0) + (refused.get(0).endsWith(".") ? "" : "."))
                    .expected(expected).actual(missing.isEmpty() ? "not checked" : "not checked; missing " + String.join(", ", missing))
                    .evidence(evidence).build();
        }
        if (missing.isEmpty()) {
            return Result.pass(spec.paths().size() == 1 ? spec.paths().get(0) + " exists."
                            : "All " + spec.paths().size() + " files exist.")
                    .expected(expected).actual("all present").evidence(evidence).build();
        }
        return Result.fail((notFiles.isEmpty() ? "Missing: " + String.join(", ", missing)
                        : missing.size() == notFiles.size() ? "Not a regular file: " + String.join(", ", notFiles)
                        : "Missing or not a regular file: " + String.join(", ", missing)) + ".")
                .expected(expected).actual("missing " + String.join(", ", missing)).evidence(evidence).build();
    }

    private static boolean isGlob(String p) {
        return p.contains("*") || p.contains("?") || p.contains("[") || p.contains("{");
    }

    /** The relative path when the file is a readable regular file, null otherwise. */
    private static String single(RunContext ctx, String rel) throws WorkspaceException {
        Path p = ctx.workspace().resolve(rel);
        if (!Files.exists(p)) {
            return null;
        }
        if (!Files.isRegularFile(p)) {
            throw new WorkspaceException(WorkspaceException.Kind.NOT_A_FILE, rel, rel + " exists but is not a regular file", null);
        }
        if (!Files.isReadable(p)) {
            throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, rel, rel + " exists but cannot be read", null);
        }
        return ctx.workspace().relativize(p);
    }

    private static List<String> glob(RunContext ctx, String pattern, int min) throws WorkspaceException {
        int firstMeta = firstMeta(pattern);
        int slash = pattern.lastIndexOf('/', firstMeta);
        String base = slash < 0 ? "" : pattern.substring(0, slash);
        Path dir = ctx.workspace().resolve(base);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + ctx.workspace().resolve(pattern));
        try (Stream<Path> s = Files.walk(dir, 8)) {
            List<String> all = s.filter(Files::isRegularFile).filter(Files::isReadable).filter(matcher::matches)
                    .map(ctx.workspace()::relativize).sorted().toList();
            List<String> inside = all.stream().filter(rel -> inside(ctx, rel)).toList();
            if (inside.size() < min && inside.size() < all.size()) {
                String out = all.stream().filter(rel -> !inside.contains(rel)).findFirst().orElseThrow();
                throw new WorkspaceException(WorkspaceException.Kind.OUTSIDE_CHECKOUT, out, "'" + out + "' matches " + pattern
                        + " but leads outside the checkout through a symbolic link; runners only read inside it", null);
            }
            return inside;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, pattern, "cannot list " + base + ": " + e.getMessage(), null);
        }
    }

    /** A match that is a symlink leading out of the checkout does not count: runners only look inside it. */
    private static boolean inside(RunContext ctx, String rel) {
        try {
            ctx.workspace().resolve(rel);
            return true;
        } catch (WorkspaceException e) {
            return false;
        }
    }

    private static int firstMeta(String p) {
        for (int i = 0; i < p.length(); i++) {
            if ("*?[{".indexOf(p.charAt(i)) >= 0) {
                return i;
            }
        }
        return p.length();
    }

    private static String sizeOf(RunContext ctx, String rel) {
        try {
            return Files.size(ctx.workspace().resolve(rel)) + " bytes";
        } catch (IOException | WorkspaceException e) {
            return "";
        }
    }
}

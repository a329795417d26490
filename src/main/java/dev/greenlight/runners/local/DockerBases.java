package dev.greenlight.runners.local;

import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.WorkspaceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a base image defines, for {@link DockerImage}: the AWS Lambda base images as AWS documents
 * them, and the project's own base image when another Dockerfile of the checkout builds it on a
 * Lambda image. The link between an image reference ({@code …/backend-llm-base:latest}) and the
 * Dockerfile that builds it is only in the names ({@code Dockerfile.base}), so evidence says it was
 * inferred; anything else is unknown, and checks that depend on it cannot pass or fail on it.
 */
final class DockerBases {
    private static final int MAX_DEPTH = 6;

    private DockerBases() {
    }

    static DockerImage.BaseImage resolve(RunContext ctx, String dockerfile, String image) {
        DockerImage.BaseImage known = DockerImage.knownBaseEnv(image);
        if (known != null || image == null) {
            return known;
        }
        Set<String> words = Set.of(repository(image).toLowerCase(Locale.ROOT).split("[-_.]"));
        for (String other : dockerfiles(ctx, dockerfile)) {
            String token = token(other);
            if (token.isEmpty() || !words.contains(token)) {
                continue;
            }
            try {
                DockerfileParser.Dockerfile df = ctx.workspace().parsed(other, "dockerfile", DockerfileParser::parse);
                String base = DockerImage.of(df, DockerImage::knownBaseEnv).finalBaseImage();
                DockerImage.BaseImage lambda = DockerImage.knownBaseEnv(base);
                if (lambda != null) {
                    return new DockerImage.BaseImage(lambda.env(), lambda.workdir(), "base image " + image
                            + ", taken to be built by " + other + " (by its name) FROM " + base);
                }
            } catch (WorkspaceException e) {
                // an unreadable candidate is simply not followed
            }
        }
        return null;
    }

    /** {@code 1234.dkr.ecr.…/backend-llm-base:latest} → {@code backend-llm-base}. */
    static String repository(String image) {
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        s = s.substring(slash + 1);
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(0, colon) : s;
    }

    /** {@code Dockerfile.base} and {@code base.Dockerfile} → {@code base}; a plain {@code Dockerfile} → its directory's name. */
    private static String token(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dockerfile.")) {
            return lower.substring(11);
        }
        if (lower.endsWith(".dockerfile")) {
            return lower.substring(0, lower.length() - 11);
        }
        int slash = rel.lastIndexOf('/');
        String dir = slash < 0 ? "" : rel.substring(0, slash);
        return dir.substring(dir.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private static List<String> dockerfiles(RunContext ctx, String except) {
        List<String> out = new ArrayList<>();
        Path root = ctx.workspace().root();
        try (Stream<Path> s = Files.walk(root, MAX_DEPTH)) {
            s.filter(p -> {
                String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (n.startsWith("dockerfile") || n.endsWith(".dockerfile")) && Files.isRegularFile(p);
            }).map(p -> ctx.workspace().relativize(p))
                    .filter(rel -> !rel.equals(except) && !rel.startsWith(".git/") && !rel.contains("node_modules/"))
                    .sorted().forEach(out::add);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }
}

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
        try {
            // once per run and image: the search walks the checkout
            return ctx.workspace().parsed(dockerfile, "docker-base:" + image, f -> follow(ctx, dockerfile, image));
        } catch (WorkspaceException e) {
            return null;
        }
    }

    private static DockerImage.BaseImage follow(RunContext ctx, String dockerfile, String image) {
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
        try {
            Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new java.nio.file.SimpleFileVisitor<>() {
                        @Override
                        public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                            String n = d.getFileName() == null ? "" : d.getFileName().toString();
                            return n.equals(".git") || n.equals("node_modules") || n.equals(".venv") || n.equals(".aws-sam")
                                    ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes a) {
                            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                            if ((n.startsWith("dockerfile") || n.endsWith(".dockerfile")) && a.isRegularFile()) {
                                String rel = ctx.workspace().relativize(p);
                                if (!rel.equals(except)) {
                                    out.add(rel);
                                }
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}

package dev.greenlight.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.yaml.LocatedTree;
import dev.greenlight.yaml.LocatedYaml;
import dev.greenlight.yaml.Location;
import dev.greenlight.yaml.YamlSyntaxException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checkout as one run sees it. Every file is read, and every parse done, at most once per run
 * however many items look at it; concurrent requests for the same file wait for the one parse.
 *
 * <p>Only paths inside the checkout are served: {@code ../} and symlinks that lead out are refused.
 */
public final class Workspace {
    public static final long DEFAULT_MAX_FILE_BYTES = 32L * 1024 * 1024;

    /** Turns a file into something; run once per file and kind. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(SourceFile file) throws WorkspaceException;
    }

    private final Path root;
    private final Path realRoot;
    private final long maxFileBytes;
    private final Map<String, FutureTask<Object>> memo = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> parseCounts = new ConcurrentHashMap<>();
    private final java.util.Set<String> readPaths = ConcurrentHashMap.newKeySet();

    public Workspace(Path root) {
        this(root, DEFAULT_MAX_FILE_BYTES);
    }

    public Workspace(Path root, long maxFileBytes) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
        this.maxFileBytes = maxFileBytes;
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves a checkout-relative path, refusing anything that leaves the checkout lexically or
     * through a symlink. The path need not exist.
     */
    public Path resolve(String relative) throws WorkspaceException {
        String rel = relative == null ? "" : relative.strip();
        while (rel.startsWith("./")) {
            rel = rel.substring(2);
        }
        Path candidate;
        try {
            candidate = root.resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, relative, "not a valid path: " + e.getReason(), null);
        }
        if (!candidate.startsWith(root)) {
            throw new WorkspaceException(WorkspaceException.Kind.OUTSIDE_CHECKOUT, relative,
                    "'" + relative + "' is outside the checkout " + root + "; runners only read inside it", null);
        }
        // Follow symlinks of the deepest existing ancestor and check it is still inside.
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            try {
                Path real = existing.toRealPath();
                if (!real.startsWith(realRoot)) {
                    throw new WorkspaceException(WorkspaceException.Kind.OUTSIDE_CHECKOUT, relative,
                            "'" + relative + "' leads outside the checkout through a symbolic link (to " + real + ")", null);
                }
            } catch (java.nio.file.FileSystemLoopException e) {
                throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, relative,
                        "'" + relative + "' is part of a symbolic link loop", null);
            } catch (IOException e) {
                if (Files.isSymbolicLink(existing)) {
                    throw new WorkspaceException(WorkspaceException.Kind.NOT_FOUND, relative,
                            "'" + relative + "' is a broken symbolic link or a link loop", null);
                }
            }
        }
        return candidate;
    }

    /** The checkout-relative form of a path, with forward slashes. */
    public String relativize(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        String s = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
        return s.replace('\\', '/');
    }

    /** Checkout-relative paths of every file a runner asked to read this run (found or not). */
    public java.util.Set<String> readPaths() {
        return java.util.Set.copyOf(readPaths);
    }

    /** Reads a text file (UTF-8) once per run. */
    public SourceFile read(String relative) throws WorkspaceException {
        return memo("read:" + normalizeKey(relative), () -> load(relative));
    }

    /** Parses a YAML file (CloudFormation tags understood) once per run. */
    public LocatedTree yaml(String relative) throws WorkspaceException {
        return parsed(relative, "yaml", file -> {
            try {
                return LocatedYaml.parse(file.text());
            } catch (YamlSyntaxException e) {
                throw new WorkspaceException(WorkspaceException.Kind.SYNTAX, file.relPath(),
                        file.relPath() + (e.location() == null ? "" : ":" + e.location()) + ": not valid YAML: " + e.problem(),
                        e.location());
            }
        });
    }

    /** Parses a strict JSON file once per run; a syntax error carries line and column. */
    public JsonNode json(String relative) throws WorkspaceException {
        return parsed(relative, "json", file -> {
            try {
                return STRICT_JSON.readTree(file.text());
            } catch (JsonProcessingException e) {
                Location at = e.getLocation() == null ? null
                        : new Location(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
                throw new WorkspaceException(WorkspaceException.Kind.SYNTAX, file.relPath(),
                        file.relPath() + (at == null ? "" : ":" + at) + ": not valid JSON: " + e.getOriginalMessage(), at);
            }
        });
    }

    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    /** Parses a file with a runner's own parser, once per run per {@code kind}. */
    @SuppressWarnings("unchecked")
    public <T> T parsed(String relative, String kind, Parser<T> parser) throws WorkspaceException {
        SourceFile file = read(relative);
        String key = kind + ":" + file.relPath();
        return (T) memo(key, () -> {
            parseCounts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return parser.parse(file);
        });
    }

    /**
     * How many times each file was parsed, keyed "kind:path": the run's promise is once per kind,
     * however many items read the file, and the local-section benchmark reports these counts.
     */
    public Map<String, Integer> parseCounts() {
        Map<String, Integer> out = new TreeMap<>();
        parseCounts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private interface Load<T> {
        T get() throws WorkspaceException;
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(String key, Load<T> loader) throws WorkspaceException {
        FutureTask<Object> task = memo.computeIfAbsent(key, k -> new FutureTask<>(() -> {
            try {
                return loader.get();
            } catch (WorkspaceException e) {
                return e; // cached too: a broken file is reported the same way to every item
            }
        }));
        task.run(); // no-op unless this thread is first
        Object value;
        try {
            value = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, key, "interrupted while reading", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, key,
                    "could not read: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), null);
        }
        if (value instanceof WorkspaceException we) {
            throw new WorkspaceException(we.kind(), we.file(), we.getMessage(), we.location());
        }
        return (T) value;
    }

    private String normalizeKey(String relative) {
        try {
            return relativize(resolve(relative));
        } catch (WorkspaceException e) {
            return relative;
        }
    }

    private SourceFile load(String relative) throws WorkspaceException {
        Path path = resolve(relative);
        String rel = relativize(path);
        readPaths.add(rel);
        if (!Files.exists(path)) {
            throw new WorkspaceException(WorkspaceException.Kind.NOT_FOUND, rel, rel + " does not exist in the checkout", null);
        }
        if (!Files.isRegularFile(path)) {
            throw new WorkspaceException(WorkspaceException.Kind.NOT_A_FILE, rel, rel + " is not a regular file", null);
        }
        try {
            long size = Files.size(path);
            if (size > maxFileBytes) {
                throw new WorkspaceException(WorkspaceException.Kind.TOO_LARGE, rel,
                        rel + " is " + (size / (1024 * 1024)) + " MB, over the " + (maxFileBytes / (1024 * 1024))
                                + " MB limit for files Greenlight reads", null);
            }
            byte[] bytes = Files.readAllBytes(path);
            int scan = Math.min(bytes.length, 8192);
            for (int i = 0; i < scan; i++) {
                if (bytes[i] == 0) {
                    throw new WorkspaceException(WorkspaceException.Kind.BINARY, rel,
                            rel + " is a binary file, not text", null);
                }
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new WorkspaceException(WorkspaceException.Kind.BINARY, rel,
                        rel + " is not UTF-8 text", null);
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> lines = text.lines().toList();
            return new SourceFile(path, rel, text, lines);
        } catch (AccessDeniedException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, rel, rel + " cannot be read: permission denied", null);
        } catch (NoSuchFileException e) {
            throw new WorkspaceException(WorkspaceException.Kind.NOT_FOUND, rel, rel + " does not exist in the checkout", null);
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, rel, rel + " cannot be read: " + e.getMessage(), null);
        }
    }
}

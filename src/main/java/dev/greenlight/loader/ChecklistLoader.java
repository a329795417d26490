package dev.greenlight.loader;

import dev.greenlight.engine.Names;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.CheckTypes;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.yaml.LocatedTree;
import dev.greenlight.yaml.LocatedYaml;
import dev.greenlight.yaml.Location;
import dev.greenlight.yaml.YamlSyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads checklist files and reports every problem it finds, each with file:line:column and, where
 * it can guess, a suggestion. One broken item does not hide the problems of the others.
 *
 * <p>Limits (so hostile files fail fast; docs/limits.md has the figures): {@value #MAX_BYTES} bytes,
 * lines of {@value LocatedYaml#MAX_LINE_CHARS} characters, nesting of {@value LocatedYaml#MAX_DEPTH}
 * levels, aliases adding at most {@value LocatedYaml#MAX_ALIAS_EXPANSION} values, and at most
 * {@value #MAX_PROBLEMS} problems reported per file.
 */
public final class ChecklistLoader {
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /**
     * Problems listed per file; the rest are counted. Each problem may search every defined name for
     * a "did you mean", so 100,000 undefined references made loading quadratic.
     */
    public static final int MAX_PROBLEMS = 200;
    /** Variables every run defines. */
    public static final Set<String> BUILTIN_VARIABLES = Set.of("checkout");
    /** Prefixes answered at run time by a dynamic source (git facts, AWS identity, stack resources). */
    public static final List<String> DYNAMIC_PREFIXES = List.of("git.", "aws.", "stack.", "arn.");

    static final Set<String> TOP_KEYS = Set.of("id", "title", "version", "description", "vars", "sections", "requires");
    static final Set<String> SECTION_KEYS = Set.of("id", "title", "description", "items");
    static final Set<String> ITEM_KEYS = Set.of("id", "title", "why", "description", "check", "manual", "needs",
            "line-hint", "troubleshoot", "logs", "symptoms", "one-of", "gate");
    static final Set<String> TROUBLESHOOT_KEYS = Set.of("title", "when", "run", "note", "local", "mutating");
    static final Set<String> LOG_KEYS = Set.of("group", "function", "filter");
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final String BUNDLED_INDEX = "/checklists/";

    private final CheckTypes types;

    public ChecklistLoader(CheckTypes types) {
        this.types = types;
    }

    /** The ids of the checklists shipped inside Greenlight. */
    public static List<String> bundledIds() {
        return List.of("unified-pipe-v3.3");
    }

    public LoadResult loadBundled(String id) {
        String resource = BUNDLED_INDEX + id + ".yaml";
        try (InputStream in = ChecklistLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return failed("bundled:" + id, null, "no bundled checklist '" + id + "'",
                        Names.didYouMean(id, bundledIds()));
            }
            return parse(in.readAllBytes(), "bundled:" + id);
        } catch (IOException e) {
            return failed("bundled:" + id, null, "cannot read bundled checklist: " + e.getMessage(), null);
        }
    }

    /** A file path, or the id of a bundled checklist. */
    public LoadResult load(String fileOrId) {
        Path p = Path.of(fileOrId);
        if (!Files.exists(p) && bundledIds().contains(fileOrId)) {
            return loadBundled(fileOrId);
        }
        return load(p);
    }

    public LoadResult load(Path file) {
        String name = file.toString();
        try {
            if (!Files.exists(file)) {
                return failed(name, null, "no such checklist file",
                        bundledIds().isEmpty() ? null : "bundled checklists: " + String.join(", ", bundledIds()));
            }
            if (Files.isDirectory(file)) {
                return failed(name, null, "is a directory, not a checklist file", null);
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return failed(name, null, "checklist file is " + size + " bytes, over the limit of " + MAX_BYTES, null);
            }
            return parse(Files.readAllBytes(file), name);
        } catch (IOException e) {
            return failed(name, null, "cannot read the file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), null);
        }
    }

    public LoadResult parse(byte[] bytes, String name) {
        if (bytes.length > MAX_BYTES) {
            return failed(name, null, "checklist is " + bytes.length + " bytes, over the limit of " + MAX_BYTES, null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failed(name, badByteLocation(bytes), "the file is not valid UTF-8 text", "save it as UTF-8");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == 0) {
                return failed(name, locationOf(text, i), "the file contains a NUL byte; it looks binary", null);
            }
        }
        LocatedTree tree;
        try {
            tree = LocatedYaml.parse(text);
        } catch (YamlSyntaxException e) {
            return failed(name, e.location(), "not valid YAML: " + e.problem(), e.detail() == null ? null : "the YAML parser said: " + e.detail());
        } catch (StackOverflowError e) {
            return failed(name, null, "nesting too deep", null);
        }
        try {
            return new ChecklistReader(types, name, tree).read();
        } catch (RuntimeException | StackOverflowError e) {
            // a bug here must still be one line the person can report, never a trace or a dead app
            return failed(name, null, "Greenlight could not read this checklist (a bug: "
                    + e.getClass().getSimpleName() + ")", "please report it with the file");
        }
    }

    private static LoadResult failed(String file, Location at, String message, String suggestion) {
        return new LoadResult(Optional.empty(), List.of(new Problem(file, at, message, suggestion)));
    }

    private static Location badByteLocation(byte[] bytes) {
        int line = 1;
        int col = 1;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : -1;
            if (len < 0 || i + len > bytes.length) {
                return new Location(line, col);
            }
            for (int k = 1; k < len; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return new Location(line, col);
                }
            }
            if (b == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i += len;
        }
        return new Location(line, col);
    }

    private static Location locationOf(String text, int index) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Location(line, col);
    }
}

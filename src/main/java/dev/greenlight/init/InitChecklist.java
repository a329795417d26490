package dev.greenlight.init;

import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.wiring.Greenlight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Generates a checklist for a checkout, proves it loads with the checklist loader the run uses,
 * and writes it without ever replacing a file unless asked to: what {@code greenlight init} and the
 * window's "New checklist from this checkout…" share.
 */
public final class InitChecklist {
    /** Why nothing was written: no template, an existing file, a generated checklist that does not load, an I/O error. */
    public static final class InitException extends Exception {
        public InitException(String message) {
            super(message);
        }
    }

    private InitChecklist() {
    }

    /** Generates and checks the checklist; it is returned, not written. */
    public static ChecklistGenerator.Generated generate(Path checkout) throws InitException {
        if (!Files.isDirectory(checkout)) {
            throw new InitException("checkout " + checkout + " is not a directory");
        }
        ChecklistGenerator.Generated g;
        try {
            g = ChecklistGenerator.generate(checkout);
        } catch (ChecklistGenerator.NothingToGenerate e) {
            throw new InitException(e.getMessage());
        }
        List<Problem> problems = problems(g.yaml());
        if (!problems.isEmpty()) {
            throw new InitException("the generated checklist does not load (a bug in greenlight init, please report it): "
                    + problems.get(0).format());
        }
        return g;
    }

    /** Refuses an existing file unless {@code force}; checked before anything is generated. */
    public static void checkWritable(Path out, boolean force) throws InitException {
        if (Files.exists(out) && !force) {
            throw new InitException(out + " already exists; use --force to replace it");
        }
    }

    public static void write(ChecklistGenerator.Generated g, Path out, boolean force) throws InitException {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (force) {
                Files.writeString(out, g.yaml(), StandardCharsets.UTF_8);
            } else {
                Files.writeString(out, g.yaml(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new InitException(out + " already exists; use --force to replace it");
        } catch (IOException e) {
            throw new InitException("could not write " + out + ": " + e.getMessage());
        }
    }

    private static List<Problem> problems(String yaml) throws InitException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("greenlight-init", ".yaml");
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            LoadResult r = Greenlight.loader().load(tmp);
            return r.problems();
        } catch (IOException e) {
            throw new InitException("could not check the generated checklist: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}

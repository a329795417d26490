package dev.greenlight.ui.detail;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A few lines of a checkout file around the line a piece of evidence points at.
 *
 * @param firstLine 1-based number of {@code lines.get(0)}
 * @param hit       1-based line to highlight
 * @param problem   why no lines could be read, or null
 */
public record Snippet(List<String> lines, int firstLine, int hit, String problem) {
    static final int MAX_LINE_CHARS = 400;

    /** Reads lines {@code hit - context .. hit + context}; blocking, call off the FX thread. */
    public static Snippet read(Path checkout, String rel, int hit, int context) {
        Path file = checkout.resolve(rel).normalize();
        if (!file.startsWith(checkout.normalize())) {
            return new Snippet(List.of(), 0, hit, rel + " is outside the checkout");
        }
        int from = Math.max(1, hit - context);
        int to = hit + context;
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null && ++n <= to) {
                if (n >= from) {
                    out.add(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + " …" : line);
                }
            }
            if (n < hit) {
                return new Snippet(out, from, hit, rel + " has only " + n + " lines now; it changed since the run");
            }
        } catch (CharacterCodingException e) {
            return new Snippet(List.of(), 0, hit, rel + " is not text");
        } catch (IOException e) {
            return new Snippet(List.of(), 0, hit, "cannot read " + rel + ": " + e.getMessage());
        }
        return new Snippet(out, from, hit, null);
    }
}

package dev.greenlight.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A checkout file read once per run.
 *
 * @param relPath the path relative to the checkout, with forward slashes, as shown to people
 * @param lines   the lines without terminators; line N is {@code lines.get(N - 1)}
 */
public record SourceFile(Path path, String relPath, String text, List<String> lines) {

    public String line(int oneBased) {
        return oneBased >= 1 && oneBased <= lines.size() ? lines.get(oneBased - 1) : "";
    }
}

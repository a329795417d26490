package dev.greenlight.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a go/no-go record in one format. */
public interface RecordWriter {
    void write(GoNoGoRecord record, Writer out) throws IOException;

    /** The writer for a file name's extension: .md, .html (or .htm), .json. */
    static RecordWriter forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return new MarkdownRecordWriter();
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return new HtmlRecordWriter();
        }
        if (name.endsWith(".json")) {
            return new JsonRecordWriter();
        }
        throw new IllegalArgumentException("cannot tell the record format from '" + file.getFileName()
                + "'; name it .md, .html or .json");
    }
}

package dev.greenlight.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The two JSON mappers the code shares, so that every file and report Greenlight writes is
 * written the same way. Jackson's mappers are thread-safe once built; nothing may reconfigure
 * these. Parsing a user's own files is not done here: {@code Workspace} rejects duplicate keys and
 * comments there, which would be wrong for AWS responses and our own records.
 */
public final class Json {
    /** Jackson's defaults: one line of text (index lines, canonical forms), and reading responses and records. */
    public static final JsonMapper COMPACT = JsonMapper.builder().build();

    /**
     * Indented, for what people read (reports, stored runs, settings). It leaves the stream it
     * writes to open, because the caller owns it (standard output, an atomic file that syncs
     * before closing); and it binds objects that carry fields it does not know, so a file written
     * by a newer version still opens.
     */
    public static final JsonMapper PRETTY = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }
}

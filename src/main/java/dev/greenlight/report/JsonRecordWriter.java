package dev.greenlight.report;

import dev.greenlight.json.Json;

import java.io.IOException;
import java.io.Writer;

/** The record as indented JSON; {@code greenlight verify-record} checks this form. */
public final class JsonRecordWriter implements RecordWriter {
    @Override
    public void write(GoNoGoRecord record, Writer out) throws IOException {
        Json.PRETTY.writeValue(out, record.toJson());
        out.write('\n');
    }
}

package dev.greenlight.log;

import dev.greenlight.engine.Redactor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record ({@code time LEVEL logger: message}), then the exception's stack trace if
 * any; the message (with its parameters filled in) and the whole trace text, messages of causes
 * included, pass through {@link Redactor#redact(String)} before they reach the file. A key in an
 * AWS error message or a log line a runner quoted is masked here like in every report.
 */
public final class RedactingFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(Instant.ofEpochMilli(r.getMillis())).append(' ').append(r.getLevel().getName()).append(' ')
                .append(r.getLoggerName()).append(": ").append(Redactor.redact(formatMessage(r))).append('\n');
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            sb.append(Redactor.redact(trace.toString()));
        }
        return sb.toString();
    }
}

package dev.greenlight.ui.logs;

import dev.greenlight.engine.logs.LogEvent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** One log event as shown: local time, group, message, and whether it reads as an error. */
public record LogLine(long timestamp, String group, String message, boolean error) {
    private static final Pattern ERROR = Pattern.compile(
            "\\b(ERROR|FATAL|CRITICAL|Exception|Traceback|Task timed out|errorMessage)\\b|\\[ERROR]");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    public static LogLine of(LogEvent e) {
        String m = e.message() == null ? "" : e.message().stripTrailing();
        return new LogLine(e.timestamp(), e.group(), m, ERROR.matcher(m).find());
    }

    public String time() {
        return TIME.format(Instant.ofEpochMilli(timestamp));
    }

    /** The line as copied: "12:00:01.123 /aws/lambda/x  message". */
    public String text() {
        return time() + "  " + (group == null ? "" : group + "  ") + message;
    }
}

package dev.greenlight.engine.logs;

/**
 * One log line as delivered to a viewer.
 *
 * @param timestamp milliseconds since the epoch, as the log service stamped it
 * @param eventId   the service's id of the event, used to drop duplicates between polls
 */
public record LogEvent(String group, String stream, long timestamp, String message, String eventId) {
}

package dev.greenlight.engine;

import java.time.Instant;

/** The verdict of one item in one run, with its timing. */
public record ItemResult(String itemId, String sectionId, String title, Result result,
                         long durationMs, Instant finishedAt) {

    public Status status() {
        return result.status();
    }
}

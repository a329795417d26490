package dev.greenlight.engine;

import java.time.Instant;

/**
 * The verdict of one item in one run, with its timing and what the checklist says the verdict may
 * decide.
 *
 * @param gating how the verdict counts towards the go/no-go and the exit code
 */
public record ItemResult(String itemId, String sectionId, String title, Result result,
                         long durationMs, Instant finishedAt, Gating gating) {

    /**
     * @param gate         false for a watching item ({@code gate: false}): run and recorded, never blocking
     * @param noDataBlocks {@code on-no-data: block} (a NO DATA is a blocker) or {@code warn} (a caveat)
     * @param postDeploy   the check looks at the deployed system (AWS), not the checkout
     */
    public record Gating(boolean gate, boolean noDataBlocks, boolean postDeploy) {
        public static final Gating DEFAULT = new Gating(true, true, false);
    }

    public ItemResult {
        gating = gating == null ? Gating.DEFAULT : gating;
    }

    public ItemResult(String itemId, String sectionId, String title, Result result, long durationMs, Instant finishedAt) {
        this(itemId, sectionId, title, result, durationMs, finishedAt, Gating.DEFAULT);
    }

    public Status status() {
        return result.status();
    }

    /** True when this verdict keeps the release from a GO and the CLI from exit 0. */
    public boolean blocking() {
        return gating.gate() && (status().blocksRelease() || status() == Status.NO_DATA && gating.noDataBlocks());
    }

    /** A watching item: it runs and is recorded, but never blocks. */
    public boolean watching() {
        return !gating.gate();
    }
}

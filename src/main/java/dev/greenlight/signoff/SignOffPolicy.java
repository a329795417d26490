package dev.greenlight.signoff;

import dev.greenlight.engine.Status;
import dev.greenlight.model.Item;

import java.util.List;

/**
 * The one set of rules for sign-offs, used by the window, the CLI and the go/no-go record alike.
 *
 * <ul>
 *   <li>A person may sign off only what the machine could not decide: a manual item (MANUAL) or one
 *       the run skipped (SKIP). A FAIL or ERROR is never signed away; a PASS or WARN needs no signature.</li>
 *   <li>A sign-off needs a note: what was checked, where. An empty one is refused.</li>
 *   <li>A sign-off holds only over the {@link SignOffBasis} it was made on. When the verdict, the
 *       checkout, a variable, the AWS target or the checklist changed since, it is stale: it is shown
 *       with the reason, counts for nothing and is not carried into a record.</li>
 *   <li>The newest verdict always shows: a current sign-off turns MANUAL or SKIP into DONE, and
 *       nothing else; a FAIL or ERROR stays what it is.</li>
 * </ul>
 */
public final class SignOffPolicy {
    private SignOffPolicy() {
    }

    /** Whether a sign-off still holds, and why not. */
    public record Judgement(boolean current, String reason) {
        static final Judgement CURRENT = new Judgement(true, null);
    }

    /** The verdict a person signs over when there is none yet (a manual item before any run). */
    public static Status verdictOf(Item item, Status lastVerdict) {
        return lastVerdict != null ? lastVerdict : item.automated() ? null : Status.MANUAL;
    }

    /** Why a sign-off of this verdict with this note is refused, or null when it may be made. */
    public static String refusal(Item item, Status verdict, String note) {
        Status v = verdictOf(item, verdict);
        if (v == null) {
            return "Run the item first: only a verdict the machine could not decide (MANUAL or SKIP) can be signed off.";
        }
        switch (v) {
            case FAIL, ERROR -> {
                return "A " + v + " cannot be signed off: a note does not make it pass. Fix it and run the item again.";
            }
            case PASS, WARN -> {
                return "The machine verified this item (" + v + "); there is nothing to sign off.";
            }
            case DONE -> {
                return "Already signed off.";
            }
            case NO_DATA -> {
                return "A NO DATA cannot be signed off: there was nothing to judge. Produce data (invoke the function,"
                        + " wait for traffic, or widen 'since') and run the item again, or give the item on-no-data: warn.";
            }
            default -> {
            }
        }
        if (note == null || note.isBlank()) {
            return "Write in the note what you checked and where first: a sign-off without a note says nothing.";
        }
        return null;
    }

    /** Judges a sign-off made over {@code signed} against what holds {@code now}. */
    public static Judgement judge(SignOffBasis signed, SignOffBasis now) {
        if (signed == null) {
            return new Judgement(false, "Stale sign-off: it was made before Greenlight recorded what a sign-off was made over;"
                    + " sign it off again.");
        }
        List<String> changes = signed.changesTo(now);
        if (changes.isEmpty()) {
            return Judgement.CURRENT;
        }
        return new Judgement(false, "Stale sign-off: " + String.join("; ", changes) + ". It does not count; sign it off again"
                + " if it still holds.");
    }

    /**
     * What an item shows: the newest verdict, turned into DONE only by a current sign-off of a MANUAL
     * or SKIP verdict.
     *
     * @param judgement null when there is no sign-off
     */
    public static Status effective(Item item, Status lastVerdict, Judgement judgement) {
        Status v = verdictOf(item, lastVerdict);
        if (judgement != null && judgement.current() && (v == Status.MANUAL || v == Status.SKIP)) {
            return Status.DONE;
        }
        return v;
    }
}

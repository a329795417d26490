package dev.greenlight.engine;

/**
 * The verdict of one item. "Running" and "not run" are UI states, not verdicts.
 */
public enum Status {
    /** The fact holds. */
    PASS,
    /** The fact holds, with a caveat worth a look. */
    WARN,
    /** Evaluated, and the fact does not hold. */
    FAIL,
    /** Could not evaluate: no credentials, access denied, parse error, timeout. */
    ERROR,
    /** A precondition is not met or the check is not configured or not allowed. */
    SKIP,
    /** Waiting for a person. */
    MANUAL,
    /** A person signed it off. */
    DONE,
    /**
     * The check ran and could evaluate, but there was nothing to evaluate: no invocation since the
     * deploy, an empty log group, no cold start, zero events scanned. Absence of evidence is not
     * evidence, so this is neither PASS nor SKIP; whether it blocks a GO is the item's
     * {@code on-no-data} (see {@link ItemResult#blocking()}).
     */
    NO_DATA;

    /** How people read it: "NO DATA" (the enum name is the JSON value). */
    public String label() {
        return this == NO_DATA ? "NO DATA" : name();
    }

    /** True for verdicts that let dependent items run. */
    public boolean holds() {
        return this == PASS || this == WARN || this == DONE;
    }

    /** Red whatever the item says: FAIL and ERROR. A NO DATA blocks or not by the item's on-no-data. */
    public boolean blocksRelease() {
        return this == FAIL || this == ERROR;
    }
}

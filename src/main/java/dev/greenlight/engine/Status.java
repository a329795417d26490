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
    DONE;

    /** True for verdicts that let dependent items run. */
    public boolean holds() {
        return this == PASS || this == WARN || this == DONE;
    }

    public boolean blocksRelease() {
        return this == FAIL || this == ERROR;
    }
}

package dev.greenlight.engine;

/**
 * {@code fail-as: warn}: an item about the verification procedure itself (a file its commands name,
 * a setting the document credits for a result) is true or not without the deploy being wrong, so its
 * FAIL is shown as a WARN that says so. ERROR stays ERROR: "could not look" is not a caveat.
 */
final class FailAs {
    static final String NOTE = "This item checks a premise of the verification procedure, not the deploy: "
            + "it does not hold, so the procedure cannot be followed or trusted as written here (WARN, not FAIL).";

    private FailAs() {
    }

    static Result warn(Result r) {
        if (r.status() != Status.FAIL) {
            return r;
        }
        return r.toBuilder().status(Status.WARN).note(NOTE).build();
    }
}

package dev.greenlight.engine;

import java.util.List;

/**
 * A kind of check. One class per runner, with a {@code record Spec} that Jackson binds from the
 * item's {@code check:} mapping (kebab-case keys), and one line in
 * {@link dev.greenlight.runners.StandardRunners}.
 *
 * <p>Runners are blocking, JavaFX-free and must not throw: every outcome, including "could not
 * evaluate", is a {@link Result}. The engine still turns a leaked exception into ERROR.
 *
 * @param <S> the spec record
 */
public interface Runner<S> {

    /** What running a check does to the world; anything but READ needs the person's consent. */
    enum Access {
        /** Reads files or calls Describe/Get/List/Filter APIs. */
        READ,
        /** Executes code in the AWS account (Lambda Invoke); needs --allow-invoke. */
        INVOKE,
        /** Runs a local command; needs --allow-commands. */
        COMMAND
    }

    /** A problem with a spec found at load time; {@code field} is a kebab-case key of the check. */
    record SpecProblem(String field, String message, String suggestion) {
    }

    /** The kebab-case name used as {@code type:} in checklist files. */
    String type();

    Class<S> specType();

    /** Checks the fact. Never throws. */
    Result run(S spec, RunContext ctx);

    default Access access() {
        return Access.READ;
    }

    /**
     * True for runners that look at the deployed system (AWS) rather than the checkout: the
     * post-deploy half of a checklist. A GO from a run that skipped them says so.
     */
    default boolean postDeploy() {
        return false;
    }

    /**
     * Whether this runner's NO DATA blocks a GO when the item does not say ({@code on-no-data}).
     * Blocking is the default: absence of evidence is not evidence.
     */
    default boolean noDataBlocksByDefault() {
        return true;
    }

    /** The IAM actions this runner calls, for {@code greenlight iam-policy}. */
    default List<String> iamActions() {
        return List.of();
    }

    /** The IAM actions this check needs with these parameters; a subset of {@link #iamActions()}. */
    default List<String> iamActions(S spec) {
        return iamActions();
    }

    /** Static problems with a spec (bad regex, contradictory options); called at load time. */
    default List<SpecProblem> validate(S spec) {
        return List.of();
    }
}

package dev.greenlight.ui.detail;

import dev.greenlight.engine.Variables;
import dev.greenlight.engine.logs.LogTailFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executor;

/** What the detail pane needs from the app, so the pane knows nothing of windows, dialogs or settings. */
public interface DetailContext {
    Path checkout();

    /** The run's variables; may call git, so only used off the FX thread. */
    Variables variables();

    /** Runs blocking work (file reads, variable resolution) off the FX thread. */
    Executor background();

    /** Runs on the FX thread. */
    Executor fx();

    /** Runs on the FX thread after what is already queued there, even when called on it. */
    Executor fxNextTurn();

    void openFile(String checkoutRelative, int line);

    void openUrl(String url);

    /** Asks the person once; false when they decline. Called on the FX thread. */
    boolean confirm(String title, String message);

    /**
     * Starts tails for the current AWS settings; blocking, called off the FX thread. Null, or an
     * exception whose message says why, when log tails are not available.
     */
    LogTailFactory logTails();

    /** The log group a {@code logs:} entry names, resolved; blocking, called off the FX thread. */
    String logGroup(dev.greenlight.model.LogSource source) throws Exception;

    String logTailsUnavailable();

    /** When the stack was last deployed, or null when unknown. */
    Instant deployTime();

    /** "123456789012 (arn:…)" or "not connected"; named when a command changes things. */
    String awsAccountLabel();

    void tick(String itemId, String note);

    void untick(String itemId);

    void setNote(String itemId, String note);

    String note(String itemId);

    void runItem(String itemId);

    /** Runs one item with Lambda invokes and local commands allowed; the pane has asked the person. */
    void runItemAllowing(String itemId);

    /** What a check type may do: read, invoke code in the account, or run a local command. */
    dev.greenlight.engine.Runner.Access access(String type);

    /**
     * What the history says of a watching item ({@code gate: false}): its green streak, and after N
     * green complete runs the suggestion to make it gating ({@link dev.greenlight.store.Promotions});
     * null for none. Blocking, called off the FX thread.
     */
    default String watchHint(String itemId) {
        return null;
    }

    /** A short message that goes away by itself ("Copied …"); nothing by default. */
    default void notify(String message) {
    }
}

package dev.greenlight.engine;

/**
 * Progress of a run. Called on the engine's worker threads: a GUI must hand the calls to its own
 * thread, and no implementation may block.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    default void itemStarted(String itemId) {
    }

    default void itemFinished(ItemResult result) {
    }

    default void runFinished(RunReport report) {
    }
}

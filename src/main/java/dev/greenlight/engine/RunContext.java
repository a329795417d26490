package dev.greenlight.engine;

import dev.greenlight.model.Item;

import java.util.function.BooleanSupplier;

/** What a runner may use while checking one item. */
public final class RunContext {
    private final Item item;
    private final Workspace workspace;
    private final Variables variables;
    private final Services services;
    private final RunOptions options;
    private final BooleanSupplier cancelled;

    public RunContext(Item item, Workspace workspace, Variables variables, Services services,
                      RunOptions options, BooleanSupplier cancelled) {
        this.item = item;
        this.workspace = workspace;
        this.variables = variables;
        this.services = services;
        this.options = options;
        this.cancelled = cancelled;
    }

    public Item item() {
        return item;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Variables variables() {
        return variables;
    }

    public Services services() {
        return services;
    }

    public RunOptions options() {
        return options;
    }

    public boolean cancelled() {
        return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /**
     * "found at line 9 (the checklist says 7)" when the item's line hint differs from where the
     * thing was found; null otherwise. Drift is a note, never a failure.
     */
    public String driftNote(String file, int foundLine) {
        Integer hint = item == null ? null : item.lineHint();
        if (hint == null || item.hintCovers(foundLine)) {
            return null;
        }
        String quoted = item.lineHintEnd() == null ? "line " + hint : "lines " + hint + "-" + item.lineHintEnd();
        return "found at " + file + ":" + foundLine + " (the checklist says " + quoted + ")";
    }
}

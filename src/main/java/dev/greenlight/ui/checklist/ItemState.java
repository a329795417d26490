package dev.greenlight.ui.checklist;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Item;
import dev.greenlight.store.SessionStore.Tick;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Map;

/**
 * What the app knows about one item right now: its last verdict, whether it is running, and a
 * person's sign-off. {@link #status()} is what the list shows: a signed-off item is DONE whatever
 * its last run said; null means "not run yet".
 */
public final class ItemState {
    private final Item item;
    private final ReadOnlyObjectWrapper<ItemResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Tick> signOff = new ReadOnlyObjectWrapper<>(this, "signOff");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyStringWrapper staleNote = new ReadOnlyStringWrapper(this, "staleNote");
    private Map<String, String> ranWith;
    private Map<String, String> current = Map.of();

    ItemState(Item item) {
        this.item = item;
        result.addListener((o, a, b) -> recompute());
        signOff.addListener((o, a, b) -> recompute());
    }

    public Item item() {
        return item;
    }

    public String id() {
        return item.id();
    }

    /** Manual items, and automated ones a person may still sign off. */
    public boolean signable() {
        return item.manual() || item.check() == null;
    }

    public ReadOnlyObjectProperty<ItemResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ItemResult result() {
        return result.get();
    }

    public ReadOnlyObjectProperty<Tick> signOffProperty() {
        return signOff.getReadOnlyProperty();
    }

    public Tick signOff() {
        return signOff.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean running() {
        return running.get();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status status() {
        return status.get();
    }

    /**
     * Why the shown verdict no longer describes the current target ("From an earlier run with
     * stage=dev …"), or null when it does or there is no verdict.
     */
    public ReadOnlyStringProperty staleNoteProperty() {
        return staleNote.getReadOnlyProperty();
    }

    public String staleNote() {
        return staleNote.get();
    }

    public boolean stale() {
        return staleNote.get() != null;
    }

    /** The verdict and the context its run was pointed at (null when unknown). */
    void setResult(ItemResult r, Map<String, String> context) {
        ranWith = context;
        // the note first: listeners of the result repaint and read it
        restale(r);
        result.set(r);
    }

    /** The context the app is pointed at now, as it applies to this item. */
    void setCurrentContext(Map<String, String> context) {
        current = context;
        restale(result.get());
    }

    Map<String, String> currentContext() {
        return current;
    }

    private void restale(ItemResult r) {
        // MANUAL is no verdict: a person's sign-off does not go stale with the stage
        boolean verdict = r != null && r.status() != Status.MANUAL;
        staleNote.set(verdict ? StaleNote.describe(ranWith, current) : null);
    }

    void setSignOff(Tick s) {
        signOff.set(s);
    }

    void setRunning(boolean r) {
        running.set(r);
    }

    private void recompute() {
        if (signOff.get() != null) {
            status.set(Status.DONE);
        } else if (result.get() != null) {
            status.set(result.get().status());
        } else {
            status.set(item.check() == null ? Status.MANUAL : null);
        }
    }

    void init() {
        recompute();
    }

    @Override
    public String toString() {
        return item.title();
    }
}

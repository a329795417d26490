package dev.greenlight.ui.checklist;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Item;
import dev.greenlight.store.SessionStore.Tick;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

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

    void setResult(ItemResult r) {
        result.set(r);
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

package dev.greenlight.ui.checklist;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Item;
import dev.greenlight.signoff.SignOffBasis;
import dev.greenlight.signoff.SignOffPolicy;
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
 * person's sign-off. {@link #status()} is what the list shows, by {@link SignOffPolicy}: the newest
 * verdict, turned into DONE only by a sign-off that still holds over what it was made on (verdict,
 * commit, variables, AWS target, checklist); null means "not run yet".
 */
public final class ItemState {
    private final Item item;
    private final ReadOnlyObjectWrapper<ItemResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Tick> signOff = new ReadOnlyObjectWrapper<>(this, "signOff");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyStringWrapper staleNote = new ReadOnlyStringWrapper(this, "staleNote");
    private final ReadOnlyStringWrapper staleSignOff = new ReadOnlyStringWrapper(this, "staleSignOff");
    private final ReadOnlyStringWrapper notNeeded = new ReadOnlyStringWrapper(this, "notNeeded");
    private java.util.function.Function<ItemState, SignOffBasis> basisNow = s -> null;
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

    /** The machine's newest verdict: the last result's status, MANUAL for a manual item not run yet, else null. */
    public Status verdict() {
        return SignOffPolicy.verdictOf(item, result.get() == null ? null : result.get().status());
    }

    /** The reason of {@link #verdict()}. */
    public String verdictReason() {
        return result.get() != null ? result.get().result().reason()
                : item.automated() ? null : dev.greenlight.engine.ChecklistRun.MANUAL_REASON;
    }

    /** What a sign-off of this item made now would be made over. */
    public SignOffBasis basisNow() {
        return basisNow.apply(this);
    }

    /** A sign-off is there and holds now (the item shows DONE for it). */
    public boolean signedOff() {
        return signOff.get() != null && staleSignOff.get() == null;
    }

    /**
     * Why the item's sign-off no longer counts ("Stale sign-off: signed on 334fdc8 / stage=dev; now
     * 180f2f2 / stage=prod …"), or null when there is none or it holds.
     */
    public ReadOnlyStringProperty staleSignOffProperty() {
        return staleSignOff.getReadOnlyProperty();
    }

    public String staleSignOff() {
        return staleSignOff.get();
    }

    /** "Not needed: trigger-push met the one-of group deploy-trigger." for a waiting alternative, else null. */
    public ReadOnlyStringProperty notNeededProperty() {
        return notNeeded.getReadOnlyProperty();
    }

    public String notNeeded() {
        return notNeeded.get();
    }

    void setNotNeeded(String why) {
        notNeeded.set(why);
    }

    /** How the view-model says what holds now; judged again on every change of verdict, sign-off or target. */
    void setBasisNow(java.util.function.Function<ItemState, SignOffBasis> f) {
        basisNow = f;
        recompute();
    }

    /** The target changed (commit, variables, AWS): judge the sign-off again. */
    void rejudge() {
        recompute();
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
        Tick t = signOff.get();
        SignOffPolicy.Judgement j = null;
        if (t != null) {
            SignOffBasis now = basisNow.apply(this);
            j = now == null ? new SignOffPolicy.Judgement(true, null) : SignOffPolicy.judge(t.basis(), now);
        }
        // the note first: listeners of the status repaint and read it
        staleSignOff.set(j == null || j.current() ? null : j.reason());
        status.set(SignOffPolicy.effective(item, result.get() == null ? null : result.get().status(), j));
    }

    void init() {
        recompute();
    }

    @Override
    public String toString() {
        return item.title();
    }
}

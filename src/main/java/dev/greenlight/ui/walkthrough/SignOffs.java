package dev.greenlight.ui.walkthrough;

import dev.greenlight.store.SessionStore.Tick;
import dev.greenlight.store.SignOff;
import dev.greenlight.ui.checklist.ItemState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The app keeps ticks in its session store; records and the history take them as {@link SignOff}s. */
public final class SignOffs {
    private SignOffs() {
    }

    public static List<SignOff> of(Collection<ItemState> items) {
        List<SignOff> out = new ArrayList<>();
        for (ItemState s : items) {
            Tick t = s.signOff();
            if (t != null) {
                out.add(new SignOff(s.id(), t.user() == null ? "unknown" : t.user(), t.awsArn(), t.at(), t.note(), t.basis()));
            }
        }
        return out;
    }
}

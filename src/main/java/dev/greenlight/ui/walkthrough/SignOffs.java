package dev.greenlight.ui.walkthrough;

import dev.greenlight.store.SessionStore.Tick;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.ui.checklist.ItemState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The app keeps ticks in its session store; records and the history take them as {@link SignOff}s. */
public final class SignOffs {
    private SignOffs() {
    }

    /** Only the sign-offs that hold now: what a history entry keeps beside its run (a stale one vouches for nothing). */
    public static List<SignOff> current(Collection<ItemState> items) {
        return of(items.stream().filter(ItemState::signedOff).toList());
    }

    /** Every sign-off, stale ones too (the record builder judges and leaves those out, saying why). */
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

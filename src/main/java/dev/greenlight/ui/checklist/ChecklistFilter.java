package dev.greenlight.ui.checklist;

import dev.greenlight.engine.Status;
import dev.greenlight.model.Item;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The checklist's filter: text (id, title, description, the verdict's reason) and statuses, and the
 * sentence shown when it leaves no item. The view rebuilds its tree when {@link #changedProperty} fires.
 */
final class ChecklistFilter {
    private final StringProperty text;
    private final ObservableSet<Status> statuses = FXCollections.observableSet(EnumSet.noneOf(Status.class));
    private final ReadOnlyObjectWrapper<Object> changed;
    private final ReadOnlyStringWrapper noMatch;
    private final Supplier<Collection<ItemState>> items;

    /** @param bean the owner the properties name (the view model) */
    ChecklistFilter(Object bean, Supplier<Collection<ItemState>> items) {
        this.items = items;
        text = new SimpleStringProperty(bean, "filterText", "");
        changed = new ReadOnlyObjectWrapper<>(bean, "filterChanged");
        noMatch = new ReadOnlyStringWrapper(bean, "noMatch", "");
        text.addListener((o, a, b) -> changed());
        statuses.addListener((SetChangeListener<Status>) c -> changed());
    }

    StringProperty textProperty() {
        return text;
    }

    ObservableSet<Status> statuses() {
        return statuses;
    }

    ReadOnlyStringProperty noMatchProperty() {
        return noMatch.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Object> changedProperty() {
        return changed.getReadOnlyProperty();
    }

    boolean matches(ItemState s) {
        if (!statuses.isEmpty() && !statuses.contains(s.status())) {
            return false;
        }
        String q = text.get() == null ? "" : text.get().strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return true;
        }
        Item i = s.item();
        return contains(i.id(), q) || contains(i.title(), q) || contains(i.description(), q)
                || (s.result() != null && contains(s.result().result().reason(), q));
    }

    private static boolean contains(String text, String q) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(q);
    }

    private void changed() {
        boolean any = items.get().stream().anyMatch(this::matches);
        noMatch.set(any ? "" : noMatchSentence());
        changed.set(new Object());
    }

    private String noMatchSentence() {
        String q = text.get() == null ? "" : text.get().strip();
        List<String> labels = Arrays.stream(Status.values()).filter(statuses::contains)
                .map(StatusGlyphs::label).toList();
        StringBuilder b = new StringBuilder("No item matches");
        if (!q.isEmpty()) {
            b.append(" “").append(q).append("”");
        }
        if (!labels.isEmpty()) {
            b.append(q.isEmpty() ? " status " : " with status ").append(String.join(" or ", labels));
        }
        return b.append(". Clear the filter (Esc in the filter box) to see every item.").toString();
    }
}

package dev.greenlight.ui.checklist;

import dev.greenlight.engine.Status;
import dev.greenlight.model.Section;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;

/** A section with its items and a one-line count such as "4/6 pass · 1 fail · 1 manual". */
public final class SectionState {
    private final Section section;
    private final List<ItemState> items;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<Status> worst = new ReadOnlyObjectWrapper<>(this, "worst");

    SectionState(Section section, List<ItemState> items) {
        this.section = section;
        this.items = List.copyOf(items);
    }

    public Section section() {
        return section;
    }

    public String id() {
        return section.id();
    }

    public List<ItemState> items() {
        return items;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String summary() {
        return summary.get();
    }

    /** The status that most needs attention among the items, null when nothing has run. */
    public ReadOnlyObjectProperty<Status> worstProperty() {
        return worst.getReadOnlyProperty();
    }

    void recount() {
        // a one-of group is one requirement here too
        java.util.Map<String, ItemState> byId = new java.util.HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        StatusCounts c = StatusCounts.of(dev.greenlight.signoff.Requirements.of(items.stream().map(ItemState::item).toList())
                .stream().map(r -> r.status(i -> byId.get(i.id()).status())).toList());
        // worst first: cells repaint when the summary changes and read both
        worst.set(c.worst());
        summary.set(c.sectionSummary());
    }

    @Override
    public String toString() {
        return section.title();
    }
}

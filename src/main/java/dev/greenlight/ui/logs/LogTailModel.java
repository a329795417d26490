package dev.greenlight.ui.logs;

import dev.greenlight.engine.logs.LogEvent;
import dev.greenlight.engine.logs.LogTail;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The lines of one log tail panel. {@link #pump()} is called by the view every 100 ms: it drains at
 * most {@code perFrame} events from the tail and keeps only the newest {@code capacity} lines, so a log
 * writing 50,000 lines a second costs the UI thread one bounded batch per call and a bounded list.
 */
public final class LogTailModel {
    public static final int DEFAULT_CAPACITY = 5_000;
    public static final int DEFAULT_PER_FRAME = 1_000;

    private final int capacity;
    private final int perFrame;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> visible = new FilteredList<>(lines, l -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(this, "following");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Not started.");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper(this, "received");
    private final ReadOnlyLongWrapper trimmed = new ReadOnlyLongWrapper(this, "trimmed");
    private LogTail tail;

    public LogTailModel(int capacity, int perFrame) {
        this.capacity = capacity;
        this.perFrame = perFrame;
        filter.addListener((o, a, b) -> {
            String q = b == null ? "" : b.strip().toLowerCase(Locale.ROOT);
            visible.setPredicate(q.isEmpty() ? l -> true : l -> l.message().toLowerCase(Locale.ROOT).contains(q));
        });
    }

    public LogTailModel() {
        this(DEFAULT_CAPACITY, DEFAULT_PER_FRAME);
    }

    /** Starts following; an exception from the factory becomes the status sentence. */
    public void start(Supplier<LogTail> opener) {
        stop();
        detail.set("");
        try {
            tail = opener.get();
            following.set(true);
            status.set(tail.status());
        } catch (RuntimeException e) {
            tail = null;
            following.set(false);
            status.set("The log tail could not start. Check the AWS profile and region in the context bar, then start the tail again.");
            detail.set(dev.greenlight.ui.Folded.detailOf(e));
        }
    }

    public void stop() {
        if (tail != null) {
            drainInto(Integer.MAX_VALUE);
            tail.close();
            tail = null;
            status.set("Stopped.");
        }
        following.set(false);
    }

    /** Drains one batch; returns the number of lines added. Call on the FX thread. */
    public int pump() {
        if (tail == null) {
            return 0;
        }
        int n = drainInto(perFrame);
        status.set(tail.status() + (tail.dropped() > 0 ? " · " + tail.dropped() + " events dropped (too fast to show)" : ""));
        if (!tail.isRunning() && n == 0) {
            following.set(false);
        }
        return n;
    }

    private int drainInto(int max) {
        List<LogEvent> batch = tail.drain(Math.min(max, perFrame));
        if (batch.isEmpty()) {
            return 0;
        }
        List<LogLine> add = new ArrayList<>(batch.size());
        for (LogEvent e : batch) {
            add.add(LogLine.of(e));
        }
        received.set(received.get() + add.size());
        int overflow = lines.size() + add.size() - capacity;
        if (overflow > 0) {
            if (overflow >= lines.size()) {
                int skip = overflow - lines.size();
                trimmed.set(trimmed.get() + overflow);
                lines.setAll(add.subList(skip, add.size()));
                return add.size();
            }
            lines.remove(0, overflow);
            trimmed.set(trimmed.get() + overflow);
        }
        lines.addAll(add);
        return add.size();
    }

    public ObservableList<LogLine> lines() {
        return FXCollections.unmodifiableObservableList(lines);
    }

    /** The lines that pass the filter, what the list shows. */
    public ObservableList<LogLine> visible() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    /** The technical text behind a tail that could not start (the SDK's message); empty otherwise. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    /** Older lines removed to keep the list at its capacity. */
    public ReadOnlyLongProperty trimmedProperty() {
        return trimmed.getReadOnlyProperty();
    }

    public int capacity() {
        return capacity;
    }
}

package dev.greenlight.ui.history;

import dev.greenlight.model.Checklist;
import dev.greenlight.report.RunDiff;
import dev.greenlight.store.RunHistory;
import dev.greenlight.store.RunSummary;
import dev.greenlight.store.StoredRun;
import dev.greenlight.ui.charts.SectionVerdicts;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The runs of the current checklist, newest first, each with its verdicts per section; the diff of
 * two of them; and "what changed since the last green run" (the newest run against the newest
 * green one before it on the same checkout). Files are read on {@code background}; results are
 * published on {@code ui}.
 */
public final class HistoryViewModel {
    private final RunHistory history;
    private final Checklist checklist;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<HistoryRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RunDiff> diff = new ReadOnlyObjectWrapper<>(this, "diff");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    /** Run files do not change once written; each is read once. */
    private final Map<String, StoredRun> cache = new ConcurrentHashMap<>();

    public HistoryViewModel(RunHistory history, Checklist checklist, Executor background, Executor ui) {
        this.history = history;
        this.checklist = checklist;
        this.background = background;
        this.ui = ui;
    }

    public ObservableList<HistoryRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<RunDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The technical text behind a message that reports a failure (folded under "Details"); empty otherwise. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public Checklist checklist() {
        return checklist;
    }

    /** Reads the list again (after a run, or when the view opens). */
    public void refresh() {
        background.execute(() -> {
            List<HistoryRow> out = new ArrayList<>();
            String note;
            String why = "";
            try {
                RunHistory.Listing l = history.list(checklist.id());
                for (RunSummary s : l.runs()) {
                    List<SectionVerdicts> sections = List.of();
                    try {
                        sections = SectionVerdicts.of(load(s.runId()).report(), checklist);
                    } catch (IOException | RuntimeException e) {
                        // the row still lists the run from the index; only its bar is missing
                    }
                    out.add(new HistoryRow(s, sections));
                }
                note = out.isEmpty() ? "No runs of " + checklist.id() + " yet; every run you make is kept here."
                        : out.size() + (out.size() == 1 ? " run" : " runs") + " of " + checklist.id()
                        + (l.unreadable().isEmpty() ? "" : "; " + l.unreadable().size() + " file(s) could not be read: "
                        + l.unreadable().get(0).file() + " (" + l.unreadable().get(0).problem() + ")")
                        + ". Select two to compare them.";
            } catch (IOException | RuntimeException e) {
                note = "The history in " + history.root() + " could not be read, so no runs are listed."
                        + " Check that the folder is readable, then refresh.";
                why = dev.greenlight.ui.Folded.detailOf(e);
            }
            String n = note;
            String w = why;
            ui.execute(() -> {
                rows.setAll(out);
                message.set(n);
                detail.set(w);
            });
        });
    }

    /** Compares two runs, the older as "before", whatever order they are given in. */
    public void diff(String runIdA, String runIdB) {
        if (runIdA.equals(runIdB)) {
            message.set("Select two different runs.");
            return;
        }
        background.execute(() -> {
            try {
                StoredRun a = load(runIdA);
                StoredRun b = load(runIdB);
                boolean aFirst = !a.report().startedAt().isAfter(b.report().startedAt());
                RunDiff d = RunDiff.between((aFirst ? a : b).report(), (aFirst ? b : a).report());
                publish(d, null);
            } catch (IOException | RuntimeException e) {
                publish(null, e);
            }
        });
    }

    /**
     * The newest complete run against the newest complete green run before it on the same checkout,
     * stage and account: one-item runs and on-call diagnoses are neither side.
     */
    public void sinceLastGreen() {
        background.execute(() -> {
            try {
                Optional<RunSummary> latest = history.latestComplete(checklist.id());
                if (latest.isEmpty()) {
                    tell("No complete run yet (runs of single items or on-call diagnoses do not count).");
                    return;
                }
                RunSummary l = latest.get();
                Optional<RunSummary> green = history.lastGreen(checklist.id(), l);
                if (green.isEmpty()) {
                    tell("No complete green run of " + checklist.id() + " on " + l.checkout()
                            + (l.stage() == null ? "" : ", stage " + l.stage()) + (l.account() == null ? "" : ", account " + l.account())
                            + " before the latest complete one, so there is nothing to compare with.");
                    return;
                }
                RunDiff d = RunDiff.between(load(green.get().runId()).report(), load(l.runId()).report());
                publish(d, null);
            } catch (IOException | RuntimeException e) {
                publish(null, e);
            }
        });
    }

    private void tell(String sentence) {
        ui.execute(() -> {
            message.set(sentence);
            detail.set("");
        });
    }

    private void publish(RunDiff d, Exception problem) {
        ui.execute(() -> {
            if (d != null) {
                diff.set(d);
                message.set(d.changes().isEmpty() ? "No verdict changed between the two runs (" + d.unchanged() + " items the same)."
                        : d.changes().size() + " item(s) changed, " + d.regressions().size() + " for the worse.");
                detail.set("");
            } else {
                message.set("The runs could not be compared: a run file could not be read."
                        + " Refresh the list (the file may have been removed) and select the runs again.");
                detail.set(dev.greenlight.ui.Folded.detailOf(problem));
            }
        });
    }

    private StoredRun load(String runId) throws IOException {
        StoredRun r = cache.get(runId);
        if (r == null) {
            r = history.load(checklist.id(), runId)
                    .orElseThrow(() -> new IOException("run " + runId + " is no longer in the history"));
            cache.put(runId, r);
        }
        return r;
    }
}

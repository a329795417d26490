package dev.greenlight.ui.oncall;

import dev.greenlight.engine.Variables;
import dev.greenlight.oncall.SymptomMatcher;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.troubleshoot.TroubleshootEntry;
import dev.greenlight.ui.troubleshoot.TroubleshootViewModel;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * On-call mode: a pasted error message or log line → the checklist items whose {@code symptoms:}
 * (or troubleshooting {@code when}) match it, best first, with their remedies resolved, and a run of
 * exactly those items so their verdicts and evidence are fresh. Matching and resolving run on
 * {@code background} (resolving may call git or AWS); the run goes through the checklist
 * view-model, so its verdicts show in the checklist and are saved like any other run.
 */
public final class OnCallViewModel {
    private final ChecklistViewModel vm;
    private final SymptomMatcher matcher;
    private final Supplier<Variables> variables;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<OnCallMatch> matches = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private SymptomMatcher.Diagnosis diagnosis = new SymptomMatcher.Diagnosis(SymptomMatcher.Basis.NOTHING, List.of(), List.of());
    private int generation;

    /** @param variables the variables commands are resolved with (null when none yet); called on {@code background} */
    public OnCallViewModel(ChecklistViewModel vm, Supplier<Variables> variables, Executor background, Executor ui) {
        this.vm = vm;
        this.matcher = new SymptomMatcher(vm.checklist());
        this.variables = variables;
        this.background = background;
        this.ui = ui;
    }

    public ObservableList<OnCallMatch> matches() {
        return matches;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Finds the items the text points at; with {@code run}, runs them once they are listed. */
    public void diagnose(String text, boolean run) {
        int gen = ++generation;
        if (text == null || text.isBlank()) {
            diagnosis = new SymptomMatcher.Diagnosis(SymptomMatcher.Basis.NOTHING, List.of(), List.of());
            matches.clear();
            message.set("Paste an error message or a log line first.");
            return;
        }
        message.set("Looking for items that explain this…");
        background.execute(() -> {
            SymptomMatcher.Diagnosis d = matcher.diagnose(text);
            List<SymptomMatcher.Match> found = d.all();
            Variables v;
            try {
                v = variables.get();
            } catch (RuntimeException e) {
                v = null;
            }
            List<List<TroubleshootEntry>> remedies = new ArrayList<>();
            for (SymptomMatcher.Match m : found) {
                remedies.add(TroubleshootViewModel.entries(m.remedies(), null, v));
            }
            ui.execute(() -> {
                if (gen != generation) {
                    return;
                }
                List<OnCallMatch> out = new ArrayList<>();
                for (int i = 0; i < found.size(); i++) {
                    SymptomMatcher.Match m = found.get(i);
                    List<TroubleshootEntry> r = remedies.get(i);
                    vm.item(m.item().id()).ifPresent(s -> out.add(new OnCallMatch(out.size() + 1, m, s, r)));
                }
                diagnosis = d;
                matches.setAll(out);
                if (out.isEmpty()) {
                    message.set("Nothing in " + vm.checklist().id() + " matches this text. Items declare symptoms: patterns for this;"
                            + " try a shorter, more specific line.");
                    return;
                }
                long direct = out.stream().filter(OnCallMatch::bySymptom).count();
                String what = direct > 0
                        ? direct + (direct == 1 ? " item declares" : " items declare") + " this symptom"
                        + (out.size() > direct ? "; " + (out.size() - direct) + " more mention it in a troubleshooting entry" : "")
                        : out.size() + (out.size() == 1 ? " item mentions" : " items mention") + " this in a troubleshooting entry";
                if (d.basis() == SymptomMatcher.Basis.TOO_GENERIC) {
                    message.set(what + ": too generic to point anywhere, so none is run. Paste a more specific line,"
                            + " or open the items below.");
                } else if (!run) {
                    message.set(what + ".");
                } else if (vm.isRunning()) {
                    message.set(what + ". A run is going; press “Run these items” when it ends.");
                } else {
                    int n = runnable().size();
                    message.set(what + "; running " + (n == 1 ? "that item" : "those " + n + " items") + " now.");
                    runMatched();
                }
            });
        });
    }

    /**
     * Runs the items the text points at (again), by the rule of {@link SymptomMatcher.Diagnosis} (the
     * CLI's too): those that declare the symptom, or — when none does — those whose troubleshooting
     * entries match if they are few. Other matches are listed but not run: they would bury the answer.
     */
    public void runMatched() {
        Set<String> ids = runnable();
        if (ids.isEmpty()) {
            return;
        }
        vm.runItems(ids, "Running the " + ids.size() + " item(s) the error points at…");
    }

    /** The ids {@link #runMatched()} runs: the diagnosis's explaining items that this checklist view shows. */
    public Set<String> runnable() {
        Set<String> shown = new LinkedHashSet<>();
        matches.forEach(m -> shown.add(m.itemId()));
        Set<String> ids = new LinkedHashSet<>(SymptomMatcher.itemIds(diagnosis.explaining()));
        ids.retainAll(shown);
        return ids;
    }
}

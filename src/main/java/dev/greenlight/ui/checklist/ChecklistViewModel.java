package dev.greenlight.ui.checklist;

import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunListener;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.Section;
import dev.greenlight.store.SessionStore;
import dev.greenlight.store.SessionStore.Tick;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The checklist as the app shows it: item states, per-section and total counts, and the current
 * run. Engine callbacks arrive on worker threads and are handed to {@code ui} (the FX thread in the
 * app, a serial executor in tests). Starting and stopping runs is {@link RunControl}'s job, writing
 * to the session file {@link SessionWriter}'s.
 */
public final class ChecklistViewModel {

    /**
     * Starts a run of the given item/section ids (empty = all); the app closes over checkout, vars and
     * AWS. {@code allowRisky} lets checks run that invoke Lambda or run a local command: only for one
     * item the person confirmed.
     */
    @FunctionalInterface
    public interface RunStarter {
        ChecklistRun start(Set<String> only, boolean allowRisky, RunListener listener) throws Exception;
    }

    private final Checklist checklist;
    private final SessionStore store;
    private final Executor ui;
    private final Executor nextTurn;
    private final SessionWriter writer;
    private final RunControl runs;
    private final Map<String, ItemState> items = new LinkedHashMap<>();
    // The UI's copy of the notes: reading one never waits on the store's lock, which a write holds
    // while it serialises and syncs the whole file (hundreds of milliseconds under load).
    private final Map<String, String> notes = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<SectionState> sections = new ArrayList<>();

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<StatusCounts> counts = new ReadOnlyObjectWrapper<>(this, "counts");
    private final ReadOnlyObjectWrapper<RunReport> lastReport = new ReadOnlyObjectWrapper<>(this, "lastReport");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper saveProblem = new ReadOnlyStringWrapper(this, "saveProblem", "");
    private final ReadOnlyLongWrapper runStartedMillis = new ReadOnlyLongWrapper(this, "runStartedMillis");
    private final ReadOnlyLongWrapper lastDurationMs = new ReadOnlyLongWrapper(this, "lastDurationMs");
    private final ChecklistFilter filter = new ChecklistFilter(this, items::values);

    private Map<String, String> context = Map.of();
    private final SignOffTarget target;
    private final List<dev.greenlight.signoff.Requirements.Requirement> requirements;
    private int expected;
    private int finished;
    /** Sections whose counts wait for {@link #recountChanged}; UI thread only. */
    private final Set<SectionState> sectionsToRecount = new LinkedHashSet<>();

    /** With one executor for both: counts are updated at once, as tests on a plain executor want. */
    public ChecklistViewModel(Checklist checklist, SessionStore store, Executor ui, RunStarter starter) {
        this(checklist, store, ui, ui, starter);
    }

    /**
     * @param ui       runs UI work on the UI thread (now, when already there)
     * @param nextTurn runs UI work after what is already queued on the UI thread, even from it:
     *                 the counts are made there once after a burst of verdicts
     */
    public ChecklistViewModel(Checklist checklist, SessionStore store, Executor ui, Executor nextTurn, RunStarter starter) {
        this.checklist = checklist;
        this.store = store;
        this.ui = ui;
        this.nextTurn = nextTurn;
        this.writer = new SessionWriter(store, ui, saveProblem::set);
        this.runs = new RunControl(starter);
        this.target = new SignOffTarget(this, checklist);
        for (Section s : checklist.sections()) {
            List<ItemState> sectionItems = new ArrayList<>();
            SectionState[] section = new SectionState[1];
            for (Item i : s.items()) {
                ItemState st = new ItemState(i);
                st.setBasisNow(this::basisFor);
                st.setCurrentContext(StaleNote.forItem(context, i));
                if (store != null) {
                    store.result(i.id()).ifPresent(r -> st.setResult(r.toItemResult(i.id(), i.sectionId(), i.title()), r.context()));
                    store.signOff(i.id()).ifPresent(st::setSignOff);
                    String note = store.note(i.id());
                    if (!note.isEmpty()) {
                        notes.put(i.id(), note);
                    }
                }
                st.init();
                // only this item's section, and once for all the verdicts handed over together:
                // recounting every item per verdict is quadratic in the checklist's size
                st.statusProperty().addListener((o, a, b) -> countsChanged(section[0]));
                items.put(i.id(), st);
                sectionItems.add(st);
            }
            section[0] = new SectionState(s, sectionItems);
            sections.add(section[0]);
        }
        requirements = dev.greenlight.signoff.Requirements.of(checklist.items().toList());
        recount();
    }

    /** What a sign-off of this item made now would be made over. */
    private dev.greenlight.signoff.SignOffBasis basisFor(ItemState s) {
        return target.basisFor(s, context);
    }

    /**
     * The checkout's HEAD and whether its working tree differs, looked at since the last run (a new
     * commit made while the window was open): sign-offs made on another commit go stale at once.
     */
    public void setCheckout(String sha, boolean dirty) {
        if (target.setCheckout(sha, dirty)) {
            targetChanged();
        }
    }

    /** Everything sign-offs and records are judged against: the context facts, commit and AWS target. */
    public ReadOnlyObjectProperty<Map<String, String>> targetProperty() {
        return target.property();
    }

    private void targetChanged() {
        target.refresh(context);
        items.values().forEach(ItemState::rejudge);
    }

    /** A run's facts become what holds now. */
    private void learnTarget(RunReport report, Map<String, String> runContext) {
        target.learn(report, runContext);
        targetChanged();
    }

    /** The requirements (one-of groups count once) and their statuses now. */
    public List<dev.greenlight.signoff.Requirements.Requirement> requirements() {
        return requirements;
    }

    /** The status of a requirement now. */
    public Status status(dev.greenlight.signoff.Requirements.Requirement r) {
        return r.status(i -> items.get(i.id()).status());
    }

    /**
     * What the app is pointed at now (see {@link StaleNote}): variables, checkout, AWS settings.
     * Every verdict from a run with another context is marked stale until it runs again; going back
     * to the old context makes it current again.
     */
    public void setContext(Map<String, String> facts) {
        context = Map.copyOf(facts);
        for (ItemState s : items.values()) {
            s.setCurrentContext(StaleNote.forItem(context, s.item()));
        }
        targetChanged();
    }

    /** Items whose verdict is from an earlier context. */
    public long staleCount() {
        return items.values().stream().filter(ItemState::stale).count();
    }

    public Checklist checklist() {
        return checklist;
    }

    public List<SectionState> sections() {
        return sections;
    }

    public List<ItemState> items() {
        return List.copyOf(items.values());
    }

    public Optional<ItemState> item(String id) {
        return Optional.ofNullable(items.get(id));
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusCounts> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunReport> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }

    /** One sentence about the run: "Running 12 items…", "Stopped.", why a run could not start. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Non-empty when the last save to disk failed, with the reason. */
    public ReadOnlyStringProperty saveProblemProperty() {
        return saveProblem.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty runStartedMillisProperty() {
        return runStartedMillis.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty lastDurationMsProperty() {
        return lastDurationMs.getReadOnlyProperty();
    }

    public StringProperty filterTextProperty() {
        return filter.textProperty();
    }

    /** Show only items with one of these statuses; empty shows all. */
    public ObservableSet<Status> filterStatuses() {
        return filter.statuses();
    }

    /** "No item matches “x” with status fail." when the filter leaves nothing; empty otherwise. */
    public ReadOnlyStringProperty noMatchProperty() {
        return filter.noMatchProperty();
    }

    /** Changes whenever the filter does; the view rebuilds its tree on it. */
    public ReadOnlyObjectProperty<Object> filterChangedProperty() {
        return filter.changedProperty();
    }

    public boolean matchesFilter(ItemState s) {
        return filter.matches(s);
    }

    public void runAll() {
        start(Set.of(), "Running all " + items.size() + " items…", false);
    }

    public void runSection(String sectionId) {
        checklist.section(sectionId).ifPresent(s -> start(Set.of(sectionId), "Running section “" + s.title() + "”…", false));
    }

    public void runItem(String itemId) {
        item(itemId).ifPresent(s -> start(Set.of(itemId), "Running “" + s.item().title() + "”…", false));
    }

    /** Runs the given items (on-call: the items a pasted error points at); nothing when the set is empty. */
    public void runItems(Set<String> itemIds, String what) {
        if (!itemIds.isEmpty()) {
            diagnosing = true;
            start(Set.copyOf(itemIds), what, false);
            diagnosing = false;
        }
    }

    /** Runs one item whose check invokes code or runs a command; the caller has asked the person. */
    public void runItemAllowing(String itemId) {
        item(itemId).ifPresent(s -> start(Set.of(itemId), "Running “" + s.item().title() + "” (allowed once)…", true));
    }

    /** The run started last, for tests. */
    ChecklistRun currentRun() {
        return runs.current();
    }

    /** The thread runs start on, for tests that keep it busy. */
    Executor startThread() {
        return runs.startThread();
    }

    public void stop() {
        if (runs.stop()) {
            message.set("Stopping…");
        }
    }

    /** The next run started is an on-call diagnosis: its history entry says so, and it is never "last green". */
    private boolean diagnosing;

    private void start(Set<String> only, String what, boolean allowRisky) {
        if (running.get()) {
            message.set("A run is already going; stop it first.");
            return;
        }
        List<ItemState> selected = items.values().stream()
                .filter(s -> only.isEmpty() || only.contains(s.id()) || only.contains(s.item().sectionId())).toList();
        expected = selected.size();
        finished = 0;
        progress.set(0);
        running.set(true);
        runStartedMillis.set(System.currentTimeMillis());
        message.set(what);
        try {
            runs.start(only, allowRisky, new Listener(context, diagnosing), (run, e) -> ui.execute(() -> {
                if (runs.isCurrent(run)) {
                    running.set(false);
                    // a sentence for the status bar; the exception itself is in the log file
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                    message.set("The run stopped before its end (" + why + "). The verdicts that arrived are kept; run again.");
                }
            }));
        } catch (Exception e) {
            running.set(false);
            message.set("Could not start the run: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /**
     * Signs an item off, by {@link dev.greenlight.signoff.SignOffPolicy}: only a MANUAL or SKIP verdict,
     * only with a note, bound to what holds now. Written to disk right away (on the writer thread).
     *
     * @return why it was refused (also shown as the message), or null when signed
     */
    public String tick(String itemId, String note, String user, String awsArn) {
        ItemState s = items.get(itemId);
        if (s == null) {
            return "No such item.";
        }
        String refused = s.signedOff() ? "Already signed off."
                : dev.greenlight.signoff.SignOffPolicy.refusal(s.item(), s.verdict(), note);
        if (refused != null) {
            message.set(refused);
            return refused;
        }
        Tick so = new Tick(user, awsArn, System.currentTimeMillis(), note.strip(), s.basisNow());
        s.setSignOff(so);
        notes.put(itemId, so.note());
        save(st -> st.signOff(itemId, so));
        return null;
    }

    /** Takes a sign-off back; the session's audit trail keeps the retraction. */
    public void retract(String itemId, String user, String why) {
        ItemState s = items.get(itemId);
        if (s == null || s.signOff() == null) {
            return;
        }
        s.setSignOff(null);
        save(st -> st.retract(itemId, user, why));
    }

    public void untick(String itemId) {
        retract(itemId, System.getProperty("user.name", "unknown"), "");
    }

    /** Space in the list: signs off with the note typed for the item, or takes a sign-off back. */
    public void toggleTick(String itemId, String note, String user, String awsArn) {
        ItemState s = items.get(itemId);
        if (s == null) {
            return;
        }
        if (s.signOff() != null && s.staleSignOff() == null) {
            retract(itemId, user, "");
        } else {
            tick(itemId, note, user, awsArn);
        }
    }

    /** The note typed for an item (kept even when not ticked). */
    public String note(String itemId) {
        return notes.getOrDefault(itemId, "");
    }

    /** The draft note of an item not signed yet; a signed note is part of the sign-off and does not change. */
    public void setNote(String itemId, String note) {
        ItemState s = items.get(itemId);
        if (s != null && s.signedOff()) {
            return;
        }
        notes.put(itemId, note == null ? "" : note);
        save(st -> st.note(itemId, note));
    }

    /** Waits until everything queued so far is on disk; for tests (blocks the caller). */
    public void flush() {
        writer.flush();
    }

    /**
     * Stops a run and returns at once; the future completes when the stopped run has reported and
     * every save queued before it is on disk. Callers on the FX thread must not wait on it there.
     */
    public CompletableFuture<Void> close() {
        // the engine calls runFinished (which queues the last save) before its future completes
        return writer.closeAfter(runs.close());
    }

    private void save(SessionWriter.StoreWrite w) {
        writer.save(w);
    }

    /** Counts requirements, not items: a one-of group is one, whichever member met it. */
    private StatusCounts requirementCounts() {
        for (var r : requirements) {
            if (r.group()) {
                r.members().forEach(i -> items.get(i.id()).setNotNeeded(
                        dev.greenlight.signoff.Requirements.notNeeded(i, r.members(), x -> items.get(x.id()).status())));
            }
        }
        return StatusCounts.of(requirements.stream().map(this::status).toList());
    }

    private void recount() {
        counts.set(requirementCounts());
        sections.forEach(SectionState::recount);
    }

    /** On the UI thread: a status changed; counts once after the verdicts queued with it. */
    private void countsChanged(SectionState section) {
        boolean first = sectionsToRecount.isEmpty();
        sectionsToRecount.add(section);
        if (first) {
            nextTurn.execute(this::recountChanged);
        }
    }

    private void recountChanged() {
        counts.set(requirementCounts());
        List<SectionState> changed = List.copyOf(sectionsToRecount);
        sectionsToRecount.clear();
        changed.forEach(SectionState::recount);
    }

    /** Hands every engine callback to the UI executor; saves verdicts as they arrive. */
    private final class Listener implements RunListener {
        private final java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();
        private final Map<String, String> runContext;

        private final boolean diagnosis;

        Listener(Map<String, String> runContext, boolean diagnosis) {
            this.diagnosis = diagnosis;
            this.runContext = runContext;
        }

        private Map<String, String> contextOf(String itemId) {
            return item(itemId).map(s -> StaleNote.forItem(runContext, s.item())).orElse(runContext);
        }

        @Override
        public void itemStarted(String itemId) {
            ui.execute(() -> item(itemId).ifPresent(s -> s.setRunning(true)));
        }

        @Override
        public void itemFinished(ItemResult result) {
            Map<String, String> ctx = contextOf(result.itemId());
            if (!reported.get()) {
                writer.saveResult(result, ctx);
            }
            ui.execute(() -> {
                item(result.itemId()).ifPresent(s -> {
                    s.setRunning(false);
                    s.setResult(result, ctx);
                });
                finished++;
                progress.set(expected == 0 ? 1 : Math.min(1.0, (double) finished / expected));
            });
        }

        @Override
        public void runFinished(RunReport finished) {
            RunReport report = diagnosis ? diagnosis(finished) : finished;
            // the report can come before the last itemFinished; save it whole so a flush after the
            // report sees every verdict on disk
            reported.set(true);
            save(st -> st.results(report.results(), this::contextOf));
            ui.execute(() -> {
                // the engine may report the run finished before the last itemFinished arrives
                // (completing an item's future runs the report first), so the report is the truth
                // only the verdicts whose itemFinished has not arrived: re-applying every verdict
                // (context, staleness, cell updates) would stall the FX thread at the run's end
                for (ItemResult r : report.results()) {
                    item(r.itemId()).filter(st -> st.result() != r).ifPresent(st -> st.setResult(r, contextOf(r.itemId())));
                }
                items.values().forEach(s -> s.setRunning(false));
                runs.finished();
                lastDurationMs.set(report.durationMs());
                progress.set(1);
                StatusCounts c = StatusCounts.of(report.results().stream().map(ItemResult::status).toList());
                message.set((report.cancelled() ? "Stopped after " : "Finished in ")
                        + String.format(Locale.ROOT, "%.1f s", report.durationMs() / 1000.0) + ": "
                        + c.count(Status.PASS) + " pass, " + c.count(Status.FAIL) + " fail, "
                        + c.count(Status.ERROR) + " error, " + c.count(Status.WARN) + " warn.");
                running.set(false);
                learnTarget(report, runContext);
                // last: whoever waits for the report sees the finished state
                lastReport.set(report);
            });
        }
    }

    private static RunReport diagnosis(RunReport r) {
        Map<String, String> ctx = new LinkedHashMap<>(r.context());
        ctx.put(ChecklistRun.KIND, "diagnose");
        return new RunReport(r.checklistId(), r.checklistTitle(), r.checklistVersion(), r.checklistSource(), r.checkout(),
                r.startedAt(), r.durationMs(), ctx, r.results(), r.cancelled());
    }

    /** When the app shows an item's last verdict: "checked 10:42:03". */
    public static Instant finishedAt(ItemState s) {
        return s.result() == null ? null : s.result().finishedAt();
    }
}

package dev.greenlight.ui.walkthrough;

import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.report.MarkdownRecordWriter;
import dev.greenlight.report.RecordWriter;
import dev.greenlight.store.AtomicFiles;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.checklist.ItemState;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The release manager's walk: one item at a time in checklist order. Opening it starts a run of
 * every item, so the machine's verdicts arrive ahead of the person; the person confirms, runs an
 * item again, or signs off what a machine cannot check. At the end, a go/no-go record of the
 * walkthrough's runs and sign-offs.
 *
 * <p>Sign-offs go through the checklist view-model, which writes them to the session store as
 * they happen. Used on the UI thread (the FX thread in the app); file writes run on {@code background}.
 */
public final class WalkthroughViewModel {
    private final ChecklistViewModel vm;
    private final List<ItemState> items;
    private final String user;
    private final Supplier<String> callerArn;
    private final List<RunReport> reports = new ArrayList<>();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", 0);
    private final ReadOnlyObjectWrapper<ItemState> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyBooleanWrapper atEnd = new ReadOnlyBooleanWrapper(this, "atEnd");
    private final ReadOnlyObjectWrapper<GoNoGoRecord> record = new ReadOnlyObjectWrapper<>(this, "record");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ChangeListener<Object> recount = (o, a, b) -> recount();
    private final ChangeListener<RunReport> reportSeen = (o, a, r) -> {
        if (r != null) {
            reports.add(r);
        }
    };
    private boolean open;

    /**
     * @param user      who signs off (the OS user)
     * @param callerArn the AWS identity of the last run, or null; asked at each sign-off
     */
    public WalkthroughViewModel(ChecklistViewModel vm, String user, Supplier<String> callerArn) {
        this.vm = vm;
        this.items = vm.items();
        this.user = user;
        this.callerArn = callerArn;
        current.set(items.isEmpty() ? null : items.get(0));
        recount();
    }

    /** Starts watching and runs every item ahead of the person (unless a run is already going). */
    public void open() {
        if (open) {
            return;
        }
        open = true;
        items.forEach(s -> {
            s.statusProperty().addListener(recount);
            s.runningProperty().addListener(recount);
        });
        vm.lastReportProperty().addListener(reportSeen);
        vm.runningProperty().addListener(recount);
        if (!vm.isRunning()) {
            vm.runAll();
        }
        recount();
    }

    public void close() {
        if (!open) {
            return;
        }
        open = false;
        items.forEach(s -> {
            s.statusProperty().removeListener(recount);
            s.runningProperty().removeListener(recount);
        });
        vm.lastReportProperty().removeListener(reportSeen);
        vm.runningProperty().removeListener(recount);
    }

    public List<ItemState> items() {
        return items;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ItemState> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ItemState current() {
        return current.get();
    }

    /** "9 of 13 verified, 2 waiting for you, 1 failing". */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True on the last item: "Next" becomes "Finish". */
    public ReadOnlyBooleanProperty atEndProperty() {
        return atEnd.getReadOnlyProperty();
    }

    /** The go/no-go record once {@link #finish()} made one. */
    public ReadOnlyObjectProperty<GoNoGoRecord> recordProperty() {
        return record.getReadOnlyProperty();
    }

    /** Why the last action did nothing, or where a file went. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "Item 3 of 13". */
    public String position() {
        return "Item " + (index.get() + 1) + " of " + items.size();
    }

    public void next() {
        go(index.get() + 1);
    }

    public void back() {
        go(index.get() - 1);
    }

    public void goTo(String itemId) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(itemId)) {
                go(i);
                return;
            }
        }
    }

    private void go(int i) {
        if (i < 0 || i >= items.size()) {
            return;
        }
        index.set(i);
        current.set(items.get(i));
        atEnd.set(i == items.size() - 1);
        message.set("");
    }

    /** Runs the current item again (after a fix, or once its AWS context is set). */
    public void runCurrent() {
        ItemState s = current.get();
        if (s != null && s.item().check() != null) {
            vm.runItem(s.id());
        }
    }

    /**
     * A person may sign off an item a machine cannot check: a manual item, or one the run skipped
     * (no AWS credentials here, an invoke not allowed). Never a FAIL or ERROR: a note does not make
     * a red verdict green.
     */
    public boolean canSignOff(ItemState s) {
        if (s == null || s.signOff() != null || s.running()) {
            return false;
        }
        if (s.signable()) {
            return true;
        }
        return s.result() != null && s.result().status() == Status.SKIP;
    }

    /** Signs the current item off with a note (saved at once) and moves on. */
    public boolean markDone(String note) {
        ItemState s = current.get();
        if (!canSignOff(s)) {
            message.set(s != null && s.signOff() != null ? "Already signed off." : "Only manual or skipped items can be signed off.");
            return false;
        }
        vm.tick(s.id(), note == null ? "" : note.strip(), user, callerArn.get());
        next();
        return true;
    }

    /** The verdicts of this walkthrough's runs, newest per item; null before the first run finished. */
    public RunReport report() {
        return MergedReport.of(vm.checklist(), reports);
    }

    /** Builds the go/no-go record; false (with a message) while the run-ahead has not finished. */
    public boolean finish() {
        RunReport r = report();
        if (r == null || vm.isRunning()) {
            message.set("The checks are still running; the record is made from finished verdicts.");
            return false;
        }
        record.set(GoNoGoRecord.builder(r, vm.checklist()).signOffs(SignOffs.of(items)).recordedBy(user).build());
        return true;
    }

    /** Back from the record to the items, to fix something and finish again. */
    public void reopen() {
        record.set(null);
    }

    public String markdown() {
        GoNoGoRecord r = record.get();
        if (r == null) {
            return "";
        }
        StringWriter w = new StringWriter();
        try {
            new MarkdownRecordWriter().write(r, w);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /**
     * Writes the record in the format its name says (.md, .html, .json), atomically, on {@code background};
     * the future fails with a plain message.
     */
    public CompletableFuture<Path> export(Path file, Executor background) {
        GoNoGoRecord r = record.get();
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Finish the walkthrough first."));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                StringWriter w = new StringWriter();
                RecordWriter.forFile(file).write(r, w);
                AtomicFiles.write(file, w.toString());
                return file;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
            }
        }, background);
    }

    private void recount() {
        int verified = 0;
        int waiting = 0;
        int failing = 0;
        int skipped = 0;
        int checking = 0;
        for (ItemState s : items) {
            Status st = s.status();
            if (s.running() || st == null) {
                checking++;
            } else {
                switch (st) {
                    case PASS, WARN, DONE -> verified++;
                    case MANUAL -> waiting++;
                    case FAIL, ERROR -> failing++;
                    case SKIP -> skipped++;
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(verified).append(" of ").append(items.size()).append(" verified, ")
                .append(waiting).append(" waiting for you, ").append(failing).append(" failing");
        if (skipped > 0) {
            b.append(", ").append(skipped).append(" skipped");
        }
        if (checking > 0) {
            b.append(", ").append(checking).append(open && vm.isRunning() ? " still checking" : " not run");
        }
        progress.set(b.toString());
        atEnd.set(index.get() == items.size() - 1);
    }

    /** The status as the walkthrough names it, for the large verdict. */
    public static String verdictWord(ItemState s) {
        if (s == null) {
            return "";
        }
        if (s.running()) {
            return "CHECKING";
        }
        Status st = s.status();
        return st == null ? "NOT RUN" : st == Status.MANUAL ? "YOUR CHECK" : st.name().toUpperCase(Locale.ROOT);
    }
}

package dev.greenlight.ui.walkthrough;

import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.report.MarkdownRecordWriter;
import dev.greenlight.report.RecordBuilder;
import dev.greenlight.report.RecordFiles;
import dev.greenlight.report.SshSigner;
import dev.greenlight.signoff.Requirements;
import dev.greenlight.signoff.SignOffPolicy;
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
import java.util.Map;
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
    private final ReadOnlyStringWrapper outOfDate = new ReadOnlyStringWrapper(this, "outOfDate", null);
    private Map<String, String> recordTarget;
    private boolean buildWhenRunEnds;
    private final ChangeListener<Map<String, String>> targetMoved = (o, a, t) -> checkRecord();
    private final ChangeListener<Object> recount = (o, a, b) -> recount();
    private final ChangeListener<RunReport> reportSeen = (o, a, r) -> {
        if (r != null) {
            reports.add(r);
            if (buildWhenRunEnds) {
                buildWhenRunEnds = false;
                finish();
            }
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
        vm.targetProperty().addListener(targetMoved);
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
        vm.targetProperty().removeListener(targetMoved);
    }

    /**
     * Why the shown record no longer describes the checkout, variables or AWS target ("The record is
     * out of date: HEAD 334fdc8 then, 180f2f2 now. Rebuild it."), or null while it does. Export is
     * refused meanwhile.
     */
    public ReadOnlyStringProperty outOfDateProperty() {
        return outOfDate.getReadOnlyProperty();
    }

    private void checkRecord() {
        if (record.get() == null || recordTarget == null) {
            outOfDate.set(null);
            return;
        }
        List<String> changes = describeChanges(recordTarget, vm.targetProperty().get());
        outOfDate.set(changes.isEmpty() ? null : "The record is out of date: " + String.join("; ", changes)
                + ". Rebuild it (the items run again) before you export it.");
    }

    /** "HEAD 334fdc8 then, 180f2f2 now", "stage dev then, prod now". */
    static List<String> describeChanges(Map<String, String> then, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(then.keySet());
        keys.addAll(now.keySet());
        for (String k : keys) {
            String a = then.getOrDefault(k, "");
            String b = now.getOrDefault(k, "");
            if (a.equals(b)) {
                continue;
            }
            String label = k.startsWith("var:") ? k.substring(4) : switch (k) {
                case "git.sha" -> "HEAD";
                case "git.dirty" -> "uncommitted changes";
                case "aws.account" -> "AWS account";
                case "aws.region" -> "AWS region";
                case "aws.profile" -> "AWS profile";
                case "aws.endpoint" -> "AWS endpoint";
                default -> k;
            };
            if (k.equals("git.sha")) {
                a = a.substring(0, Math.min(7, a.length()));
                b = b.substring(0, Math.min(7, b.length()));
            }
            out.add(label + " " + (a.isEmpty() ? "(none)" : a) + " then, " + (b.isEmpty() ? "(none)" : b) + " now");
        }
        return out;
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
     * A person may sign off what the machine could not decide (MANUAL, SKIP) and is not signed off
     * yet, by {@link SignOffPolicy}; never a FAIL or ERROR. The note is asked for when signing.
     */
    public boolean canSignOff(ItemState s) {
        return s != null && !s.running() && !s.signedOff() && SignOffPolicy.refusal(s.item(), s.verdict(), "note") == null;
    }

    /** A sign-off of this item holds now and can be taken back. */
    public boolean canRetract(ItemState s) {
        return s != null && s.signOff() != null;
    }

    /**
     * Signs the current item off with a note (saved at once) and moves on; refused, with the reason as
     * the message, for an empty note, a FAIL or ERROR, or an item already signed. Because the note box
     * empties after a sign-off, a second click (a double-click) finds no note and signs nothing more.
     */
    public boolean markDone(String note) {
        ItemState s = current.get();
        if (s == null) {
            return false;
        }
        String refused = vm.tick(s.id(), note == null ? "" : note, user, callerArn.get());
        if (refused != null) {
            message.set(refused);
            return false;
        }
        next();
        return true;
    }

    /** Takes back the current item's sign-off; the session's audit trail keeps the retraction. */
    public void retractCurrent() {
        ItemState s = current.get();
        if (canRetract(s)) {
            vm.retract(s.id(), user, "retracted in the walkthrough");
            message.set("Sign-off of " + s.id() + " taken back.");
        }
    }

    /** The verdicts of this walkthrough's runs, newest per item; null before the first run finished. */
    public RunReport report() {
        return MergedReport.of(vm.checklist(), reports);
    }

    /**
     * Builds the go/no-go record; false (with a message) while the run-ahead has not finished. When
     * a verdict no longer describes the target (a new commit, another stage), every item runs again
     * first and the record follows when the run ends.
     */
    public boolean finish() {
        RunReport r = report();
        if (r == null || vm.isRunning()) {
            message.set("The checks are still running; the record is made from finished verdicts.");
            return false;
        }
        String head = vm.targetProperty().get().get("git.sha");
        boolean behind = items.stream().anyMatch(ItemState::stale)
                || head != null && !head.equals(r.context().get("git.sha"))
                || !String.valueOf(Boolean.parseBoolean(vm.targetProperty().get().get("git.dirty")))
                        .equals(String.valueOf(Boolean.parseBoolean(r.context().get("git.dirty"))));
        if (behind) {
            record.set(null);
            buildWhenRunEnds = true;
            message.set("The verdicts are from before the checkout, variables or AWS target changed: every item runs"
                    + " again, and the record follows.");
            vm.runAll();
            return false;
        }
        RecordBuilder b = GoNoGoRecord.builder(r, vm.checklist()).signOffs(SignOffs.of(items)).variables(variables())
                .recordedBy(user);
        GoNoGoRecord built = b.build();
        recordTarget = vm.targetProperty().get();
        record.set(built);
        outOfDate.set(null);
        message.set(b.leftOut().isEmpty() ? "" : b.leftOut().size() + " stale sign-off(s) left out of the record: "
                + String.join(" ", b.leftOut()));
        return true;
    }

    private Map<String, String> variables() {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        vm.targetProperty().get().forEach((k, v) -> {
            if (k.startsWith("var:")) {
                vars.put(k.substring(4), v);
            }
        });
        return vars;
    }

    /** Back from the record to the items, to fix something and finish again. */
    public void reopen() {
        record.set(null);
        recordTarget = null;
        outOfDate.set(null);
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
        return export(file, background, null);
    }

    /**
     * As {@link #export(Path, Executor)}, signed with {@code key} (SSHSIG, {@code FILE.sig} beside it)
     * unless it is null. Refused while the record is out of date.
     */
    public CompletableFuture<Path> export(Path file, Executor background, SshSigner.Key key) {
        return exportRecord(file, background, key).thenApply(x -> file);
    }

    /** As {@link #export(Path, Executor, SshSigner.Key)}; the future holds the record as written (a signed one names its signer, so its hash differs). */
    public CompletableFuture<GoNoGoRecord> exportRecord(Path file, Executor background, SshSigner.Key key) {
        GoNoGoRecord r = record.get();
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Finish the walkthrough first."));
        }
        if (outOfDate.get() != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(outOfDate.get()));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RecordFiles.write(r, file, new SshSigner(), key);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
            } catch (SshSigner.SigningException e) {
                throw new IllegalStateException("Could not sign " + file + ": " + e.getMessage(), e);
            }
        }, background);
    }

    private void recount() {
        int verified = 0;
        int waiting = 0;
        int failing = 0;
        int skipped = 0;
        int checking = 0;
        java.util.Map<String, ItemState> byId = new java.util.HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        List<Requirements.Requirement> reqs = vm.requirements();
        for (Requirements.Requirement req : reqs) {
            Status st = req.status(i -> byId.get(i.id()).status());
            boolean running = req.members().stream().anyMatch(i -> byId.get(i.id()).running());
            if (running || st == null) {
                checking++;
            } else {
                switch (st) {
                    case PASS, WARN, DONE -> verified++;
                    case MANUAL -> waiting++;
                    case FAIL, ERROR -> failing++;
                    case SKIP, NO_DATA -> skipped++;
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(verified).append(" of ").append(reqs.size()).append(" verified, ")
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

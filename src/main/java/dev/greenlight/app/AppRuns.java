package dev.greenlight.app;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.ui.checklist.ChecklistView;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.checklist.SectionState;
import dev.greenlight.ui.checklist.StatusCounts;
import dev.greenlight.ui.context.ContextViewModel;
import dev.greenlight.wiring.Greenlight;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The window's run commands (toolbar buttons and keys) on the open checklist, how a run is started
 * from the context bar's settings, and the sentence a finished run is announced with.
 */
final class AppRuns {
    private final AppConfig config;
    private final ContextViewModel context;
    private final Supplier<ChecklistViewModel> vm;
    private final Supplier<ChecklistView> tree;
    private final Consumer<String> tell;

    AppRuns(AppConfig config, ContextViewModel context, Supplier<ChecklistViewModel> vm, Supplier<ChecklistView> tree,
            Consumer<String> tell) {
        this.config = config;
        this.context = context;
        this.vm = vm;
        this.tree = tree;
        this.tell = tell;
    }

    /** Starts runs of checklist {@code c} in the checkout, with the variables and AWS settings the context bar has then. */
    ChecklistViewModel.RunStarter starterFor(Checklist c) {
        return (only, allowRisky, listener) -> {
            Path checkout = context.checkoutProperty().get();
            if (checkout == null) {
                throw new IllegalStateException("choose a checkout folder first");
            }
            RunOptions options = RunOptions.defaults(checkout).withOverrides(context.overrides()).withOnly(only)
                    .withAllowInvoke(allowRisky).withAllowCommands(allowRisky).withBackground(true);
            return Greenlight.prepare(config.runners(), c, options, context.awsSettings(), listener);
        };
    }

    /** Enter in the list: runs the selected item or section. */
    void runSelected() {
        ChecklistView t = tree.get();
        ChecklistViewModel m = vm.get();
        if (t.selectedItem() != null) {
            m.runItem(t.selectedItem().id());
        } else if (t.selectedSection() != null) {
            m.runSection(t.selectedSection().id());
        }
    }

    /** Space in the list: signs the selected item off with its note, or takes the sign-off back. */
    void toggleSelected() {
        ChecklistViewModel m = vm.get();
        ItemState s = tree.get().selectedItem();
        if (s != null) {
            m.toggleTick(s.id(), m.note(s.id()), System.getProperty("user.name"), context.callerArn());
            if (!m.messageProperty().get().isEmpty()) {
                tell.accept(m.messageProperty().get());
            }
        }
    }

    void runAll() {
        ChecklistViewModel m = vm.get();
        if (m != null && context.checkoutProperty().get() != null) {
            m.runAll();
        }
    }

    void runSection() {
        ChecklistView t = tree.get();
        ChecklistViewModel m = vm.get();
        SectionState s = t == null ? null : t.selectedSection();
        if (m != null && s != null) {
            m.runSection(s.id());
        }
    }

    void runItem() {
        ChecklistView t = tree.get();
        ChecklistViewModel m = vm.get();
        if (m != null && t != null && t.selectedItem() != null) {
            m.runItem(t.selectedItem().id());
        }
    }

    void stop() {
        ChecklistViewModel m = vm.get();
        if (m != null) {
            m.stop();
        }
    }

    /** "Run finished: 2 FAIL, 1 ERROR." — what needs a look first; SKIP too, since skipped means not checked. */
    static String finished(RunReport r) {
        var counts = StatusCounts.of(r.results().stream().map(ItemResult::status).toList());
        List<String> bad = new ArrayList<>();
        for (Status s : List.of(Status.FAIL, Status.ERROR, Status.NO_DATA, Status.WARN)) {
            if (counts.count(s) > 0) {
                bad.add(counts.count(s) + " " + s.label());
            }
        }
        if (bad.isEmpty()) {
            bad.add(counts.count(Status.PASS) + " PASS");
        }
        if (counts.count(Status.SKIP) > 0) {
            bad.add(counts.count(Status.SKIP) + " SKIP (not checked)");
        }
        return (r.cancelled() ? "Run stopped" : "Run finished") + ": " + String.join(", ", bad) + ".";
    }
}

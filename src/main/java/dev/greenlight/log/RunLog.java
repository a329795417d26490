package dev.greenlight.log;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunListener;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Writes a run into the app's log: when it starts and ends (with the counts), and every item that
 * ERRORs with its reason, which is what someone reading the log after "it said ERROR" wants.
 * Passes every call on to the listener it wraps.
 */
public final class RunLog implements RunListener {
    private static final Logger LOG = Logger.getLogger("dev.greenlight.run");
    private final String checklistId;
    private final String checkout;
    private final RunListener next;
    private final AtomicBoolean started = new AtomicBoolean();

    private RunLog(String checklistId, String checkout, RunListener next) {
        this.checklistId = checklistId;
        this.checkout = checkout;
        this.next = next == null ? RunListener.NONE : next;
    }

    public static RunListener around(String checklistId, String checkout, RunListener next) {
        return new RunLog(checklistId, checkout, next);
    }

    @Override
    public void itemStarted(String itemId) {
        logStart();
        next.itemStarted(itemId);
    }

    @Override
    public void itemFinished(ItemResult r) {
        if (r.status() == Status.ERROR) {
            LOG.log(Level.WARNING, "{0}: item {1} ERROR: {2}", new Object[]{checklistId, r.itemId(), r.result().reason()});
        }
        next.itemFinished(r);
    }

    @Override
    public void runFinished(RunReport report) {
        logStart();
        String counts = report.summary().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        LOG.log(Level.INFO, "{0}: run {1} in {2} ms: {3}", new Object[]{checklistId,
                report.cancelled() ? "cancelled" : "finished", String.valueOf(report.durationMs()), counts.isEmpty() ? "no items" : counts});
        next.runFinished(report);
    }

    private void logStart() {
        if (started.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "{0}: run started on {1}", new Object[]{checklistId, checkout});
        }
    }
}

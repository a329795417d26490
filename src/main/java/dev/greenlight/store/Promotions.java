package dev.greenlight.store;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the run history into a way to grow a checklist safely: a watching item ({@code gate: false})
 * that was green (PASS or WARN) in each of the last N complete runs (every item, not stopped) is
 * suggested for gating, and not before. Partial runs and diagnoses say nothing about the release and
 * are passed over; any other verdict of the item in a complete run (FAIL, ERROR, NO DATA, SKIP) ends
 * its streak. Which items are watching is what the newest complete run recorded.
 */
public final class Promotions {
    private Promotions() {
    }

    /**
     * A watching item's record in the history.
     *
     * @param streak consecutive complete runs, newest first, in which it was green (counted up to {@code needed})
     * @param needed the N after which gating is suggested
     */
    public record Watch(String itemId, String title, int streak, int needed) {
        public boolean suggest() {
            return streak >= needed;
        }

        /** One sentence for the window's detail pane and {@code greenlight history}. */
        public String sentence() {
            if (suggest()) {
                return "Watching item " + itemId + " was green in the last " + needed + " complete runs: consider making it"
                        + " gating (remove 'gate: false' from the checklist).";
            }
            return "Watching item " + itemId + " (gate: false, never blocks): green in " + streak + " consecutive complete run"
                    + (streak == 1 ? "" : "s") + "; gating is suggested after " + needed + ".";
        }
    }

    /** The watching items of a checklist with their streaks, from the history; empty when it has none. */
    public static List<Watch> of(RunHistory history, String checklistId, int needed) throws IOException {
        List<StoredRun> complete = new ArrayList<>();
        for (RunSummary s : history.list(checklistId).runs()) {
            if (!RunSummary.FULL.equals(s.kind()) || s.cancelled()) {
                continue;
            }
            Optional<StoredRun> run = history.load(checklistId, s.runId());
            if (run.isPresent()) {
                complete.add(run.get());
            }
            if (complete.size() >= needed) {
                break; // enough to know: a longer streak suggests nothing more
            }
        }
        return of(complete, needed);
    }

    /** @param completeNewestFirst complete runs of one checklist, newest first */
    public static List<Watch> of(List<StoredRun> completeNewestFirst, int needed) {
        if (completeNewestFirst.isEmpty()) {
            return List.of();
        }
        Map<String, ItemResult> watching = new LinkedHashMap<>();
        completeNewestFirst.get(0).report().results().stream().filter(ItemResult::watching)
                .forEach(r -> watching.put(r.itemId(), r));
        List<Watch> out = new ArrayList<>();
        for (ItemResult w : watching.values()) {
            int streak = 0;
            for (StoredRun run : completeNewestFirst) {
                Optional<ItemResult> r = run.report().results().stream().filter(x -> x.itemId().equals(w.itemId())).findFirst();
                if (r.isEmpty() || !green(r.get().status()) || streak >= needed) {
                    break;
                }
                streak++;
            }
            out.add(new Watch(w.itemId(), w.title(), streak, needed));
        }
        return out;
    }

    /**
     * The window's hint for one watching item ("green in 3 consecutive complete runs; gating is
     * suggested after 5"), or null when the history has nothing to say. Blocking: reads run files.
     */
    public static String hint(RunHistory history, String checklistId, String itemId) {
        try {
            return forItem(of(history, checklistId, HistoryLimits.promoteAfter()), itemId).map(Watch::sentence).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null; // a hint, not a verdict: an unreadable history shows none
        }
    }

    /** The item's watch, if it is a watching item in the history. */
    public static Optional<Watch> forItem(List<Watch> watches, String itemId) {
        return watches.stream().filter(w -> w.itemId().equals(itemId)).findFirst();
    }

    private static boolean green(Status s) {
        return s == Status.PASS || s == Status.WARN;
    }
}

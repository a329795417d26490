package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;

import java.io.IOException;
import java.io.Writer;

/** A diff for a terminal: one block per changed item, regressions marked, evidence before/after. */
public final class DiffTextWriter {
    public void write(RunDiff d, String beforeName, String afterName, Writer out) throws IOException {
        out.write("before: " + describe(beforeName, d.before()) + "\n");
        out.write("after:  " + describe(afterName, d.after()) + "\n\n");
        if (d.changes().isEmpty()) {
            out.write("No verdict changed (" + d.unchanged() + " items the same).\n");
            return;
        }
        for (RunDiff.Change c : d.changes()) {
            String mark = c.regression() ? "WORSE " : c.improvement() ? "BETTER" : "      ";
            String move = switch (c.kind()) {
                case CHANGED -> c.statusBefore() + " -> " + c.statusAfter();
                case ADDED -> "added, " + c.statusAfter();
                case REMOVED -> "removed, was " + c.statusBefore();
            };
            out.write(mark + " " + c.title() + "  [" + c.itemId() + "]  " + move + "\n");
            side(out, "before", c.before());
            side(out, "after ", c.after());
        }
        out.write("\n" + summary(d) + "\n");
    }

    /**
     * "1 item changed: 1 worse; 28 unchanged." Each changed item is counted once, under one of
     * worse, better, added, removed or other (FAIL to ERROR and back), so the parts add up.
     */
    static String summary(RunDiff d) {
        long worse = d.regressions().size();
        long better = d.changes().stream().filter(RunDiff.Change::improvement).count();
        long added = d.changes().stream().filter(c -> c.kind() == RunDiff.Kind.ADDED && !c.regression()).count();
        long removed = d.changes().stream().filter(c -> c.kind() == RunDiff.Kind.REMOVED).count();
        long other = d.changes().size() - worse - better - added - removed;
        java.util.List<String> parts = new java.util.ArrayList<>();
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("worse", worse);
        counts.put("better", better);
        counts.put("added", added);
        counts.put("removed", removed);
        counts.put("other", other);
        counts.forEach((word, n) -> {
            if (n > 0) {
                parts.add(n + " " + word);
            }
        });
        int n = d.changes().size();
        return n + (n == 1 ? " item" : " items") + " changed: " + String.join(", ", parts) + "; " + d.unchanged() + " unchanged.";
    }

    private static void side(Writer out, String label, ItemResult r) throws IOException {
        if (r == null) {
            return;
        }
        out.write("       " + label + ": " + r.status() + "  " + r.result().reason() + "\n");
        if (r.result().actual() != null) {
            out.write("               actual: " + oneLine(r.result().actual()) + "\n");
        }
        for (Evidence e : r.result().evidence()) {
            String where = e.where().isEmpty() ? e.subject() : e.where();
            out.write("               at " + where + (e.text() == null || e.text().isBlank() ? "" : "  " + oneLine(e.text())) + "\n");
        }
    }

    private static String describe(String name, dev.greenlight.engine.RunReport r) {
        String sha = r.context().get("git.sha");
        String stage = r.context().get("stage");
        return name + "  " + r.startedAt() + (sha == null ? "" : "  sha " + sha.substring(0, Math.min(12, sha.length())))
                + (stage == null ? "" : "  stage " + stage);
    }

    private static String oneLine(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}

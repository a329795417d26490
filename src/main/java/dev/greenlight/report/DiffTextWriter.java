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
        out.write("\n" + d.regressions().size() + " worse, "
                + d.changes().stream().filter(RunDiff.Change::improvement).count() + " better, "
                + d.changes().size() + " changed, " + d.unchanged() + " unchanged.\n");
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

package dev.greenlight.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the checkout's working tree differs from HEAD, and what that means for verdicts: a run reads
 * files from disk, so when a file it read is modified, staged or untracked, its verdict is about the
 * working tree, not about the commit CI will build. Reports, history entries and records say which
 * (context {@code git.dirty}, {@code git.changedRead}); items that read such a file say so in a note.
 *
 * <p>The changes come from the variable {@code git.changes} ("state path" per line, paths relative to
 * the checkout), which the git variable source answers once per run.
 */
public final class WorkingTree {
    public static final String CHANGES_VARIABLE = "git.changes";
    public static final String DIRTY = "git.dirty";
    public static final String CHANGED_READ = "git.changedRead";

    private final Map<String, String> changes;

    private WorkingTree(Map<String, String> changes) {
        this.changes = changes;
    }

    /** The working tree as the variables describe it; clean (no changes known) outside git. */
    public static WorkingTree of(Variables variables) {
        if (variables == null || !variables.defines(CHANGES_VARIABLE)) {
            return new WorkingTree(Map.of());
        }
        return parse(variables.tryResolve(CHANGES_VARIABLE).orElse(""));
    }

    /** Parses "state path" lines (as {@code git.changes} holds them). */
    public static WorkingTree parse(String lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                m.put(line.substring(sp + 1), line.substring(0, sp));
            }
        }
        return new WorkingTree(m);
    }

    /** Tracked files differ from HEAD (modified, staged, deleted). Untracked files alone do not count. */
    public boolean dirty() {
        return changes.values().stream().anyMatch(s -> !s.equals("untracked"));
    }

    public Map<String, String> changes() {
        return Map.copyOf(changes);
    }

    /** The changed paths among {@code read}, each with its state: "template.yaml (modified)". */
    public List<String> changedAmong(Set<String> read) {
        List<String> out = new ArrayList<>();
        for (String p : new TreeSet<>(read)) {
            String state = changes.get(p);
            if (state != null) {
                out.add(p + " (" + state + ")");
            }
        }
        return out;
    }

    /** The result with a note when its evidence names a file that differs from HEAD. */
    public Result annotate(Result r) {
        if (changes.isEmpty()) {
            return r;
        }
        Set<String> files = new TreeSet<>();
        for (Evidence e : r.evidence()) {
            if (e.file() != null && changes.containsKey(e.file())) {
                files.add(e.file());
            }
        }
        if (files.isEmpty()) {
            return r;
        }
        List<String> notes = new ArrayList<>(r.notes());
        notes.add("Read " + String.join(", ", changedAmong(files)) + " from the working tree, which differs from HEAD:"
                + " this verdict is about uncommitted changes, not about the commit a deploy builds.");
        return new Result(r.status(), r.reason(), r.expected(), r.actual(), r.evidence(), notes);
    }
}

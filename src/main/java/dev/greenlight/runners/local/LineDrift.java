package dev.greenlight.runners.local;

import dev.greenlight.engine.RunContext;

import java.util.List;

/** The drift note for a check that found its fact on one or more lines. */
final class LineDrift {
    private LineDrift() {
    }

    /** Null when nothing was found or the item's line hint is one of the found lines. */
    static String note(RunContext ctx, String file, List<Integer> foundLines) {
        if (foundLines.isEmpty()) {
            return null;
        }
        Integer hint = ctx.item() == null ? null : ctx.item().lineHint();
        if (hint != null && foundLines.contains(hint)) {
            return null;
        }
        return ctx.driftNote(file, foundLines.get(0));
    }

    /** "lines 3, 9, 12" / "line 3" / "no lines". */
    static String lines(List<Integer> lines) {
        if (lines.isEmpty()) {
            return "no lines";
        }
        return (lines.size() == 1 ? "line " : "lines ") + String.join(", ", lines.stream().map(String::valueOf).toList());
    }

    /** "1 call" / "6 calls". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}

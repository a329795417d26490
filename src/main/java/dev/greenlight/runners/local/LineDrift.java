package dev.greenlight.runners.local;

import dev.greenlight.engine.RunContext;

import java.util.List;

/** The drift note for a check that found its fact on one or more lines. */
final class LineDrift {
    private LineDrift() {
    }

    /**
     * The drift note for a fact found at {@code found}, inside blocks that start at
     * {@code blockStarts} (the resource, the step, the mapping, the call that holds it). A document
     * quotes the start of a block or a range, so the note appears only when neither the found
     * line nor any enclosing block's start is what the document says: the block itself moved.
     */
    static String note(RunContext ctx, String file, int found, List<Integer> blockStarts) {
        if (ctx.item() == null || ctx.item().lineHint() == null || ctx.item().hintCovers(found)) {
            return null;
        }
        for (Integer start : blockStarts) {
            if (start != null && ctx.item().hintCovers(start)) {
                return null;
            }
        }
        return ctx.driftNote(file, found);
    }

    /** The lines where the blocks holding the node at {@code pointer} start, outermost first. */
    static List<Integer> enclosing(dev.greenlight.yaml.LocatedTree tree, String pointer) {
        List<Integer> out = new java.util.ArrayList<>();
        int at = pointer.indexOf('/', 1);
        while (at > 0) {
            tree.locate(pointer.substring(0, at)).ifPresent(l -> out.add(l.line()));
            at = pointer.indexOf('/', at + 1);
        }
        return out;
    }

    /** Null when nothing was found or the item's line hint is one of the found lines. */
    static String note(RunContext ctx, String file, List<Integer> foundLines) {
        if (foundLines.isEmpty()) {
            return null;
        }
        Integer hint = ctx.item() == null ? null : ctx.item().lineHint();
        if (hint != null && foundLines.stream().anyMatch(ctx.item()::hintCovers)) {
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

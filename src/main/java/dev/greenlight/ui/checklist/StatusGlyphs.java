package dev.greenlight.ui.checklist;

import dev.greenlight.engine.Status;

import java.util.Locale;

/**
 * The glyph and style class of each status. Glyphs are plain Unicode that every default font
 * has, so colour is never the only signal (colour-blind users, grey-scale screenshots).
 */
public final class StatusGlyphs {
    private StatusGlyphs() {
    }

    public static String glyph(Status s) {
        if (s == null) {
            return "○";
        }
        return switch (s) {
            case PASS -> "✔";
            case WARN -> "▲";
            case FAIL -> "✖";
            case ERROR -> "!";
            case SKIP -> "–";
            case MANUAL -> "☐";
            case DONE -> "☑";
            case NO_DATA -> "∅";
        };
    }

    /** "status-pass" …, "status-none" for not run, "status-running" while running. */
    public static String styleClass(Status s) {
        return s == null ? "status-none" : "status-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static final String RUNNING_GLYPH = "◌";

    public static String label(Status s) {
        return s == null ? "not run" : s.label().toLowerCase(Locale.ROOT);
    }
}

package dev.greenlight.cli;

/** Whether standard output is a terminal that wants colour. */
final class Terminal {
    private Terminal() {
    }

    static boolean colour() {
        if (System.getenv("NO_COLOR") != null) {
            return false;
        }
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }
}

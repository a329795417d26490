package dev.greenlight.app;

/** Exception text cut down to what a sentence for a person can carry: the first line, no class name. */
final class Plain {
    private Plain() {
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m).strip();
    }
}

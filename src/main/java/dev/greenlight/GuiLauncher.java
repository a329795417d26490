package dev.greenlight;

/** Opens the desktop app; the app package is the only place JavaFX is used. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static boolean available() {
        return false;
    }

    static void launch(String[] args) {
        throw new UnsupportedOperationException("the desktop app is not part of this build yet");
    }
}

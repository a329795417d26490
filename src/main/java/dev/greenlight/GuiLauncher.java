package dev.greenlight;

/** Opens the desktop app; the app package is the only place JavaFX is used. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    /**
     * A display to draw on (always assumed off Linux; on Linux an X or Wayland display, or JavaFX's
     * headless Monocle glass when it was chosen explicitly) and JavaFX on the class path.
     */
    static boolean available() {
        String os = System.getProperty("os.name", "").toLowerCase();
        boolean display = !os.contains("linux") || notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"))
                || "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
        if (!display) {
            return false;
        }
        try {
            Class.forName("javafx.application.Application", false, GuiLauncher.class.getClassLoader());
            Class.forName("dev.greenlight.app.GreenlightApp", false, GuiLauncher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static void launch(String[] args) {
        javafx.application.Application.launch(dev.greenlight.app.GreenlightApp.class, args);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}

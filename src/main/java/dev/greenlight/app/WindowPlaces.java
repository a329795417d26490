package dev.greenlight.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.files.AtomicFiles;
import javafx.geometry.Rectangle2D;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the person left the window: its size on each screen (keyed by the screen's usable size,
 * so a laptop panel and a 27-inch monitor each keep their own) and the positions of the dividers
 * they dragged. Kept in {@code window.json} beside settings.json; a missing or broken file means
 * defaults, never an error.
 */
final class WindowPlaces {
    /** What a window that fits opens at when nothing is remembered. */
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, Double> values = new ConcurrentHashMap<>();

    WindowPlaces(Path file) {
        this.file = file;
    }

    /** Reads the file; call off the FX thread. */
    static WindowPlaces load(Path file) {
        WindowPlaces p = new WindowPlaces(file);
        try {
            if (Files.isRegularFile(file)) {
                p.values.putAll(JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), new TypeReference<Map<String, Double>>() {
                }));
            }
        } catch (IOException | RuntimeException e) {
            // a broken window.json costs the remembered sizes, nothing else
        }
        return p;
    }

    /** Writes the file; call off the FX thread. */
    void save() throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new TreeMap<>(values)));
    }

    static String screenKey(Rectangle2D visual) {
        return "screen." + (int) visual.getWidth() + "x" + (int) visual.getHeight();
    }

    /**
     * The window's size on this screen: the remembered one, or the default, never larger than the
     * screen's usable area (a 1280×800 window on a 1024×640 screen had both sides cut off).
     */
    double[] size(Rectangle2D visual) {
        String k = screenKey(visual);
        double w = values.getOrDefault(k + ".width", DEFAULT_WIDTH);
        double h = values.getOrDefault(k + ".height", DEFAULT_HEIGHT);
        return new double[]{Math.min(w, visual.getWidth()), Math.min(h, visual.getHeight())};
    }

    void rememberSize(Rectangle2D visual, double width, double height) {
        String k = screenKey(visual);
        values.put(k + ".width", width);
        values.put(k + ".height", height);
    }

    /** A divider's position (0..1), or {@code otherwise}. */
    double divider(String name, double otherwise) {
        return values.getOrDefault("divider." + name, otherwise);
    }

    void rememberDivider(String name, double position) {
        values.put("divider." + name, position);
    }
}

package dev.greenlight.app;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WindowPlacesTest {
    @TempDir
    Path tmp;

    private static final Rectangle2D SMALL = new Rectangle2D(0, 0, 1024, 640);
    private static final Rectangle2D LARGE = new Rectangle2D(0, 0, 2560, 1440);

    @Test
    void onAScreenSmallerThanTheDefaultTheWindowIsClampedToTheUsableArea() {
        WindowPlaces p = WindowPlaces.load(tmp.resolve("window.json"));
        assertThat(p.size(SMALL)).containsExactly(1024, 640);
        assertThat(p.size(LARGE)).containsExactly(WindowPlaces.DEFAULT_WIDTH, WindowPlaces.DEFAULT_HEIGHT);
    }

    @Test
    void eachScreenKeepsItsOwnSizeAcrossARestartAndTheDividersToo() throws Exception {
        Path file = tmp.resolve("config/window.json");
        WindowPlaces p = WindowPlaces.load(file);
        p.rememberSize(LARGE, 2200, 1300);
        p.rememberSize(SMALL, 1000, 600);
        p.rememberDivider("main", 0.55);
        p.save();
        WindowPlaces again = WindowPlaces.load(file);
        assertThat(again.size(LARGE)).containsExactly(2200, 1300);
        assertThat(again.size(SMALL)).containsExactly(1000, 600);
        assertThat(again.divider("main", 0.4)).isEqualTo(0.55);
    }

    @Test
    void aBrokenFileMeansDefaultsNotAnError() throws Exception {
        Path file = tmp.resolve("window.json");
        Files.writeString(file, "{ not json");
        assertThat(WindowPlaces.load(file).divider("main", 0.4)).isEqualTo(0.4);
    }
}

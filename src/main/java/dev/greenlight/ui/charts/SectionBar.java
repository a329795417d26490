package dev.greenlight.ui.charts;

import dev.greenlight.engine.Status;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Locale;

/**
 * A run's verdicts as one small stacked bar per section, side by side: green where items hold,
 * red where they fail, so a row of runs shows at a glance which section broke when. Each section's
 * tooltip says the counts in words (colour is never the only signal).
 */
public final class SectionBar extends HBox {
    /** Left to right: what holds, then what waits for a person, then what is wrong. */
    static final List<Status> ORDER = List.of(Status.PASS, Status.DONE, Status.WARN, Status.SKIP, Status.NO_DATA, Status.MANUAL,
            Status.ERROR, Status.FAIL);
    private final double sectionWidth;
    private final double height;

    public SectionBar(double sectionWidth, double height) {
        super(3);
        this.sectionWidth = sectionWidth;
        this.height = height;
        getStyleClass().add("section-bars");
    }

    public void show(List<SectionVerdicts> sections) {
        getChildren().clear();
        for (SectionVerdicts s : sections) {
            HBox bar = new HBox();
            bar.getStyleClass().add("section-bar");
            bar.setMinSize(sectionWidth, height);
            bar.setPrefSize(sectionWidth, height);
            bar.setMaxSize(sectionWidth, height);
            int total = s.total();
            double inner = sectionWidth - 2;
            if (total > 0) {
                double used = 0;
                for (Status st : ORDER) {
                    int n = s.counts().get(st);
                    if (n == 0) {
                        continue;
                    }
                    double w = Math.max(1, Math.round(inner * n / total));
                    w = Math.min(w, inner - used);
                    used += w;
                    Region seg = new Region();
                    seg.getStyleClass().add("seg-" + st.name().toLowerCase(Locale.ROOT));
                    seg.setMinSize(w, height - 2);
                    seg.setPrefSize(w, height - 2);
                    seg.setMaxSize(w, height - 2);
                    bar.getChildren().add(seg);
                }
            }
            Tooltip.install(bar, new Tooltip(s.describe()));
            bar.setAccessibleText(s.describe());
            getChildren().add(bar);
        }
    }
}

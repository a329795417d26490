package dev.greenlight.ui.charts;

import dev.greenlight.engine.logs.LogEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ColdStartSeriesTest {
    static LogEvent report(long ts, String id, String init) {
        return new LogEvent("/aws/lambda/f", "s", ts, "REPORT RequestId: " + id + " Duration: 10.00 ms Billed Duration: 11 ms"
                + " Memory Size: 2048 MB Max Memory Used: 180 MB" + (init == null ? "" : " Init Duration: " + init + " ms"), id);
    }

    @Test
    void keepsOnePointPerColdStartOldestFirstAndIgnoresWarmInvocations() {
        ColdStartSeries s = new ColdStartSeries(3000.0, null);
        assertThat(s.addEvents(List.of(report(2000, "b", "2900.5"), report(1000, "a", "812.34"), report(1500, "w", null)))).isTrue();
        assertThat(s.addEvents(List.of(report(2000, "b", "2900.5")))).as("a repeated event adds nothing").isFalse();
        assertThat(s.points()).extracting(p -> p.requestId()).containsExactly("a", "b");
        assertThat(s.summary()).isEqualTo("2 cold starts · max 2901 ms · p95 2901 ms · limit 3000 ms");
        assertThat(s.overLimit()).isFalse();
    }

    @Test
    void saysWhenAColdStartIsOverTheLimit() {
        ColdStartSeries s = new ColdStartSeries(3000.0, null);
        s.addEvents(List.of(report(1000, "a", "3412.9")));
        assertThat(s.overLimit()).isTrue();
        assertThat(s.summary()).endsWith("— over the limit");
    }

    @Test
    void readsTheCheckEvidenceLinesWhenThatIsAllThereIs() {
        ColdStartSeries s = new ColdStartSeries(null, 2500.0);
        s.addLines(List.of("2025-03-01T10:00:00.123Z [2025/03/01/[$LATEST]abc] REPORT RequestId: r1 Duration: 5.00 ms"
                + " Billed Duration: 6 ms Memory Size: 2048 MB Max Memory Used: 100 MB Init Duration: 2600.00 ms"));
        assertThat(s.points()).singleElement().satisfies(p -> assertThat(p.initMs()).isEqualTo(2600.0));
        assertThat(s.overLimit()).isTrue();
    }

    @Test
    void noColdStartIsSaidPlainly() {
        assertThat(new ColdStartSeries(3000.0, null).summary()).isEqualTo("No cold start seen yet (limit 3000 ms).");
    }
}

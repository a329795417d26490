package dev.greenlight.oncall;

import dev.greenlight.engine.logs.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ColdStartsTest {
    private static final String COLD = "REPORT RequestId: 3f1c2b7e-55aa-4c1e-9a0e-1f2e3d4c5b6a\tDuration: 102.25 ms\t"
            + "Billed Duration: 915 ms\tMemory Size: 2048 MB\tMax Memory Used: 180 MB\tInit Duration: 812.34 ms\t";
    private static final String WARM = "REPORT RequestId: 7d0e9c8b-1111-4a2b-8c3d-9e8f7a6b5c4d\tDuration: 45.10 ms\t"
            + "Billed Duration: 46 ms\tMemory Size: 2048 MB\tMax Memory Used: 181 MB\t";

    @Test
    void readsInitDurationOnlyFromColdStarts() {
        ColdStarts.Report cold = ColdStarts.parse(COLD, null).orElseThrow();
        assertThat(cold.requestId()).isEqualTo("3f1c2b7e-55aa-4c1e-9a0e-1f2e3d4c5b6a");
        assertThat(cold.durationMs()).isEqualTo(102.25);
        assertThat(cold.initMs()).isEqualTo(812.34);
        ColdStarts.Report warm = ColdStarts.parse(WARM, null).orElseThrow();
        assertThat(warm.durationMs()).isEqualTo(45.10);
        assertThat(warm.cold()).isFalse();
        assertThat(ColdStarts.parse("START RequestId: 3f1c Version: $LATEST", null)).isEmpty();
        assertThat(ColdStarts.parse("INFO REPORT generated in 3 ms", null)).isEmpty();
    }

    @Test
    void seriesFromLogEventsHasTimestampsMaxAndNearestRankP95() {
        List<LogEvent> events = new ArrayList<>();
        long t = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        for (int i = 1; i <= 20; i++) {
            events.add(new LogEvent("/aws/lambda/f", "s", t + i * 1000L, COLD.replace("812.34", (100 * i) + ".5"), "e" + i));
            events.add(new LogEvent("/aws/lambda/f", "s", t + i * 1000L + 1, WARM, "w" + i));
        }
        events.add(new LogEvent("/aws/lambda/f", "s", t, "START RequestId: x Version: $LATEST", "s"));
        ColdStarts.Series s = ColdStarts.fromEvents(events);
        assertThat(s.invocations()).isEqualTo(40);
        assertThat(s.points()).hasSize(20);
        assertThat(s.points().get(0).timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:01Z"));
        assertThat(s.maxInitMs().getAsDouble()).isEqualTo(2000.5);
        // nearest rank: ceil(0.95 * 20) = 19th smallest
        assertThat(s.p95InitMs().getAsDouble()).isEqualTo(1900.5);
    }

    @Test
    void readsLinesAsPrintedByAwsLogsTail() {
        List<String> lines = List.of(
                "2026-03-01T10:00:01.123000+00:00 2026/03/01/[$LATEST]abcdef " + COLD,
                "2026-03-01T10:00:02.000000+00:00 2026/03/01/[$LATEST]abcdef " + WARM,
                "no timestamp here " + COLD.replace("812.34", "1200"));
        ColdStarts.Series s = ColdStarts.fromLines(lines);
        assertThat(s.invocations()).isEqualTo(3);
        assertThat(s.points()).extracting(ColdStarts.Point::initMs).containsExactly(812.34, 1200.0);
        assertThat(s.points().get(0).timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:01.123Z"));
        assertThat(s.points().get(1).timestamp()).isNull();
        assertThat(s.p95InitMs().getAsDouble()).isCloseTo(1200.0, within(0.0));
    }

    @Test
    void percentileOfNothingIsEmptyAndOfOneValueIsThatValue() {
        assertThat(ColdStarts.fromLines(List.of(WARM)).maxInitMs()).isEmpty();
        assertThat(ColdStarts.fromLines(List.of(WARM)).p95InitMs()).isEmpty();
        assertThat(ColdStarts.percentile(List.of(7.0), 95).getAsDouble()).isEqualTo(7.0);
        assertThat(ColdStarts.percentile(List.of(1.0, 2.0, 3.0, 4.0), 50).getAsDouble()).isEqualTo(2.0);
    }

    // ---- the REPORT line fields the logs-cold-start runner reads (formerly ReportLine's tests) ----

    @Test
    void parsesEveryFieldOfAColdStartReportLine() {
        ColdStarts.Report r = ColdStarts.parse("REPORT RequestId: 3f1c9a2e-aaaa-bbbb-cccc-0123456789ab\tDuration: 12.3 ms\t"
                + "Billed Duration: 13 ms\tMemory Size: 2048 MB\tMax Memory Used: 180 MB\tInit Duration: 812.34 ms\t", null).orElseThrow();
        assertThat(r.requestId()).isEqualTo("3f1c9a2e-aaaa-bbbb-cccc-0123456789ab");
        assertThat(r.durationMs()).isEqualTo(12.3);
        assertThat(r.billedMs()).isEqualTo(13);
        assertThat(r.memorySizeMb()).isEqualTo(2048);
        assertThat(r.maxMemoryUsedMb()).isEqualTo(180);
        assertThat(r.initMs()).isEqualTo(812.34);
        assertThat(r.cold()).isTrue();
    }

    @Test
    void aWarmInvocationHasNoInitDurationEvenWhenTheRequestIdEndsInALetter() {
        ColdStarts.Report r = ColdStarts.parse("REPORT RequestId: abcdef Duration: 4.01 ms Billed Duration: 5 ms "
                + "Memory Size: 128 MB Max Memory Used: 60 MB", null).orElseThrow();
        assertThat(r.durationMs()).isEqualTo(4.01);
        assertThat(r.cold()).isFalse();
    }

    @Test
    void otherLinesAreNotReports() {
        assertThat(ColdStarts.parse("START RequestId: x Version: $LATEST", null)).isEmpty();
        assertThat(ColdStarts.parse("[INFO] REPORT RequestId: x Init Duration: 5 ms", null)).isEmpty();
        assertThat(ColdStarts.parse(null, null)).isEmpty();
    }

    @Test
    void aJsonPlatformReportCarriesTheColdStartInInitDurationMs() {
        ColdStarts.Report r = ColdStarts.parse("{\"time\":\"2026-12-02T10:17:00.091Z\",\"type\":\"platform.report\",\"record\":"
                + "{\"requestId\":\"3f1c\",\"metrics\":{\"durationMs\":102.25,\"billedDurationMs\":103,\"memorySizeMB\":2048,"
                + "\"maxMemoryUsedMB\":180,\"initDurationMs\":812.34},\"status\":\"success\"}}", null).orElseThrow();
        assertThat(r.initMs()).isEqualTo(812.34);
        assertThat(r.requestId()).isEqualTo("3f1c");
        assertThat(r.memorySizeMb()).isEqualTo(2048);
        assertThat(r.timestamp()).isEqualTo(java.time.Instant.parse("2026-12-02T10:17:00.091Z"));
    }

    @Test
    void aWarmJsonReportIsAReportWithoutAColdStart() {
        // moto returned these to the cold-start check (it ignores the ?-filter) and an unboxed null threw
        ColdStarts.Report r = ColdStarts.parse("{\"type\":\"platform.report\",\"record\":{\"requestId\":\"9\","
                + "\"metrics\":{\"durationMs\":4.0,\"billedDurationMs\":5,\"memorySizeMB\":128,\"maxMemoryUsedMB\":60}}}", null)
                .orElseThrow();
        assertThat(r.cold()).isFalse();
    }

    @Test
    void aSnapStartRestoreIsTheColdStartInBothFormats() {
        assertThat(ColdStarts.parse("REPORT RequestId: r1\tDuration: 20.5 ms\tBilled Duration: 300 ms\tMemory Size: 512 MB\t"
                + "Max Memory Used: 90 MB\tRestore Duration: 474.16 ms\tBilled Restore Duration: 200 ms", null).orElseThrow().initMs())
                .isEqualTo(474.16);
        assertThat(ColdStarts.parse("{\"type\":\"platform.report\",\"record\":{\"requestId\":\"r2\",\"metrics\":"
                + "{\"durationMs\":20.5,\"restoreDurationMs\":474.16}}}", null).orElseThrow().initMs()).isEqualTo(474.16);
    }

    @Test
    void jsonApplicationLinesAndOtherPlatformRecordsAreNotReports() {
        assertThat(ColdStarts.parse("{\"level\":\"INFO\",\"message\":\"platform.report is a word here\"}", null)).isEmpty();
        assertThat(ColdStarts.parse("{\"type\":\"platform.start\",\"record\":{\"requestId\":\"x\"}}", null)).isEmpty();
    }
}

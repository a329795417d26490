package dev.greenlight.runners.aws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportLineTest {

    @Test
    void parsesAColdStartReportLine() {
        ReportLine r = ReportLine.parse("REPORT RequestId: 3f1c9a2e-aaaa-bbbb-cccc-0123456789ab\tDuration: 12.3 ms\t"
                + "Billed Duration: 13 ms\tMemory Size: 2048 MB\tMax Memory Used: 180 MB\tInit Duration: 812.34 ms\t").orElseThrow();
        assertThat(r.requestId()).isEqualTo("3f1c9a2e-aaaa-bbbb-cccc-0123456789ab");
        assertThat(r.durationMs()).isEqualTo(12.3);
        assertThat(r.billedDurationMs()).isEqualTo(13);
        assertThat(r.memorySizeMb()).isEqualTo(2048);
        assertThat(r.maxMemoryUsedMb()).isEqualTo(180);
        assertThat(r.initDurationMs()).isEqualTo(812.34);
        assertThat(r.coldStart()).isTrue();
    }

    @Test
    void aWarmInvocationHasNoInitDurationEvenWhenTheRequestIdEndsInALetter() {
        ReportLine r = ReportLine.parse("REPORT RequestId: abcdef Duration: 4.01 ms Billed Duration: 5 ms "
                + "Memory Size: 128 MB Max Memory Used: 60 MB").orElseThrow();
        assertThat(r.durationMs()).isEqualTo(4.01);
        assertThat(r.coldStart()).isFalse();
    }

    @Test
    void otherLinesAreNotReports() {
        assertThat(ReportLine.parse("START RequestId: x Version: $LATEST")).isEmpty();
        assertThat(ReportLine.parse("[INFO] REPORT RequestId: x Init Duration: 5 ms")).isEmpty();
        assertThat(ReportLine.parse(null)).isEmpty();
    }
}

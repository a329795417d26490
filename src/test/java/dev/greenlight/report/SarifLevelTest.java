package dev.greenlight.report;

import dev.greenlight.engine.ItemResult.Gating;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What code scanning shows as an error is what blocks the release; NO DATA and watching items are not lost. */
class SarifLevelTest {
    private static ItemResult item(Status s, Gating g) {
        return new ItemResult("i", "s", "t", Result.of(s, "reason").build(), 1, Instant.EPOCH, g);
    }

    @Test
    void aBlockingNoDataIsAnErrorAndOneThatOnlyWarnsIsAWarning() {
        assertThat(SarifReportWriter.level(item(Status.NO_DATA, new Gating(true, true, true)))).isEqualTo("error");
        assertThat(SarifReportWriter.level(item(Status.NO_DATA, new Gating(true, false, true)))).isEqualTo("warning");
    }

    @Test
    void aRedWatchingItemIsAWarningNotAnError() {
        assertThat(SarifReportWriter.level(item(Status.FAIL, new Gating(false, true, false)))).isEqualTo("warning");
        assertThat(SarifReportWriter.level(item(Status.FAIL, Gating.DEFAULT))).isEqualTo("error");
    }

    @Test
    void whatPassedOrWaitsForAPersonIsNotAFinding() {
        for (Status s : new Status[]{Status.PASS, Status.SKIP, Status.MANUAL, Status.DONE}) {
            assertThat(SarifReportWriter.level(item(s, Gating.DEFAULT))).isNull();
        }
    }
}

package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult.Gating;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.Section;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** NO DATA and watching items in every report format, and what they do to the exit code. */
class NoDataReportsTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final String REASON = "No data: Log group /aws/lambda/fn has no events from 2026-11-26T09:00:00Z to"
            + " 2026-11-26T10:00:00Z (events scanned: 0), so whether a line matching /ImportError/ is logged (it must not be)"
            + " cannot be judged since the deploy of backend-dev at 2026-11-26T09:00:00Z. To produce data: invoke the function"
            + " (or wait for traffic) and run again.";

    private static Checklist checklist() {
        Item a = new Item("logs", "aws", "No import errors", null, null, true, List.of(), null, List.of(), List.of(), List.of());
        Item b = new Item("cold", "aws", "Cold starts", null, null, true, List.of(), null, List.of(), List.of(), List.of());
        return new Checklist("demo", "Demo", "1.0", null, Map.of(), List.of(new Section("aws", "AWS", null, List.of(a, b))), "demo.yaml");
    }

    private static ItemResult noData(String id, String title, Gating g) {
        return new ItemResult(id, "aws", title, Result.noData(REASON).expected("no line matching /ImportError/")
                .actual("0 events in the window")
                .evidence(Evidence.aws("logs:FilterLogEvents", "/aws/lambda/fn", "us-east-1",
                        "window 2026-11-26T09:00:00Z to 2026-11-26T10:00:00Z, events scanned: 0")).build(), 5, T, g);
    }

    private static RunReport report(Gating logs, Gating cold) {
        return new RunReport("demo", "Demo", "1.0", "demo.yaml", "/c", T, 10, Map.of(),
                List.of(noData("logs", "No import errors", logs), noData("cold", "Cold starts", cold)), false);
    }

    private static String write(ReportWriter w, RunReport r) throws IOException {
        StringWriter out = new StringWriter();
        w.write(r, checklist(), out);
        return out.toString();
    }

    @Test
    void aBlockingNoDataIsExit1AndAFailureInJunitWhileAWarningOneIsSkipped() throws IOException {
        RunReport r = report(new Gating(true, true, true), new Gating(true, false, true));
        assertThat(r.exitCode()).isEqualTo(1);
        String junit = write(new JunitReportWriter(), r);
        assertThat(junit).contains("failures=\"1\" errors=\"0\" skipped=\"1\"")
                .contains("<failure message=\"No data: Log group /aws/lambda/fn").contains("type=\"NO_DATA\"")
                .contains("<skipped message=\"NO DATA: No data:");
        String text = write(new TextReportWriter(false), r);
        assertThat(text).contains("NO DATA No import errors  [logs]  (no data blocks a GO)")
                .contains("NO DATA Cold starts  [cold]  (no data: a caveat, on-no-data: warn)")
                .contains("at /aws/lambda/fn").contains("events scanned: 0")
                .contains("2 NO DATA in 10 ms");
        assertThat(write(new MarkdownReportWriter(), r)).contains("❔ **NO DATA** No import errors");
        assertThat(write(new JsonReportWriter(), r)).contains("\"NO_DATA\" : 2").contains("\"exitCode\" : 1")
                .contains("\"onNoData\" : \"warn\"");
    }

    @Test
    void noDataThatOnlyWarnsOrSitsOnAWatchingItemLeavesExit0() {
        assertThat(report(new Gating(true, false, true), new Gating(false, true, true)).exitCode()).isZero();
    }

    @Test
    void aStoredReportReadsBackWithItsGating() throws Exception {
        RunReport r = report(new Gating(true, true, true), new Gating(false, false, true));
        RunReport back = JsonReportReader.fromJson(JsonReportWriter.toJson(r), "r.json");
        assertThat(back.results()).extracting(ItemResult::gating)
                .containsExactly(new Gating(true, true, true), new Gating(false, false, true));
        assertThat(back.exitCode()).isEqualTo(1);
    }
}

package dev.greenlight.bundled;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.local.GitRepo;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deploy nobody has invoked yet, on the project's fake endpoint: the bundled checklist's log items
 * have nothing to judge. They must say NO DATA — not PASS ("no import error seen"), not SKIP ("no
 * cold start seen") — name the window and the zero events scanned, and keep the release from a GO.
 */
class NoInvocationSinceDeployTest {
    static final List<String> LOG_ITEMS = List.of("usc-import-errors-in-logs", "day-zero-sync-log", "sdm-usc-errors-in-logs",
            "init-cold-start", "sdm-cold-start");

    @TempDir
    static Path dir;
    static Path checkout;
    static String head;
    static Checklist checklist;

    @BeforeAll
    static void sampleAndChecklist() throws Exception {
        checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        head = new GitRepo(checkout).head().orElseThrow();
        checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    private static RunReport run(Deployment d) {
        return Greenlight.prepare(checklist, RunOptions.defaults(checkout),
                new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), null).runBlocking();
    }

    @Test
    void everyLogItemIsNoDataNotPassOrSkipAndTheRunDoesNotExitClean() {
        try (Deployment d = new Deployment(head).notInvokedSinceTheDeploy()) {
            RunReport r = run(d);
            Map<String, ItemResult> byId = r.results().stream().collect(Collectors.toMap(ItemResult::itemId, x -> x));
            for (String id : LOG_ITEMS) {
                ItemResult item = byId.get(id);
                assertThat(item.status()).as(id + ": " + item.result().reason()).isEqualTo(Status.NO_DATA);
                assertThat(item.result().reason()).as(id).startsWith("No data: ").contains("(events scanned: 0)")
                        .contains("since the deploy of backend-workflow-dev").contains("invoke the function");
                assertThat(item.result().evidence()).as(id).anySatisfy(e -> assertThat(e.text()).endsWith("events scanned: 0"));
            }
            // the other AWS items saw the deploy and are green: only the log items lack data
            assertThat(r.results()).filteredOn(x -> x.status() == Status.FAIL || x.status() == Status.ERROR).isEmpty();
            assertThat(byId.get("stack-status").status()).isEqualTo(Status.PASS);
            // logs-pattern blocks on no data; logs-cold-start (speed, not correctness) only warns
            assertThat(byId.get("usc-import-errors-in-logs").blocking()).isTrue();
            assertThat(byId.get("init-cold-start").blocking()).isFalse();
            assertThat(r.exitCode()).isEqualTo(1);

            GoNoGoRecord rec = GoNoGoRecord.builder(r, checklist).build();
            assertThat(rec.decision()).isEqualTo("NO-GO");
            assertThat(rec.blockers()).anySatisfy(b -> assertThat(b).startsWith("usc-import-errors-in-logs: NO DATA"))
                    .anySatisfy(b -> assertThat(b).startsWith("day-zero-sync-log: NO DATA"));
            assertThat(rec.caveats()).anySatisfy(c -> assertThat(c).startsWith("init-cold-start: NO DATA (on-no-data: warn)"));
        }
    }

    @Test
    void theSameChecklistOnAnInvokedDeployHasDataForEveryLogItem() {
        try (Deployment d = new Deployment(head)) {
            RunReport r = run(d);
            assertThat(r.results()).filteredOn(x -> LOG_ITEMS.contains(x.itemId()))
                    .allSatisfy(x -> assertThat(x.status()).as(x.itemId() + ": " + x.result().reason()).isEqualTo(Status.PASS));
            assertThat(r.exitCode()).isZero();
        }
    }
}

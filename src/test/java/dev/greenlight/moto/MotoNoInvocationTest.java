package dev.greenlight.moto;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same deploy as {@link MotoEndToEndTest} on moto_server, but nothing has invoked a function
 * since: the log groups exist and are empty. The log items have nothing to judge and must say NO
 * DATA, not PASS or SKIP; the record cannot be a GO.
 */
class MotoNoInvocationTest {
    static final List<String> LOG_ITEMS = List.of("usc-import-errors-in-logs", "day-zero-sync-log", "sdm-usc-errors-in-logs",
            "init-cold-start", "sdm-cold-start");

    @TempDir
    static Path dir;
    static MotoServer moto;
    static MotoDeployment deployment;
    static Checklist checklist;

    @BeforeAll
    static void startMoto() throws Exception {
        var binary = MotoServer.binary();
        if (binary.isEmpty()) {
            System.err.println("*** MotoNoInvocationTest SKIPPED: no moto_server on this machine (PATH, $MOTO_SERVER). ***");
        }
        assumeTrue(binary.isPresent(), "moto_server is not installed");
        moto = MotoServer.start(binary.get(), Files.createDirectories(dir.resolve("moto")));
        deployment = new MotoDeployment(moto.endpoint());
        deployment.deploy(false);
        checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterAll
    static void stopMoto() {
        if (deployment != null) {
            deployment.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void theLogItemsOfADeployNobodyInvokedAreNoDataAndTheRecordIsNotAGo() {
        RunOptions options = RunOptions.defaults(dir).withOnly(MotoEndToEndTest.AWS_SECTIONS)
                .withOverrides(Map.of("git.sha", MotoDeployment.SHA));
        RunReport r = Greenlight.prepare(checklist, options, new AwsSettings(null, MotoDeployment.REGION,
                moto.endpoint().toString()), null).runBlocking();
        Map<String, ItemResult> byId = r.results().stream().collect(Collectors.toMap(ItemResult::itemId, x -> x));
        for (String id : LOG_ITEMS) {
            ItemResult item = byId.get(id);
            assertThat(item.status()).as(id + ": " + item.result().reason()).isEqualTo(Status.NO_DATA);
            assertThat(item.result().reason()).as(id).contains("has no events from").contains("(events scanned: 0)");
        }
        assertThat(byId.get("stack-status").status()).as(byId.get("stack-status").result().reason()).isEqualTo(Status.PASS);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(GoNoGoRecord.builder(r, checklist).build().decision()).isEqualTo("NO-GO");
    }
}

package dev.greenlight.moto;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bundled checklist's AWS sections against a second, independent emulator: moto_server, seeded
 * through the SDK with the deployed stack ({@link MotoDeployment}). Every request the run makes goes
 * through a {@link RecordingProxy}, so the test proves the run only read.
 *
 * <p>Skipped — loudly — only when no moto_server binary exists on this machine; {@code .ci/run}
 * installs one when it can.
 */
class MotoEndToEndTest {
    static final Set<String> AWS_SECTIONS = Set.of("post-deploy", "success-criteria");
    static final Set<String> READ = Set.of("Describe", "Get", "List", "Filter");

    @TempDir
    static Path dir;
    static MotoServer moto;
    static RecordingProxy proxy;
    static MotoDeployment deployment;
    static Checklist checklist;

    @BeforeAll
    static void startMoto() throws Exception {
        var binary = MotoServer.binary();
        if (binary.isEmpty()) {
            System.err.println("*** MotoEndToEndTest SKIPPED: no moto_server on this machine (PATH, $MOTO_SERVER, ~/.pyenv/shims). "
                    + "Install moto[server]==5.2.1 (pip) or set MOTO_SERVER to run the second-emulator test. ***");
        }
        assumeTrue(binary.isPresent(), "moto_server is not installed: the second-emulator end-to-end test cannot run here");
        moto = MotoServer.start(binary.get(), Files.createDirectories(dir.resolve("moto")));
        proxy = new RecordingProxy(moto.endpoint());
        deployment = new MotoDeployment(moto.endpoint());
        deployment.deploy();
        checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterAll
    static void stopMoto() {
        if (deployment != null) {
            deployment.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    private RunReport run() {
        proxy.clear();
        RunOptions options = RunOptions.defaults(dir).withOnly(AWS_SECTIONS)
                .withOverrides(Map.of("git.sha", MotoDeployment.SHA));
        return Greenlight.prepare(checklist, options, new AwsSettings(null, MotoDeployment.REGION, proxy.endpoint().toString()), null)
                .runBlocking();
    }

    private static Map<String, ItemResult> byId(RunReport r) {
        return r.results().stream().collect(Collectors.toMap(ItemResult::itemId, x -> x));
    }

    @Test
    void theDeployedStackIsGreenOnMotoAndTheRunOnlyReads() {
        RunReport r = run();
        Map<String, ItemResult> results = byId(r);
        // the AWS sections also hold local items about the procedure (E2E files, memory): those are the
        // local tests' business; here every item that asks AWS must be green
        java.util.Set<String> awsTypes = java.util.Set.of("cfn-stack", "sts-identity", "ecr-image", "sfn-definition",
                "lambda-config", "lambda-invoke", "logs-pattern", "logs-cold-start");
        checklist.items().filter(i -> AWS_SECTIONS.contains(i.sectionId()))
                .filter(i -> i.check() == null || awsTypes.contains(i.check().type())).forEach((Item item) -> {
            ItemResult res = results.get(item.id());
            Status want = item.check() == null ? Status.MANUAL
                    : item.check().type().equals("lambda-invoke") ? Status.SKIP : Status.PASS;
            assertThat(res.status()).as(item.id() + ": " + res.result().reason()).isEqualTo(want);
        });
        // StateDataManager logs in JSON: its cold starts come from platform.report records
        assertThat(results.get("sdm-cold-start").result().actual()).contains("1 cold start(s)");
        assertThat(results.get("init-image-sha").result().actual()).contains("runs sha256:");
        assertThat(proxy.calls()).isNotEmpty().allSatisfy(c -> assertThat(READ.stream().anyMatch(c.operation()::startsWith))
                .as(c.service() + ":" + c.operation()).isTrue());
        assertThat(proxy.calls()).extracting(RecordingProxy.Call::operation).doesNotContain("DescribeStackResources");
    }

    @Test
    void aTagRepushedAfterTheDeployIsCaughtOnMotoToo() {
        deployment.repushHeadTag();
        try {
            RunReport r = run();
            Map<String, ItemResult> results = byId(r);
            for (String id : new String[]{"init-image-sha", "sdm-image-sha", "segment-image-sha"}) {
                assertThat(results.get(id).status()).as(id + ": " + results.get(id).result().reason()).isEqualTo(Status.FAIL);
                assertThat(results.get(id).result().reason()).contains("re-pushed after the deploy");
            }
            assertThat(results.get("ecr-image-sha").status()).isEqualTo(Status.PASS);
        } finally {
            // put the tag back on the deployed build for the other test
            deployment.restoreHeadTag();
        }
    }
}

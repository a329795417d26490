package dev.greenlight.hostile;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared pieces of the hostile-checkout tests: the bundled local sections, running them, judging results. */
final class HostileCheckouts {
    static final Set<String> LOCAL_SECTIONS = Set.of("asl-paths", "lambda-usc", "docker-build", "substitutions", "sam-deploy");
    static final String BACKEND = "analemma-workflow-os/backend/";
    static final String TEMPLATE = BACKEND + "template.yaml";
    static final String ASL_V3 = BACKEND + "src/aws_step_functions_v3.json";

    private HostileCheckouts() {
    }

    /**
     * The bundled checklist. While the AWS runners are not yet registered it does not load whole, so
     * then its sections up to {@code post-deploy} (exactly the local ones) are loaded on their own.
     */
    static Checklist bundledLocalSections() throws IOException {
        ChecklistLoader loader = Greenlight.loader();
        LoadResult whole = loader.loadBundled("unified-pipe-v3.3");
        if (whole.checklist().isPresent()) {
            return whole.checklist().get();
        }
        String text;
        try (InputStream in = ChecklistLoader.class.getResourceAsStream("/checklists/unified-pipe-v3.3.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cut = text.indexOf("\n  - id: post-deploy\n");
        assertThat(cut).as("the bundled checklist has a post-deploy section").isPositive();
        LoadResult local = loader.parse(text.substring(0, cut + 1).getBytes(StandardCharsets.UTF_8), "bundled-local");
        assertThat(local.problems()).as("problems of the bundled local sections").isEmpty();
        return local.checklist().orElseThrow();
    }

    static RunReport runLocal(Checklist c, java.nio.file.Path checkout) {
        return Greenlight.prepare(c, RunOptions.defaults(checkout).withOnly(LOCAL_SECTIONS), AwsSettings.DEFAULT, null).runBlocking();
    }

    static RunReport run(Checklist c, RunOptions options) {
        return Greenlight.prepare(c, options, AwsSettings.DEFAULT, null).runBlocking();
    }

    static ItemResult item(RunReport r, String id) {
        return r.results().stream().filter(x -> x.itemId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + id));
    }

    /** A reason a person can read: one sentence, no exception class names or stack frames. */
    static void assertPlain(ItemResult ir) {
        String reason = ir.result().reason();
        assertThat(reason).as(ir.itemId() + " reason").isNotBlank()
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
        ir.result().evidence().forEach(e -> assertThat(String.valueOf(e.text())).as(ir.itemId() + " evidence")
                .doesNotContain("Exception").doesNotContain("\tat "));
    }

    /** The named items are ERROR or FAIL with plain reasons; every other item PASSes (or WARNs). */
    static void assertOnlyBroken(RunReport r, Map<String, Status> broken) {
        assertThat(r.cancelled()).isFalse();
        for (ItemResult ir : r.results()) {
            assertPlain(ir);
            Status want = broken.get(ir.itemId());
            if (want == null) {
                assertThat(ir.status()).as(ir.itemId() + ": " + ir.result().reason()).isIn(Status.PASS, Status.WARN);
            } else {
                assertThat(ir.status()).as(ir.itemId() + ": " + ir.result().reason()).isEqualTo(want);
            }
        }
    }

    /** The named items are ERROR or FAIL (either is truthful: could not read / is not there) with plain reasons; the rest PASS. */
    static void assertOnlyRed(RunReport r, Set<String> red) {
        assertThat(r.cancelled()).isFalse();
        for (ItemResult ir : r.results()) {
            assertPlain(ir);
            assertThat(ir.status()).as(ir.itemId() + ": " + ir.result().reason())
                    .isIn(red.contains(ir.itemId()) ? Set.of(Status.ERROR, Status.FAIL) : Set.of(Status.PASS, Status.WARN));
        }
    }

    /** Threads of finished runs end soon after; waiting for that is not a speed assertion. */
    static long checkThreadsLeft() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("greenlight-check-")).count();
            if (left == 0) {
                return 0;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return left;
    }
}

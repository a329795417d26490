package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.RunOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain `run` starts its checks while picocli starts; the command takes them only when they are its own. */
class EarlyRunTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftBehind() {
        EarlyRun.discard();
        EarlyLoad.take("none"); // clears an early load no command took
    }

    private static String[] args(String... a) {
        return a;
    }

    @Test
    void readsAPlainRunAsPicocliDoes() {
        EarlyRun.Plan p = EarlyRun.plan(args("run", "--checkout", "co", "--only", "a,b", "--only", "c", "--var", "k=v=w",
                "--var=x=y", "--profile", "p", "--region=r", "--endpoint-url", "http://127.0.0.1:1", "--parallel", "4",
                "--timeout=30", "--format", "json", "--out", "f.json", "--record", "r.md", "--sign-off", "a=ok",
                "--no-history", "-cx.yaml"));
        assertThat(p).isNotNull();
        assertThat(p.checklist()).isEqualTo("x.yaml");
        assertThat(p.checkout()).isEqualTo("co");
        assertThat(p.only()).containsExactly("a", "b", "c");
        assertThat(p.vars()).containsExactly(Map.entry("k", "v=w"), Map.entry("x", "y"));
        assertThat(p.profile()).isEqualTo("p");
        assertThat(p.region()).isEqualTo("r");
        assertThat(p.endpointUrl()).isEqualTo("http://127.0.0.1:1");
        assertThat(p.parallel()).isEqualTo(4);
        assertThat(p.timeoutSeconds()).isEqualTo(30);

        EarlyRun.Plan defaults = EarlyRun.plan(args("run"));
        assertThat(defaults).isEqualTo(new EarlyRun.Plan(ChecklistOption.DEFAULT, null, Set.of(), Map.of(), null, null,
                null, 8, 60));
        assertThat(EarlyRun.plan(args("run", "--checklist", "y.yaml")).checklist()).isEqualTo("y.yaml");
        assertThat(EarlyRun.plan(args("run", "-c=z.yaml")).checklist()).isEqualTo("z.yaml");
    }

    @Test
    void startsNothingEarlyForAnythingLessPlain() {
        String[][] notPlain = {
                {}, {"validate"}, {"diagnose", "import error"}, {"run", "--allow-invoke"}, {"run", "--allow-commands"},
                {"run", "-h"}, {"run", "--help"}, {"run", "-V"}, {"run", "@args.txt"}, {"run", "--", "x"}, {"run", "x"},
                {"run", "--checkout", "a", "--checkout", "b"}, {"run", "-c", "a.yaml", "--checklist", "b.yaml"},
                {"run", "--parallel", "0"}, {"run", "--timeout", "soon"}, {"run", "--var", "novalue"},
                {"run", "--checkout", "--only"}, {"run", "--checkout"}, {"run", "--frobnicate"}, {"run", "--no-history=true"},
        };
        for (String[] a : notPlain) {
            assertThat(EarlyRun.plan(a)).as(String.join(" ", a)).isNull();
        }
    }

    private static final String LOCAL = "asl-paths,lambda-usc,docker-build,substitutions,sam-deploy";
    private static final JsonMapper JSON = new JsonMapper();

    /** Each item's id and status, in report order. */
    private static Map<String, String> verdicts(CliTest.Outcome o) throws Exception {
        Map<String, String> v = new LinkedHashMap<>();
        for (JsonNode item : JSON.readTree(o.out()).get("items")) {
            v.put(item.get("id").asText(), item.get("status").asText() + " " + item.get("reason").asText());
        }
        return v;
    }

    @Test
    void theCommandTakesTheEarlyRunAndReportsWhatItWouldHaveReportedItself() throws Exception {
        Path checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        String[] a = args("run", "--checkout", checkout.toString(), "--only", LOCAL, "--format", "json", "--no-history",
                "--parallel", "3");
        CliTest.Outcome plain = CliTest.cli(a);

        EarlyLoad.start(a);
        RunOptions early = EarlyRun.pendingOptions().orElseThrow();
        assertThat(early).isEqualTo(RunOptions.defaults(checkout.toAbsolutePath().normalize())
                .withOnly(Set.of(LOCAL.split(","))).withParallelism(3).withItemTimeout(Duration.ofSeconds(60)));
        ChecklistRun run = EarlyRun.pendingRun().orElseThrow();
        CliTest.Outcome taken = CliTest.cli(a);
        assertThat(EarlyRun.pendingOptions()).as("taken, so gone").isEmpty();
        assertThat(run.isCancelled()).as("taken, not cancelled as a mismatch would be").isFalse();

        assertThat(taken.code()).isEqualTo(plain.code()).isZero();
        // every item of the local sections, however many the bundled checklist has today
        long localItems = dev.greenlight.wiring.Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow()
                .items().filter(i -> Set.of(LOCAL.split(",")).contains(i.sectionId())).count();
        assertThat(localItems).isGreaterThanOrEqualTo(29);
        assertThat(verdicts(taken)).isEqualTo(verdicts(plain)).hasSize((int) localItems);
        assertThat(taken.err()).isEqualTo(plain.err());
    }

    @Test
    void aCommandThatAsksBeforeTheEarlyThreadHasDecidedWaitsForTheDecision() throws Exception {
        Path checkout = SampleCheckout.materialise(dir.resolve("checkout")).toAbsolutePath().normalize();
        String[] a = args("run", "--checkout", checkout.toString(), "--only", "asl-paths");
        LoadResult loaded = Greenlight.loader().load(ChecklistOption.DEFAULT);
        Checklist checklist = loaded.checklist().orElseThrow();
        RunOptions options = EarlyRun.options(checkout, Map.of(), Set.of("asl-paths"), 8, 60, false, false);

        var announced = EarlyRun.expect(a);
        // picocli was quicker than the load: the command asks first (this once hung for ever)
        CompletableFuture<Optional<RunReport>> taken = CompletableFuture.supplyAsync(
                () -> EarlyRun.take(checklist, options, AwsSettings.DEFAULT));
        Thread.sleep(200);
        assertThat(taken).isNotDone();
        EarlyRun.startIfPlain(announced, a, ChecklistOption.DEFAULT, loaded);
        RunReport report = taken.get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(report.results()).hasSize(8).allSatisfy(r -> assertThat(r.result().status()).isEqualTo(Status.PASS));
    }

    @Test
    void anEarlyRunForOtherOptionsIsCancelledAndTheCommandRunsItsOwn() throws Exception {
        Path checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        EarlyLoad.start(args("run", "--checkout", checkout.toString(), "--only", "asl-paths", "--no-history"));
        ChecklistRun early = EarlyRun.pendingRun().orElseThrow();

        // as if picocli had read the line differently: the command's own options win
        CliTest.Outcome o = CliTest.cli("run", "--checkout", checkout.toString(), "--only", "docker-build",
                "--format", "json", "--no-history");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(verdicts(o).keySet()).allSatisfy(id -> assertThat(id).doesNotStartWith("asl-"))
                .contains("base-image-build");
        assertThat(early.isCancelled()).isTrue();
    }

    @Test
    void anEarlyRunTheCommandNeverReachesIsCancelled() throws Exception {
        Path checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        String[] a = args("run", "--checkout", checkout.toString(), "--format", "yaml", "--no-history");
        EarlyLoad.start(a);
        ChecklistRun early = EarlyRun.pendingRun().orElseThrow();
        CliTest.Outcome o = CliTest.cli(a);
        assertThat(o.code()).isEqualTo(GreenlightCommand.ERROR);
        assertThat(o.err()).contains("yaml");
        assertThat(early.isCancelled()).isTrue();
    }

    @Test
    void nothingStartsEarlyWhenTheChecklistDoesNotLoadOrAnIdIsUnknown() throws Exception {
        Path checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        EarlyLoad.start(args("run", "--checkout", checkout.toString(), "--only", "no-such-section"));
        assertThat(EarlyRun.pendingRun()).isEmpty();
        EarlyLoad.start(args("run", "--checkout", dir.resolve("missing").toString()));
        assertThat(EarlyRun.pendingRun()).isEmpty();
        EarlyLoad.start(args("run", "--checkout", checkout.toString(), "-c", dir.resolve("missing.yaml").toString()));
        assertThat(EarlyRun.pendingRun()).isEmpty();
        EarlyLoad.start(args("run", "--checkout", checkout.toString(), "--allow-commands"));
        assertThat(EarlyRun.pendingRun()).as("an opt-in waits for picocli").isEmpty();
    }
}

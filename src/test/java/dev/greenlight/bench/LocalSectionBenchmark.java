package dev.greenlight.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.Greenlight;
import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.aws.AwsSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local sections of the bundled checklist on a generated checkout with a ~5,000-line template
 * and ~80 functions: in-process time per run, parses per file, and whole-CLI wall time against
 * {@code greenlight --version} on the same machine. See BENCHMARKS.md.
 */
@Tag("benchmark")
class LocalSectionBenchmark {
    static final Set<String> LOCAL = Set.of("asl-paths", "lambda-usc", "docker-build", "substitutions", "sam-deploy");

    @TempDir
    Path dir;

    @Test
    void localSectionOnAFiveThousandLineTemplate() throws Exception {
        Path checkout = SyntheticCheckout.create(dir.resolve("checkout"), 80, 5000);
        long templateLines = Files.readAllLines(checkout.resolve("analemma-workflow-os/backend/template.yaml")).size();
        Checklist checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        RunOptions options = RunOptions.defaults(checkout).withOnly(LOCAL);

        Map<String, Integer>[] parseCounts = new Map[1];
        int[] items = new int[1];
        double[] inProcess = BenchSupport.time(5, 30, () -> {
            ChecklistRun run = Greenlight.prepare(checklist, options, AwsSettings.DEFAULT, null);
            RunReport r = run.runBlocking();
            parseCounts[0] = run.workspace().parseCounts();
            items[0] = r.results().size();
            assertThat(r.exitCode()).isZero();
        });

        List<String> runArgs = List.of("run", "--checkout", checkout.toString(), "--only", String.join(",", LOCAL));
        double[] cli = new double[5];
        double[] version = new double[5];
        BenchSupport.processMs(List.of("--version"), dir);
        BenchSupport.processMs(runArgs, dir);
        for (int i = 0; i < 5; i++) {
            version[i] = BenchSupport.processMs(List.of("--version"), dir);
            cli[i] = BenchSupport.processMs(runArgs, dir);
        }

        ObjectNode result = BenchSupport.JSON.createObjectNode();
        result.put("templateLines", templateLines);
        result.put("functions", 80);
        result.put("items", items[0]);
        result.set("inProcessRun", BenchSupport.stats(inProcess));
        result.set("cliRun", BenchSupport.stats(cli));
        result.set("cliVersion", BenchSupport.stats(version));
        double overhead = BenchSupport.percentile(cli, 50) / BenchSupport.percentile(version, 50) - 1;
        result.put("cliRunOverVersion", BenchSupport.round(overhead * 100) + "%");
        ObjectNode parses = result.putObject("parsesPerFile");
        parseCounts[0].forEach(parses::put);
        result.put("processors", Runtime.getRuntime().availableProcessors());
        BenchSupport.write("local-section", result);

        assertThat(templateLines).isGreaterThanOrEqualTo(5000);
        assertThat(parseCounts[0].values()).allSatisfy(v -> assertThat(v).isEqualTo(1));
    }
}

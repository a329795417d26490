package dev.greenlight.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Redactor;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local sections of the bundled checklist on a generated checkout with a ~5,000-line template
 * and ~80 functions: in-process time per run, parses per file, and whole-CLI wall and CPU time
 * against {@code greenlight --version} and a bare JVM on the same machine. See BENCHMARKS.md.
 */
@Tag("benchmark")
class LocalSectionBenchmark {
    static final Set<String> LOCAL = Set.of("asl-paths", "lambda-usc", "docker-build", "substitutions", "sam-deploy");
    static final int ROUNDS = 8;
    /** The launcher flag measured as a variant: C1 only, no C2 compilations a short run never profits from. */
    static final List<String> C1 = List.of("-XX:TieredStopAtLevel=1");

    @TempDir
    Path dir;

    @Test
    void localSectionOnAFiveThousandLineTemplate() throws Exception {
        ObjectNode result = BenchSupport.JSON.createObjectNode();
        result.set("machineAtStart", BenchSupport.machine());
        Path checkout = SyntheticCheckout.create(dir.resolve("checkout"), 80, 5000);
        long templateLines = Files.readAllLines(checkout.resolve("analemma-workflow-os/backend/template.yaml")).size();
        Checklist checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        RunOptions options = RunOptions.defaults(checkout).withOnly(LOCAL);

        Map<String, Integer> parseCounts = new LinkedHashMap<>();
        RunReport[] last = new RunReport[1];
        int runs = 30;
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = -5; i < runs; i++) {
            double c0 = BenchSupport.processCpuMs();
            long t0 = System.nanoTime();
            ChecklistRun run = Greenlight.prepare(checklist, options, AwsSettings.DEFAULT, null);
            RunReport r = run.runBlocking();
            if (i >= 0) {
                wall[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = BenchSupport.processCpuMs() - c0;
            }
            parseCounts = run.workspace().parseCounts();
            last[0] = r;
            assertThat(r.exitCode()).isZero();
        }
        // Every result passes through the Redactor once; time that pass over one report's texts.
        List<String> texts = texts(last[0]);
        double[] redact = BenchSupport.time(20, 50, () -> texts.forEach(Redactor::redact));

        List<String> runArgs = List.of("run", "--checkout", checkout.toString(), "--only", String.join(",", LOCAL));
        Map<String, double[][]> cli = new LinkedHashMap<>();
        String[] labels = {"bareJvm", "version", "run", "versionC1", "runC1"};
        for (String l : labels) {
            cli.put(l, new double[2][ROUNDS]);
        }
        for (int round = -1; round < ROUNDS; round++) {
            // Interleaved, so a burst of load from the neighbours hits every variant alike.
            record(cli, "bareJvm", round, BenchSupport.process(List.of(), BareJvm.class.getName(), List.of(), dir));
            record(cli, "version", round, BenchSupport.process(List.of(), "dev.greenlight.Main", List.of("--version"), dir));
            record(cli, "run", round, BenchSupport.process(List.of(), "dev.greenlight.Main", runArgs, dir));
            record(cli, "versionC1", round, BenchSupport.process(C1, "dev.greenlight.Main", List.of("--version"), dir));
            record(cli, "runC1", round, BenchSupport.process(C1, "dev.greenlight.Main", runArgs, dir));
        }

        result.put("templateLines", templateLines);
        result.put("functions", 80);
        result.put("items", last[0].results().size());
        result.set("inProcessRunWall", BenchSupport.stats(wall));
        result.set("inProcessRunCpu", BenchSupport.stats(cpu));
        result.set("redactOneReport", BenchSupport.stats(redact));
        result.put("redactedTexts", texts.size());
        result.put("redactedChars", texts.stream().mapToInt(String::length).sum());
        ObjectNode c = result.putObject("cli");
        cli.forEach((label, v) -> {
            ObjectNode n = c.putObject(label);
            n.set("wall", BenchSupport.stats(v[0]));
            n.set("cpu", BenchSupport.stats(v[1]));
        });
        ObjectNode ratios = result.putObject("ratios");
        ratio(ratios, "runOverVersionWall", cli.get("run")[0], cli.get("version")[0]);
        ratio(ratios, "runOverVersionCpu", cli.get("run")[1], cli.get("version")[1]);
        ratio(ratios, "runOverBareJvmWall", cli.get("run")[0], cli.get("bareJvm")[0]);
        ratio(ratios, "runC1OverVersionC1Wall", cli.get("runC1")[0], cli.get("versionC1")[0]);
        ratio(ratios, "runC1OverVersionC1Cpu", cli.get("runC1")[1], cli.get("versionC1")[1]);
        ratio(ratios, "runC1OverRunCpu", cli.get("runC1")[1], cli.get("run")[1]);
        ObjectNode parses = result.putObject("parsesPerFile");
        parseCounts.forEach(parses::put);
        result.set("machineAtEnd", BenchSupport.machine());
        BenchSupport.write("local-section", result);

        assertThat(templateLines).isGreaterThanOrEqualTo(5000);
        assertThat(parseCounts.values()).allSatisfy(v -> assertThat(v).isEqualTo(1));
    }

    private static void record(Map<String, double[][]> cli, String label, int round, BenchSupport.Proc p) {
        if (round >= 0) {
            cli.get(label)[0][round] = p.wallMs();
            cli.get(label)[1][round] = p.cpuMs();
        }
    }

    /** Median of a over median of b, as "+x%" (how much a adds over b). */
    private static void ratio(ObjectNode out, String name, double[] a, double[] b) {
        double r = BenchSupport.median(a) / BenchSupport.median(b);
        out.put(name, Math.round(r * 100) / 100.0);
    }

    private static List<String> texts(RunReport report) {
        List<String> out = new ArrayList<>();
        for (ItemResult ir : report.results()) {
            Result r = ir.result();
            out.add(r.reason());
            out.add(r.expected());
            out.add(r.actual());
            out.addAll(r.notes());
            r.evidence().forEach(e -> out.add(e.text()));
        }
        out.removeIf(Objects::isNull);
        return out;
    }
}

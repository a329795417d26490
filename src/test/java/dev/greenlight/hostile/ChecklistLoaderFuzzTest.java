package dev.greenlight.hostile;

import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever bytes a checklist file holds, {@link ChecklistLoader#parse} returns a
 * {@link LoadResult} — a checklist, or problems that name the file and (when they have one) a
 * 1-based line and column — and never throws, overflows the stack, runs out of memory or hangs.
 *
 * <p>Deterministic: iteration {@code i} uses seed {@code fuzz.seed + i}. {@code -Dfuzz.iterations=N}
 * runs longer; {@code -Dfuzz.seed=S} moves the window; a failure names the seed and the mutations,
 * and {@code -Dfuzz.iterations=1 -Dfuzz.seed=<that seed>} replays it alone. Figures are written to
 * {@code target/fuzz/loader-fuzz-summary.txt}.
 */
class ChecklistLoaderFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 5_000);
    private static final long BASE_SEED = Long.getLong("fuzz.seed", 20_260_101L);
    /** Generous: a hang is what this catches, not slowness. */
    private static final long TIMEOUT_SECONDS = 10;

    private final ChecklistLoader loader = Greenlight.loader();
    private final ChecklistMutator mutator = new ChecklistMutator();

    @Test
    void everyMutatedChecklistLoadsOrFailsWithPlainProblems() throws Exception {
        List<byte[]> seeds = seeds();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> messages = new TreeMap<>();
        int loaded = 0;
        ExecutorService worker = newWorker();
        try {
            for (int i = 0; i < ITERATIONS && failures.size() < 20; i++) {
                long seed = BASE_SEED + i;
                byte[] base = seeds.get((int) Math.floorMod(seed, (long) seeds.size()));
                ChecklistMutator.Mutant m = mutator.mutate(base, seed);
                String name = "fuzz-" + seed + ".yaml";
                Future<LoadResult> f = worker.submit(() -> loader.parse(m.bytes(), name));
                String where = "seed " + seed + " " + m.applied() + " (" + m.bytes().length + " bytes)";
                LoadResult r;
                try {
                    r = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    failures.add(where + ": no answer within " + TIMEOUT_SECONDS + " s");
                    f.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker(); // the stuck thread is a daemon; it must not block the rest
                    continue;
                } catch (ExecutionException e) {
                    failures.add(where + ": threw " + e.getCause());
                    continue;
                }
                String broken = check(r, name);
                if (broken != null) {
                    failures.add(where + ": " + broken);
                }
                if (r.checklist().isPresent()) {
                    loaded++;
                }
                for (Problem p : r.problems()) {
                    messages.merge(shape(p.message()), 1, Integer::sum);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        writeSummary(loaded, messages, failures);
        assertThat(failures).as("inputs the loader mishandled").isEmpty();
    }

    /** Null when the result keeps the contract, else what is wrong with it. */
    static String check(LoadResult r, String name) {
        if (r == null) {
            return "returned null";
        }
        if (r.checklist().isEmpty() && r.problems().isEmpty()) {
            return "neither a checklist nor a problem";
        }
        for (Problem p : r.problems()) {
            if (!name.equals(p.file())) {
                return "problem without the file name: " + p.format();
            }
            if (p.location() != null && (p.location().line() < 1 || p.location().column() < 1)) {
                return "problem with a non-positive location: " + p.format();
            }
            if (p.message() == null || p.message().isBlank()) {
                return "problem without a message";
            }
            String text = p.format();
            // quoted text is the file's own content (a pattern may well say "ModuleNotFoundError")
            String ours = text.replaceAll("'[^']*'|\"[^\"]*\"|/[^/]*/", "");
            if (text.contains("\tat ") || ours.matches("(?s).*(Exception\\b|\\b(java|javax|com|org)\\.[a-z]+\\.).*")) {
                return "stack trace text in a problem: " + abbreviate(text);
            }
        }
        return null;
    }

    /** The message with names, numbers and quoted text blanked, so distinct kinds can be counted. */
    static String shape(String message) {
        String s = message.replaceAll("'[^']*'", "'…'").replaceAll("\\$\\{[^}]*}", "\\${…}")
                .replaceAll("\\d+", "N");
        return abbreviate(s);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "loader-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (InputStream in = ChecklistLoader.class.getResourceAsStream("/checklists/unified-pipe-v3.3.yaml")) {
            seeds.add(in.readAllBytes());
        }
        for (String s : SMALL_SEEDS) {
            seeds.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return seeds;
    }

    private void writeSummary(int loaded, Map<String, Integer> messages, List<String> failures) throws IOException {
        Path out = Path.of("target", "fuzz", "loader-fuzz-summary.txt");
        Files.createDirectories(out.getParent());
        StringBuilder b = new StringBuilder();
        b.append("inputs fuzzed: ").append(ITERATIONS).append(" (seeds ").append(BASE_SEED).append("..")
                .append(BASE_SEED + ITERATIONS - 1).append(")\n");
        b.append("loaded as a checklist: ").append(loaded).append('\n');
        b.append("distinct problem messages: ").append(messages.size()).append('\n');
        b.append("failures: ").append(failures.size()).append('\n');
        failures.forEach(f -> b.append("  ").append(f).append('\n'));
        b.append("\nproblem message shapes (count):\n");
        messages.forEach((k, v) -> b.append("  ").append(v).append("  ").append(k).append('\n'));
        Files.writeString(out, b.toString());
    }

    private static final List<String> SMALL_SEEDS = List.of(
            """
            id: demo
            title: Demo
            vars:
              backend: app/backend
              stage: dev
              stack: demo-${stage}
            sections:
              - id: files
                title: Files
                items:
                  - id: asl-file
                    title: ASL file exists in ${backend}
                    why: The deploy reads it.
                    check:
                      type: file-exists
                      paths: ["${backend}/src/v3.json"]
                      line-hint: 12
                    troubleshoot:
                      - title: List the ASL files
                        when: missing|not found
                        run: ls -la ${backend}/src
                  - id: trigger
                    title: Push to main
                    manual: true
                    needs: [asl-file]
            """,
            """
            id: anchors
            title: Shared remedies
            sections:
              - id: s
                title: S
                items:
                  - id: a
                    title: A
                    check: {type: text, file: Dockerfile, literal: "COPY . /var/task/src/", min: 1}
                    troubleshoot: &fix
                      - title: Show it
                        run: grep -n COPY Dockerfile
                  - id: b
                    title: B
                    check: {type: json, file: src/x.json, path: /States/Init, exists: true}
                    troubleshoot: *fix
                    logs: [{function: InitFunction, filter: ERROR}]
                    symptoms: ["KeyError: '(\\\\w+)'"]
            """,
            "id: x\ntitle: X\nsections:\n  - id: s\n    title: S\n    items:\n      - {id: m, title: M, manual: true}\n",
            "{\"id\": \"json\", \"title\": \"J\", \"sections\": [{\"id\": \"s\", \"title\": \"S\", \"items\": "
                    + "[{\"id\": \"c\", \"title\": \"C\", \"check\": {\"type\": \"command\", \"argv\": [\"git\", \"status\"]}}]}]}\n",
            "");
}

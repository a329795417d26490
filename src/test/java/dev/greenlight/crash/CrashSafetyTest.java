package dev.greenlight.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.store.RunHistory;
import dev.greenlight.store.RunSummary;
import dev.greenlight.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7.4: SIGKILL at random points while sign-offs and runs are being written by a separate
 * JVM ({@link SignOffDriver}); after every kill a fresh reader finds every acknowledged write, every
 * data file parses, and no temporary file is read as data. Seeded, so a failure replays.
 */
class CrashSafetyTest {
    private static final long SEED = 20_260_301L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What the rounds counted; the figures in docs/reliability.md come from here. */
    private static final class Figures {
        int kills;
        int killsInsideAWrite;
        int acknowledged;
        int verified;
        int lost;
        int corrupt;
        int temporaryFilesLeft;
        int indexRepairs;

        @Override
        public String toString() {
            return "kills=" + kills + " insideAWrite=" + killsInsideAWrite + " acknowledged=" + acknowledged
                    + " verified=" + verified + " lost=" + lost + " corrupt=" + corrupt
                    + " temporaryFilesLeft=" + temporaryFilesLeft + " indexRepairs=" + indexRepairs;
        }
    }

    /** Where in its life the driver is killed. */
    private enum KillPoint { AFTER_ACK, INSIDE_WRITE, TEMPORARY_FILE_ON_DISK, ANY_TIME }

    @Test
    void everyAcknowledgedSignOffSurvivesSigkillAndNoSessionFileIsCorrupt() throws Exception {
        Random random = new Random(SEED);
        Path data = dir.resolve("data");
        Path small = dir.resolve("checkout-small");
        Path big = dir.resolve("checkout-big");
        Figures f = new Figures();
        Map<Path, Map<String, String>> acked = new LinkedHashMap<>();
        Map<Path, Integer> next = new LinkedHashMap<>();
        for (int round = 0; round < 20; round++) {
            Path checkout = round % 2 == 0 ? small : big;
            int from = next.getOrDefault(checkout, 0);
            List<String> args = new ArrayList<>(List.of("session", data.toString(), checkout.toString(), "tick",
                    String.valueOf(from), String.valueOf(from + 10_000)));
            if (checkout == big) {
                args.add("big");
            }
            DriverProcess d = DriverProcess.start(dir.resolve("work"), args.toArray(String[]::new));
            List<String> lines = killSomewhere(d, random, checkout == big, data.resolve("sessions"));
            f.kills++;
            Map<String, String> mine = acked.computeIfAbsent(checkout, k -> new LinkedHashMap<>());
            int lastWriting = from - 1;
            boolean open = false;
            for (String l : lines) {
                String[] w = l.split(" ");
                if (w[0].equals("WRITING")) {
                    lastWriting = Integer.parseInt(w[1]);
                    open = true;
                } else if (w[0].equals("ACK")) {
                    mine.put(w[2], "note " + w[1]);
                    f.acknowledged++;
                    open = false;
                }
            }
            if (open) {
                f.killsInsideAWrite++;
            }
            next.put(checkout, lastWriting + 1);

            Path sessions = data.resolve("sessions");
            f.temporaryFilesLeft += count(sessions, n -> n.endsWith(".tmp"));
            f.corrupt += corruptJsonFiles(sessions);
            // the readers are the real store, opened as the app does after a restart
            for (Map.Entry<Path, Map<String, String>> session : acked.entrySet()) {
                SessionStore reader = SessionStore.open(data, SignOffDriver.CHECKLIST, session.getKey());
                for (Map.Entry<String, String> e : session.getValue().entrySet()) {
                    var tick = reader.signOff(e.getKey());
                    if (tick.isPresent() && e.getValue().equals(tick.get().note())) {
                        f.verified++;
                    } else {
                        f.lost++;
                    }
                }
                if (session.getKey() == big && !session.getValue().isEmpty()) {
                    assertThat(SignOffDriver.storedBigResults(reader)).isEqualTo(SignOffDriver.BIG_RESULTS);
                }
                // every tick on disk is one a driver was asked to write: nothing came from a temporary file
                assertThat(reader.signOffs().keySet()).allMatch(id -> id.matches("tick-\\d+"));
            }
            assertThat(count(sessions, n -> n.endsWith(".tmp"))).as("temporary files after reopening").isZero();
        }
        System.out.println("sessions: " + f);
        assertThat(f.kills).isEqualTo(20);
        assertThat(f.acknowledged).isPositive();
        assertThat(f.killsInsideAWrite).isPositive();
        assertThat(f.lost).isZero();
        assertThat(f.corrupt).isZero();
    }

    @Test
    void everyAcknowledgedRunSurvivesSigkillAndTheIndexIsRepairedWhenBehind() throws Exception {
        Random random = new Random(SEED + 1);
        Path root = dir.resolve("history");
        RunHistory reader = new RunHistory(root);
        Figures f = new Figures();
        Set<String> acked = new java.util.LinkedHashSet<>();
        Set<String> temporaries = new java.util.HashSet<>();
        int next = 0;
        for (int round = 0; round < 12; round++) {
            DriverProcess d = DriverProcess.start(dir.resolve("work"), "runs", root.toString(), "run",
                    String.valueOf(next), String.valueOf(next + 10_000));
            List<String> lines = killSomewhere(d, random, false, root.resolve(SignOffDriver.CHECKLIST));
            f.kills++;
            boolean open = false;
            for (String l : lines) {
                String[] w = l.split(" ");
                if (w[0].equals("WRITING")) {
                    next = Integer.parseInt(w[1]) + 1;
                    open = true;
                } else if (w[0].equals("ACK")) {
                    acked.add(w[2]);
                    f.acknowledged++;
                    open = false;
                }
            }
            if (open) {
                f.killsInsideAWrite++;
            }
            Path runs = root.resolve(SignOffDriver.CHECKLIST);
            if (!Files.isDirectory(runs)) {
                continue;
            }
            // RunHistory leaves them (a concurrent writer's may be live); count each once
            try (Stream<Path> files = Files.list(runs)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).forEach(temporaries::add);
            }
            f.temporaryFilesLeft = temporaries.size();
            f.corrupt += corruptJsonFiles(runs);
            Set<String> indexed = indexedRunIds(runs);
            if (!indexed.containsAll(acked)) {
                f.indexRepairs++;
            }
            RunHistory.Listing listing = reader.list(SignOffDriver.CHECKLIST);
            Set<String> listed = listing.runs().stream().map(RunSummary::runId).collect(Collectors.toSet());
            assertThat(listing.unreadable()).isEmpty();
            for (String id : acked) {
                if (listed.contains(id) && reader.load(SignOffDriver.CHECKLIST, id).isPresent()) {
                    f.verified++;
                } else {
                    f.lost++;
                }
            }
            // after listing, the index (the cache) holds every run again
            assertThat(indexedRunIds(runs)).containsAll(acked);
        }
        // a torn index (what a non-atomic writer would leave) is rebuilt from the run files
        Path index = root.resolve(SignOffDriver.CHECKLIST).resolve(RunHistory.INDEX);
        byte[] whole = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(reader.list(SignOffDriver.CHECKLIST).runs()).extracting(RunSummary::runId).containsAll(acked);
        assertThat(corruptJsonFiles(root.resolve(SignOffDriver.CHECKLIST))).isZero();

        System.out.println("runs: " + f);
        assertThat(f.kills).isEqualTo(12);
        assertThat(f.acknowledged).isPositive();
        assertThat(f.lost).isZero();
        assertThat(f.corrupt).isZero();
    }

    /**
     * Lets the driver get going, then SIGKILLs it: right after an acknowledgement, a moment after it
     * announced a write (inside the store call, most often inside the file write), or at any time
     * the moment its temporary file is on disk (half written), or at any time from JVM start on
 * (during class loading, while opening the store).
     */
    private static List<String> killSomewhere(DriverProcess d, Random random, boolean bigFile, Path dataDir) throws Exception {
        KillPoint point = KillPoint.values()[random.nextInt(KillPoint.values().length)];
        int[] left = {1 + random.nextInt(3)};
        switch (point) {
            case AFTER_ACK -> d.await(l -> l.startsWith("ACK ") && --left[0] <= 0);
            case INSIDE_WRITE -> {
                d.await(l -> l.startsWith("WRITING ") && --left[0] <= 0);
                // a big session takes ~100 ms to read, merge and write in a fresh JVM; a small one a few
                Thread.sleep(random.nextInt(bigFile ? 150 : 4));
            }
            case TEMPORARY_FILE_ON_DISK -> {
                // the moment a temporary file appears, the data is half written: kill right then
                d.await(l -> l.startsWith("WRITING ") && --left[0] <= 0);
                long until = System.nanoTime() + 2_000_000_000L;
                while (count(dataDir, n -> n.endsWith(".tmp")) == 0 && d.alive() && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            case ANY_TIME -> {
                d.await(l -> l.equals("READY"));
                Thread.sleep(random.nextInt(30));
            }
        }
        return d.kill();
    }

    static int count(Path dir, java.util.function.Predicate<String> name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> name.test(p.getFileName().toString())).count();
        }
    }

    /** Data files (*.json, not dot-named temporaries) that do not parse as JSON. */
    static int corruptJsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int bad = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).toList()) {
                try {
                    if (JSON.readTree(p.toFile()) == null) {
                        bad++;
                    }
                } catch (IOException e) {
                    bad++;
                }
            }
        }
        return bad;
    }

    static Set<String> indexedRunIds(Path runs) {
        try {
            Set<String> ids = new java.util.HashSet<>();
            for (String line : Files.readAllLines(runs.resolve(RunHistory.INDEX))) {
                ids.add(JSON.readTree(line).path("runId").asText());
            }
            return ids;
        } catch (IOException e) {
            return Set.of();
        }
    }
}

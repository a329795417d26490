package dev.greenlight.crash;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import dev.greenlight.report.Reports;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.store.RunHistory;
import dev.greenlight.store.SessionStore;
import dev.greenlight.store.StoredRun;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A separate JVM that records sign-offs (or saves runs) one by one through the real stores and
 * tells its parent on stdout what is durable: {@code WRITING n} before the n-th write,
 * {@code ACK n id ts} once the store call returned (the store's acknowledgement: on disk, fsynced).
 * The parent kills it with SIGKILL and checks that every ACK survived.
 *
 * <pre>
 * session DATA CHECKOUT PREFIX FROM TO [big] [shared=K] [go=FILE]
 * runs    ROOT PREFIX FROM TO [go=FILE]
 * </pre>
 * {@code big} first stores 250 verdicts with 5 KB of evidence each (a 1.3 MB session file, so a
 * kill lands inside a write); {@code shared=K} also ticks the item "shared" after every K-th
 * sign-off ({@code ACKSHARED ts}); {@code go=FILE} waits for FILE before the first write, so two
 * drivers start writing together.
 */
public final class SignOffDriver {
    static final String CHECKLIST = "crash-demo";
    static final int BIG_RESULTS = 250;

    private SignOffDriver() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<String> opts = List.of(args);
        if (args[0].equals("session")) {
            session(out, Path.of(args[1]), Path.of(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), opts);
        } else {
            runs(out, Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), opts);
        }
    }

    private static void session(PrintStream out, Path data, Path checkout, String prefix, int from, int to,
                                List<String> opts) throws Exception {
        SessionStore store = SessionStore.open(data, CHECKLIST, checkout);
        if (opts.contains("big") && storedBigResults(store) < BIG_RESULTS) {
            store.results(bigResults());
        }
        int shared = opts.stream().filter(o -> o.startsWith("shared=")).map(o -> Integer.parseInt(o.substring(7)))
                .findFirst().orElse(0);
        ready(out, opts);
        for (int n = from; n < to; n++) {
            say(out, "WRITING " + n);
            long ts = System.currentTimeMillis();
            store.signOff(prefix + "-" + n, new SessionStore.Tick(prefix, null, ts, "note " + n));
            say(out, "ACK " + n + " " + prefix + "-" + n + " " + ts);
            if (shared > 0 && n % shared == 0) {
                long t2 = System.currentTimeMillis();
                store.signOff("shared", new SessionStore.Tick(prefix, null, t2, prefix + " at " + t2));
                say(out, "ACKSHARED " + t2);
            }
        }
        say(out, "DONE");
    }

    private static void runs(PrintStream out, Path root, String prefix, int from, int to, List<String> opts) throws Exception {
        RunHistory history = new RunHistory(root);
        ready(out, opts);
        for (int n = from; n < to; n++) {
            List<ItemResult> items = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                items.add(Reports.item(prefix + "-" + n + "-i" + i, Status.PASS, "reason " + i, "evidence line " + i + " ".repeat(200)));
            }
            say(out, "WRITING " + n);
            StoredRun run = history.save(Reports.report(CHECKLIST, Instant.now(), "/checkout/" + prefix, items),
                    List.of(new SignOff(prefix + "-" + n + "-i0", prefix, null, Instant.now(), "run " + n)));
            say(out, "ACK " + n + " " + run.runId() + " 0");
        }
        say(out, "DONE");
    }

    /** How many of {@link #bigResults()} the store holds. */
    static long storedBigResults(SessionStore store) {
        return IntStream.range(0, BIG_RESULTS).filter(i -> store.result("big-" + i).isPresent()).count();
    }

    private static List<ItemResult> bigResults() {
        List<ItemResult> rs = new ArrayList<>();
        String text = "x".repeat(5_000);
        for (int i = 0; i < BIG_RESULTS; i++) {
            rs.add(new ItemResult("big-" + i, "s", "Big " + i, Result.of(Status.PASS, "Fine.")
                    .evidence(Evidence.at("s", "f.txt", 1, text)).build(), 1, Instant.ofEpochMilli(1_000)));
        }
        return rs;
    }

    private static void ready(PrintStream out, List<String> opts) throws InterruptedException {
        say(out, "READY");
        for (String o : opts) {
            if (o.startsWith("go=")) {
                Path go = Path.of(o.substring(3));
                while (!Files.exists(go)) {
                    Thread.sleep(1);
                }
            }
        }
    }

    private static void say(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }
}

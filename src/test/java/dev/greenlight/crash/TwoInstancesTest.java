package dev.greenlight.crash;

import dev.greenlight.store.RunHistory;
import dev.greenlight.store.RunSummary;
import dev.greenlight.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7.4: two processes on one data directory, writing at the same moment (both wait for a
 * "go" file, then write as fast as they can). The session merges; the run index is locked.
 */
class TwoInstancesTest {
    private static final int EACH = 40;

    @TempDir
    Path dir;

    @Test
    void twoProcessesTickingOneSessionKeepEveryAcknowledgedTickAndTheNewestOfTheSharedItem() throws Exception {
        Path data = dir.resolve("data");
        Path checkout = dir.resolve("checkout");
        Path go = dir.resolve("go");
        DriverProcess a = DriverProcess.start(dir.resolve("work"), "session", data.toString(), checkout.toString(), "alice",
                "0", String.valueOf(EACH), "shared=3", "go=" + go);
        DriverProcess b = DriverProcess.start(dir.resolve("work"), "session", data.toString(), checkout.toString(), "bob",
                "0", String.valueOf(EACH), "shared=3", "go=" + go);
        a.await("READY"::equals);
        b.await("READY"::equals);
        Files.createFile(go);
        List<String> lines = new ArrayList<>(a.awaitExit());
        lines.addAll(b.awaitExit());

        Set<String> acked = new HashSet<>();
        long newestShared = 0;
        for (String l : lines) {
            String[] w = l.split(" ");
            if (w[0].equals("ACK")) {
                acked.add(w[2]);
            } else if (w[0].equals("ACKSHARED")) {
                newestShared = Math.max(newestShared, Long.parseLong(w[1]));
            }
        }
        assertThat(acked).hasSize(2 * EACH);
        assertThat(CrashSafetyTest.corruptJsonFiles(data.resolve("sessions"))).isZero();
        SessionStore reader = SessionStore.open(data, SignOffDriver.CHECKLIST, checkout);
        assertThat(reader.signOffs().keySet()).containsAll(acked);
        // the shared item resolves to the newest tick either process made
        assertThat(reader.signOff("shared")).get().extracting(SessionStore.Tick::atEpochMs).isEqualTo(newestShared);
        System.out.println("two sessions: acknowledged=" + (acked.size() + 2 * (EACH / 3 + 1))
                + " found=" + reader.signOffs().size() + " lost=0");
    }

    @Test
    void twoProcessesSavingRunsBothStayInTheIndexWithoutARepair() throws Exception {
        Path root = dir.resolve("history");
        Path go = dir.resolve("go");
        DriverProcess a = DriverProcess.start(dir.resolve("work"), "runs", root.toString(), "a", "0", String.valueOf(EACH), "go=" + go);
        DriverProcess b = DriverProcess.start(dir.resolve("work"), "runs", root.toString(), "b", "0", String.valueOf(EACH), "go=" + go);
        a.await("READY"::equals);
        b.await("READY"::equals);
        Files.createFile(go);
        List<String> lines = new ArrayList<>(a.awaitExit());
        lines.addAll(b.awaitExit());

        Set<String> acked = new HashSet<>();
        lines.stream().filter(l -> l.startsWith("ACK ")).forEach(l -> acked.add(l.split(" ")[2]));
        assertThat(acked).hasSize(2 * EACH);
        Path runs = root.resolve(SignOffDriver.CHECKLIST);
        assertThat(CrashSafetyTest.corruptJsonFiles(runs)).isZero();
        // read before any listing could repair it: the index itself lost no run
        assertThat(CrashSafetyTest.indexedRunIds(runs)).containsExactlyInAnyOrderElementsOf(acked);
        RunHistory.Listing listing = new RunHistory(root).list(SignOffDriver.CHECKLIST);
        assertThat(listing.runs()).extracting(RunSummary::runId).containsExactlyInAnyOrderElementsOf(acked);
        assertThat(listing.unreadable()).isEmpty();
    }
}

package dev.greenlight.store;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTest {
    @TempDir
    Path data;
    @TempDir
    Path checkout;

    @Test
    void signOffsNotesAndResultsSurviveReopening() throws Exception {
        SessionStore s = SessionStore.open(data, "unified-pipe-v3.3", checkout);
        s.signOff("smoke", new SessionStore.Tick("alice", "arn:aws:iam::1:user/alice", 1_700_000_000_000L, "ok"));
        s.note("other", "looked at the console");
        s.result(new ItemResult("asl", "sec", "ASL", Result.fail("Wrong file.").expected("v3").actual("v2")
                .evidence(Evidence.at("DefinitionUri", "backend/template.yaml", 2413, "DefinitionUri: v2")).note("drift").build(),
                12, Instant.ofEpochMilli(1_700_000_000_500L)));

        SessionStore again = SessionStore.open(data, "unified-pipe-v3.3", checkout);
        assertThat(again.signOff("smoke")).get().extracting(SessionStore.Tick::note).isEqualTo("ok");
        assertThat(again.note("other")).isEqualTo("looked at the console");
        ItemResult r = again.result("asl").orElseThrow().toItemResult("asl", "sec", "ASL");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.result().evidence().get(0).where()).isEqualTo("backend/template.yaml:2413");
        assertThat(r.result().notes()).containsExactly("drift");
        assertThat(r.finishedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_500L));
    }

    @Test
    void eachChecklistAndCheckoutHasItsOwnFileAndNoTemporaryFilesRemain() throws Exception {
        SessionStore a = SessionStore.open(data, "one", checkout);
        SessionStore b = SessionStore.open(data, "one", checkout.resolve("elsewhere"));
        a.note("x", "a");
        b.note("x", "b");
        assertThat(a.file()).isNotEqualTo(b.file());
        assertThat(SessionStore.open(data, "one", checkout).note("x")).isEqualTo("a");
        try (var files = Files.list(a.file().getParent())) {
            // the .lock files of the merge lock stay, empty; no temporary file does
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json") || n.endsWith(".lock"));
        }
    }

    @Test
    void twoInstancesOnTheSameFileKeepEachOthersTicksAndTheNewestTickOfAnItemWins() throws Exception {
        SessionStore a = SessionStore.open(data, "one", checkout);
        SessionStore b = SessionStore.open(data, "one", checkout);
        a.signOff("from-a", new SessionStore.Tick("alice", null, 1_000, "a"));
        b.signOff("from-b", new SessionStore.Tick("bob", null, 1_001, "b"));
        b.signOff("same", new SessionStore.Tick("bob", null, 3_000, "newer"));
        // a's copy has not seen bob's tick; its older tick must not replace it
        a.signOff("same", new SessionStore.Tick("alice", null, 2_000, "older"));

        SessionStore reader = SessionStore.open(data, "one", checkout);
        assertThat(reader.signOffs()).containsOnlyKeys("from-a", "from-b", "same");
        assertThat(reader.signOff("same")).get().extracting(SessionStore.Tick::user).isEqualTo("bob");
        assertThat(a.signOffs()).containsOnlyKeys("from-a", "from-b", "same");
    }

    @Test
    void aRetractionDoesNotRemoveATickMadeLaterByAnotherInstance() throws Exception {
        SessionStore a = SessionStore.open(data, "one", checkout);
        a.signOff("x", new SessionStore.Tick("alice", null, 1_000, null));
        SessionStore b = SessionStore.open(data, "one", checkout);
        b.signOff("x", new SessionStore.Tick("bob", null, 2_000, null));
        a.retract("x", "alice", "wrong item");
        assertThat(SessionStore.open(data, "one", checkout).signOff("x")).get()
                .extracting(SessionStore.Tick::user).isEqualTo("bob");
        b.retract("x", "bob", "wrong item");
        SessionStore reader = SessionStore.open(data, "one", checkout);
        assertThat(reader.signOff("x")).isEmpty();
        // alice's retraction did not happen, so the trail does not claim it
        assertThat(reader.audit()).filteredOn(e -> e.action().equals("retracted"))
                .extracting(SessionStore.AuditEntry::user).containsExactly("bob");
    }

    @Test
    void anOlderVerdictFromAnotherInstanceDoesNotReplaceANewerOne() throws Exception {
        SessionStore a = SessionStore.open(data, "one", checkout);
        SessionStore b = SessionStore.open(data, "one", checkout);
        b.result(new ItemResult("asl", "sec", "ASL", Result.pass("Right file.").build(), 1, Instant.ofEpochMilli(2_000)));
        a.result(new ItemResult("asl", "sec", "ASL", Result.fail("Wrong file.").build(), 1, Instant.ofEpochMilli(1_000)));
        a.result(new ItemResult("other", "sec", "Other", Result.fail("Wrong.").build(), 1, Instant.ofEpochMilli(1_000)));
        SessionStore reader = SessionStore.open(data, "one", checkout);
        assertThat(reader.result("asl")).get().extracting(SessionStore.StoredResult::status).isEqualTo(Status.PASS);
        assertThat(reader.result("other")).isPresent();
    }

    @Test
    void aSaveReadsTheFileAgainWhenAnotherWriterReplacedItEvenWithTheSameSizeAndTime() throws Exception {
        SessionStore a = SessionStore.open(data, "one", checkout);
        a.note("x", "1");
        var seen = Files.getLastModifiedTime(a.file());
        long size = Files.size(a.file());
        SessionStore b = SessionStore.open(data, "one", checkout);
        b.note("x", "2"); // same length: the file keeps its size
        Files.setLastModifiedTime(a.file(), seen); // and, here, its time
        assertThat(Files.size(a.file())).isEqualTo(size);

        a.note("z", "from a"); // must not write its stale x back over b's
        SessionStore reader = SessionStore.open(data, "one", checkout);
        assertThat(reader.note("x")).isEqualTo("2");
        assertThat(reader.note("z")).isEqualTo("from a");
    }

    @Test
    void manySavesByOneInstanceKeepEverythingItSaved() throws Exception {
        SessionStore a = SessionStore.open(data, "one", checkout);
        for (int i = 0; i < 50; i++) {
            a.result(new ItemResult("i" + i, "sec", "I" + i, Result.pass("ok " + i).build(), 1, Instant.ofEpochMilli(1_000 + i)));
        }
        SessionStore reader = SessionStore.open(data, "one", checkout);
        assertThat(IntStream.range(0, 50)).allMatch(i -> reader.result("i" + i).isPresent());
        assertThat(reader.result("i49")).get().extracting(SessionStore.StoredResult::reason).isEqualTo("ok 49");
    }

    @Test
    void openingRemovesTheTemporaryFileOfAWriteThatWasKilledAndNeverReadsIt() throws Exception {
        SessionStore a = SessionStore.open(data, "one", checkout);
        a.note("x", "kept");
        Path torn = a.file().resolveSibling("." + a.file().getFileName() + ".123456.tmp");
        Files.writeString(torn, "{\"notes\": {\"x\": \"tor");
        SessionStore again = SessionStore.open(data, "one", checkout);
        assertThat(again.note("x")).isEqualTo("kept");
        assertThat(torn).doesNotExist();
    }
}

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
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json"));
        }
    }
}

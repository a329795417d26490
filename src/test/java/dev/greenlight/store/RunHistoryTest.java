package dev.greenlight.store;

import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.report.Reports;
import dev.greenlight.signoff.SignOff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static dev.greenlight.report.Reports.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunHistoryTest {
    @TempDir
    Path root;

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static RunReport run(int minutes, String checkout, Status... statuses) {
        List<dev.greenlight.engine.ItemResult> items = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            items.add(item("i" + i, statuses[i], "reason " + i, "text " + i));
        }
        return Reports.report("demo", T0.plusSeconds(60L * minutes), checkout, items);
    }

    private RunHistory history() {
        return new RunHistory(root);
    }

    private Path dir() {
        return root.resolve("demo");
    }

    @Test
    void savesEachRunAsOneFileAndListsNewestFirstWithContextAndCounts() throws Exception {
        StoredRun first = history().save(run(0, "/c", Status.PASS, Status.FAIL), List.of());
        StoredRun second = history().save(run(5, "/c", Status.PASS, Status.PASS),
                List.of(new SignOff("i1", "bob", null, T0, "checked by hand")));
        RunHistory.Listing listing = history().list("demo");
        assertThat(listing.runs()).extracting(RunSummary::runId).containsExactly(second.runId(), first.runId());
        RunSummary s = listing.runs().get(1);
        assertThat(s.sha()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(s.account()).isEqualTo("123456789012");
        assertThat(s.stage()).isEqualTo("dev");
        assertThat(s.counts()).containsEntry(Status.PASS, 1).containsEntry(Status.FAIL, 1);
        assertThat(s.green()).isFalse();
        assertThat(first.file()).isEqualTo(dir().resolve(first.runId() + ".json"));
        StoredRun loaded = history().load("demo", second.runId()).orElseThrow();
        assertThat(loaded.signOffs()).singleElement().satisfies(x -> assertThat(x.note()).isEqualTo("checked by hand"));
        assertThat(loaded.report().results()).extracting(r -> r.result().evidence().get(0).text()).containsExactly("text 0", "text 1");
        assertThat(history().find(first.runId())).isPresent();
    }

    @Test
    void listsFromTheIndexWithoutReadingRunFiles() throws Exception {
        StoredRun run = history().save(run(0, "/c", Status.PASS), List.of());
        // a run file the listing would have to parse now fails to; the index alone answers
        Files.writeString(run.file(), "not json");
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId).containsExactly(run.runId());
    }

    @Test
    void ignoresATruncatedTemporaryFileOfAnInterruptedWrite() throws Exception {
        StoredRun kept = history().save(run(0, "/c", Status.PASS), List.of());
        byte[] whole = Files.readAllBytes(kept.file());
        Path tmp = dir().resolve("." + "2026-03-01T10-09-00.000Z-abcdef.json" + ".123456.tmp");
        Files.write(tmp, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.delete(dir().resolve(RunHistory.INDEX));
        RunHistory.Listing listing = history().list("demo");
        assertThat(listing.runs()).extracting(RunSummary::runId).containsExactly(kept.runId());
        assertThat(listing.unreadable()).isEmpty();
        StoredRun next = history().save(run(10, "/c", Status.PASS), List.of());
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId).containsExactly(next.runId(), kept.runId());
        assertThat(Files.readAllBytes(kept.file())).isEqualTo(whole);
    }

    @Test
    void skipsAHalfWrittenRunFileKeepsItAndLosesNoOtherRun() throws Exception {
        StoredRun a = history().save(run(0, "/c", Status.PASS), List.of());
        StoredRun b = history().save(run(1, "/c", Status.FAIL), List.of());
        byte[] whole = Files.readAllBytes(b.file());
        Path torn = dir().resolve("2026-03-01T10-02-00.000Z-0a0b0c.json");
        Files.write(torn, java.util.Arrays.copyOf(whole, whole.length / 3));
        RunHistory.Listing listing = history().list("demo");
        assertThat(listing.runs()).extracting(RunSummary::runId).containsExactly(b.runId(), a.runId());
        assertThat(listing.unreadable()).singleElement().satisfies(u -> {
            assertThat(u.file()).isEqualTo(torn);
            assertThat(u.problem()).contains("not valid JSON");
        });
        assertThat(torn).exists();
        assertThat(history().load("demo", a.runId())).isPresent();
        assertThat(history().load("demo", b.runId()).orElseThrow().report().results().get(0).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void rebuildsACorruptIndexFromTheRunFiles() throws Exception {
        StoredRun a = history().save(run(0, "/c", Status.PASS), List.of());
        StoredRun b = history().save(run(1, "/c", Status.WARN), List.of());
        Path index = dir().resolve(RunHistory.INDEX);
        byte[] good = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(good, good.length / 2));
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId).containsExactly(b.runId(), a.runId());
        assertThat(Files.readString(index, StandardCharsets.UTF_8)).contains(a.runId()).contains(b.runId()).endsWith("}\n");
        Files.writeString(index, "{\"schema\":\"something-else\"}");
        assertThat(history().list("demo").runs()).hasSize(2);
        StoredRun c = history().save(run(2, "/c", Status.PASS), List.of());
        Files.write(index, new byte[]{0, 1, 2, (byte) 0xff});
        StoredRun d = history().save(run(3, "/c", Status.PASS), List.of());
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId)
                .containsExactly(d.runId(), c.runId(), b.runId(), a.runId());
    }

    /** A save appends its line to the index; it does not parse and rewrite every run kept. */
    @Test
    void aSaveAppendsToTheIndexInsteadOfRewritingIt() throws Exception {
        StoredRun a = history().save(run(0, "/c", Status.PASS), List.of());
        StoredRun b = history().save(run(1, "/c", Status.FAIL), List.of());
        Path index = dir().resolve(RunHistory.INDEX);
        String two = Files.readString(index, StandardCharsets.UTF_8);
        // a line the index can no longer parse: a rewrite would drop it, an append keeps it
        String spoiled = two.replace("\"durationMs\":", "\"durationMs\":x");
        Files.writeString(index, spoiled, StandardCharsets.UTF_8);
        StoredRun c = history().save(run(2, "/c", Status.PASS), List.of());
        String three = Files.readString(index, StandardCharsets.UTF_8);
        assertThat(three).startsWith(spoiled).contains(c.runId()).endsWith("}\n");
        // the listing skips the spoiled lines, finds their runs on disk and rewrites the index
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId)
                .containsExactly(c.runId(), b.runId(), a.runId());
        assertThat(Files.readAllLines(index)).hasSize(3).noneMatch(l -> l.contains("durationMs\":x"));
    }

    @Test
    void aTornLastLineOfACrashedAppendStaysALineOfItsOwn() throws Exception {
        StoredRun a = history().save(run(0, "/c", Status.PASS), List.of());
        StoredRun b = history().save(run(1, "/c", Status.PASS), List.of());
        Path index = dir().resolve(RunHistory.INDEX);
        String whole = Files.readString(index, StandardCharsets.UTF_8);
        // the process died while appending b's line: half of it reached the disk
        Files.writeString(index, whole.substring(0, whole.length() - 40), StandardCharsets.UTF_8);
        StoredRun c = history().save(run(2, "/c", Status.PASS), List.of());
        List<String> lines = Files.readAllLines(index);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("{").contains(c.runId()).endsWith("}");
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId)
                .containsExactly(c.runId(), b.runId(), a.runId());
    }

    @Test
    void readsTheIndexOfEarlierVersionsAndReplacesIt() throws Exception {
        StoredRun a = history().save(run(0, "/c", Status.PASS), List.of());
        Path index = dir().resolve(RunHistory.INDEX);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var old = json.createObjectNode().put("schema", "greenlight-history-index/1").put("checklistId", "demo");
        old.putArray("runs").add(json.readTree(Files.readAllLines(index).get(0)));
        Files.delete(index);
        Files.write(dir().resolve("index.json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(old));
        // the old index alone answers: the run file is not read
        Files.writeString(a.file(), "not json");
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId).containsExactly(a.runId());
        assertThat(dir().resolve("index.json")).doesNotExist();
        assertThat(Files.readAllLines(index)).singleElement().asString().contains(a.runId());
    }

    @Test
    void findsRunsTheIndexMissedAndDropsEntriesWhoseFileIsGone() throws Exception {
        StoredRun a = history().save(run(0, "/c", Status.PASS), List.of());
        Path index = dir().resolve(RunHistory.INDEX);
        byte[] onlyA = Files.readAllBytes(index);
        StoredRun b = history().save(run(1, "/c", Status.PASS), List.of());
        // a crash after the run file was renamed into place but before the index was rewritten
        Files.write(index, onlyA);
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId).containsExactly(b.runId(), a.runId());
        Files.delete(a.file());
        assertThat(history().list("demo").runs()).extracting(RunSummary::runId).containsExactly(b.runId());
    }

    @Test
    void leavesNoTemporaryFilesAfterSaving() throws Exception {
        history().save(run(0, "/c", Status.PASS), List.of());
        try (Stream<Path> s = Files.list(dir())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void lastGreenIsTheNewestRunWithoutFailOrErrorOnTheSameCheckout() throws Exception {
        StoredRun greenOld = history().save(run(0, "/c", Status.PASS, Status.WARN), List.of());
        history().save(run(1, "/other", Status.PASS), List.of());
        history().save(run(2, "/c", Status.PASS, Status.ERROR), List.of());
        StoredRun latest = history().save(run(3, "/c", Status.FAIL), List.of());
        assertThat(history().lastGreen("demo", latest.summary()))
                .hasValueSatisfying(s -> assertThat(s.runId()).isEqualTo(greenOld.runId()));
        assertThat(history().lastGreen("demo", history().save(run(4, "/nowhere", Status.FAIL), List.of()).summary())).isEmpty();
    }

    @Test
    void lastGreenSkipsGreenPartialRunsDiagnosesAndRunsOnAnotherStageOrAccount() throws Exception {
        StoredRun fullGreen = history().save(run(0, "/c", Status.PASS, Status.PASS, Status.PASS), List.of());
        history().save(Reports.with(run(1, "/c", Status.PASS), "run.kind", "partial"), List.of());
        history().save(Reports.with(run(2, "/c", Status.PASS), "run.kind", "diagnose"), List.of());
        history().save(Reports.with(run(3, "/c", Status.PASS, Status.PASS, Status.PASS), "stage", "prod"), List.of());
        history().save(Reports.with(run(4, "/c", Status.PASS, Status.PASS, Status.PASS), "aws.account", "999999999999"), List.of());
        StoredRun latest = history().save(run(5, "/c", Status.PASS, Status.FAIL, Status.PASS), List.of());

        assertThat(history().lastGreen("demo", latest.summary()))
                .hasValueSatisfying(s -> assertThat(s.runId()).isEqualTo(fullGreen.runId()));
        assertThat(history().list("demo").runs()).extracting(RunSummary::kindLabel)
                .containsExactly("full", "full", "full", "diagnose", "partial", "full");
    }

    @Test
    void refusesChecklistIdsThatWouldEscapeTheHistoryFolder() {
        RunReport evil = Reports.report("../evil", T0, "/c", List.of());
        assertThatThrownBy(() -> history().save(evil, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(root.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void anEmptyHistoryListsNothing() throws Exception {
        assertThat(history().list("demo").runs()).isEmpty();
        assertThat(history().checklists()).isEmpty();
        assertThat(history().find("2026-03-01T10-00-00.000Z-abcdef")).isEmpty();
    }
}

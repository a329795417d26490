package dev.greenlight.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.RunReport;
import dev.greenlight.files.AppDirs;
import dev.greenlight.files.AtomicFiles;
import dev.greenlight.json.Json;
import dev.greenlight.report.JsonReportReader;
import dev.greenlight.report.JsonReportWriter;
import dev.greenlight.signoff.SignOff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every run of every checklist, kept on disk as one plain JSON file per run under
 * {@code <root>/<checklist-id>/<run-id>.json} (the JSON report of the CLI contract plus
 * {@code runId} and {@code signOffs}), with a small {@code index.jsonl} per checklist for listing.
 *
 * <p>Why plain files and not an embedded database: a run file can be opened, grepped, diffed,
 * attached to a ticket or copied to another machine with ordinary tools; there is no lock a
 * crashed app leaves held, and the app and a CLI run can write at the same time; each run is
 * written with {@link AtomicFiles} (temporary file, fsync, atomic rename, directory fsync), so a
 * crash leaves every run either absent or whole. The number of runs per checklist is small
 * (hundreds), which is where a database would start to pay.
 *
 * <p>The run files are the truth; the index is a cache. A run counts as saved once its run file
 * has been renamed into place ({@link #save} returns). Listing reconciles the index with the
 * directory listing (file names only): entries whose file is gone are dropped, run files the index
 * does not know (a crash between the two writes) are read and added, and a missing or corrupt
 * index is rebuilt from the run files. The index is JSON Lines, one run summary a line: a save
 * appends its line (so saving costs the same however many runs are kept), a crash mid-append
 * leaves at most one torn last line, which is skipped and repaired from the run file, and a
 * listing that found anything to repair rewrites the file whole and atomically. Index writes are
 * made under an OS lock on {@code .<checklist-id>.lock} in the root, which the OS releases when
 * its holder dies, so two processes saving at once both stay in the index. The index of earlier
 * versions ({@code index.json}, one JSON document) is still read, and replaced at the first repair. Files that start with a dot
 * (temporary files of an interrupted write) are ignored; a run file that cannot be read
 * is reported by {@link Listing#unreadable()} and left in place, never deleted.
 */
public final class RunHistory {
    public static final String INDEX = "index.jsonl";
    /** The index of earlier versions: one JSON document {schema, checklistId, runs: [...]}. */
    static final String OLD_INDEX = "index.json";
    /**
     * Lock file of a checklist's index updates, {@code <root>/.<checklist-id>.lock}: beside the
     * checklist folders rather than in one, so the folder holds run files and the index only.
     */
    private Path indexLock(String checklistId) {
        return root.resolve("." + checklistId + ".lock");
    }
    static final String OLD_INDEX_SCHEMA = "greenlight-history-index/1";
    private static final Pattern CHECKLIST_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern RUN_FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T[0-9.-]+Z-[0-9a-f]{6})\\.json");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A run file that could not be read, with the reason. */
    public record Unreadable(Path file, String problem) {
    }

    /** The runs of one checklist, newest first, and the files that could not be read. */
    public record Listing(List<RunSummary> runs, List<Unreadable> unreadable) {
        public Listing {
            runs = List.copyOf(runs);
            unreadable = List.copyOf(unreadable);
        }
    }

    private final Path root;

    /** A history keeping {@link HistoryLimits#keep()} runs per checklist, resolved when a run is saved. */
    public RunHistory(Path root) {
        this(root, 0);
    }

    /** @param keep runs kept per checklist: saving a run deletes the oldest beyond it; 0 = {@link HistoryLimits#keep()} */
    public RunHistory(Path root, int keep) {
        this.root = root;
        this.keep = Math.max(0, keep);
    }

    /**
     * The history under the data directory ({@code AppDirs.data()/history}). Reads nothing: the app
     * makes it on the FX thread, and the settings file behind {@link HistoryLimits} may be slow.
     */
    public static RunHistory atDefaultLocation() {
        return new RunHistory(AppDirs.data().resolve("history"));
    }

    /** The same history keeping {@code n} runs per checklist (a command-line option). */
    public RunHistory keeping(int n) {
        return new RunHistory(root, n);
    }

    /** Runs kept per checklist; may read the settings file, so only off the FX thread. */
    public int keep() {
        return keep > 0 ? keep : HistoryLimits.keep();
    }

    private final int keep;

    public Path root() {
        return root;
    }

    /**
     * Saves a run; when this returns, the run is on disk whatever happens next. A failure to
     * update the index afterwards is not an error: the next listing repairs it.
     */
    public StoredRun save(RunReport report, List<SignOff> signOffs) throws IOException {
        Path dir = dir(report.checklistId());
        Files.createDirectories(dir);
        String runId;
        Path file;
        do {
            runId = ID_TIME.format(report.startedAt()) + "-" + String.format("%06x", RANDOM.nextInt(1 << 24));
            file = dir.resolve(runId + ".json");
        } while (Files.exists(file));
        ObjectNode json = JsonReportWriter.toJson(report);
        json.put("runId", runId);
        ArrayNode so = json.putArray("signOffs");
        signOffs.forEach(s -> so.add(s.toJson()));
        AtomicFiles.write(file, Json.PRETTY.writeValueAsBytes(json));
        String id = runId;
        try {
            // under the lock: a listing's rewrite in another process would otherwise drop this line
            FileLocks.withLock(indexLock(report.checklistId()), () -> {
                RunSummary summary = RunSummary.of(id, report);
                if (Files.isRegularFile(dir.resolve(INDEX))) {
                    appendToIndex(dir, summary);
                } else {
                    // first save, or an index of the old format: write the whole index once
                    Map<String, RunSummary> index = readIndex(dir).map(IndexRead::runs).orElseGet(() -> rebuild(dir, new ArrayList<>()));
                    index.put(id, summary);
                    writeIndex(dir, index.values());
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            // the run is safe; listing rebuilds the index from the run files
        }
        int trimmed = 0;
        try {
            trimmed = FileLocks.withLock(indexLock(report.checklistId()), () -> trim(dir, report.checklistId(), id));
        } catch (IOException | RuntimeException e) {
            // trimming is housekeeping: the next save tries again
        }
        return new StoredRun(runId, file, report, signOffs, trimmed);
    }

    /**
     * Deletes the oldest runs of a checklist beyond {@link #keep} (run ids sort by start time), never
     * the run just saved, and drops them from the index. Called under the index lock on every save.
     */
    private int trim(Path dir, String checklistId, String justSaved) throws IOException {
        int keep = keep();
        List<String> ids = new ArrayList<>(runIdsOnDisk(dir));
        if (ids.size() <= keep) {
            return 0;
        }
        java.util.Collections.sort(ids);
        int deleted = 0;
        for (String id : ids.subList(0, ids.size() - keep)) {
            if (!id.equals(justSaved) && Files.deleteIfExists(dir.resolve(id + ".json"))) {
                deleted++;
            }
        }
        Optional<IndexRead> index = readIndex(dir);
        if (index.isPresent()) {
            Map<String, RunSummary> kept = index.get().runs();
            kept.keySet().retainAll(runIdsOnDisk(dir));
            writeIndex(dir, kept.values());
        }
        return deleted;
    }

    /** The ids of the checklists that have runs. */
    public List<String> checklists() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> CHECKLIST_ID.matcher(n).matches()).sorted().toList();
        }
    }

    /** The runs of a checklist, newest first, read from the index (repaired when needed). */
    public Listing list(String checklistId) throws IOException {
        Path dir = dir(checklistId);
        if (!Files.isDirectory(dir)) {
            return new Listing(List.of(), List.of());
        }
        if (!Files.isWritable(dir) || !Files.isWritable(root)) {
            // a history someone may only read (a copied folder, another user's): list, repair nothing
            return reconcile(dir, checklistId, false);
        }
        return FileLocks.withLock(indexLock(checklistId), () -> reconcile(dir, checklistId, true));
    }

    /** Lists the run files and brings the index in line with them; the run files are the truth. */
    private Listing reconcile(Path dir, String checklistId, boolean repair) throws IOException {
        Set<String> onDisk = runIdsOnDisk(dir);
        List<Unreadable> unreadable = new ArrayList<>();
        Optional<IndexRead> indexed = readIndex(dir);
        Map<String, RunSummary> index;
        boolean changed;
        if (indexed.isEmpty()) {
            index = rebuild(dir, unreadable);
            changed = true;
        } else {
            index = indexed.get().runs();
            changed = indexed.get().needsRewrite();
            changed |= index.keySet().retainAll(onDisk);
            for (String id : onDisk) {
                if (!index.containsKey(id)) {
                    Optional<RunSummary> s = summarise(dir.resolve(id + ".json"), unreadable);
                    s.ifPresent(x -> index.put(id, x));
                    changed |= s.isPresent();
                }
            }
        }
        if (changed && repair) {
            try {
                writeIndex(dir, index.values());
            } catch (IOException e) {
                // listing still works from what was read; the next listing tries again
            }
        }
        List<RunSummary> runs = index.values().stream()
                .sorted(Comparator.comparing(RunSummary::runId).reversed()).toList();
        return new Listing(runs, unreadable);
    }

    public Optional<StoredRun> load(String checklistId, String runId) throws IOException {
        Path file = dir(checklistId).resolve(runId + ".json");
        if (!RUN_FILE.matcher(runId + ".json").matches() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    /** A run by id, whatever its checklist. */
    public Optional<StoredRun> find(String runId) throws IOException {
        for (String c : checklists()) {
            Optional<StoredRun> r = load(c, runId);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    public Optional<RunSummary> latest(String checklistId) throws IOException {
        return list(checklistId).runs().stream().findFirst();
    }

    /**
     * The newest complete green run ({@link RunSummary#completeGreen}) of the checklist on the same
     * checkout, stage and AWS account as {@code like}, started before it. A green one-item run or
     * on-call diagnosis, or a green run on dev, says nothing about a full run on prod.
     */
    public Optional<RunSummary> lastGreen(String checklistId, RunSummary like) throws IOException {
        return list(checklistId).runs().stream()
                .filter(RunSummary::completeGreen)
                .filter(r -> java.util.Objects.equals(like.checkout(), r.checkout()))
                .filter(r -> java.util.Objects.equals(like.stage(), r.stage()))
                .filter(r -> java.util.Objects.equals(like.account(), r.account()))
                .filter(r -> r.startedAt().isBefore(like.startedAt()))
                .findFirst();
    }

    /** The newest complete run (every item, not stopped) of a checklist. */
    public Optional<RunSummary> latestComplete(String checklistId) throws IOException {
        return list(checklistId).runs().stream().filter(r -> RunSummary.FULL.equals(r.kind()) && !r.cancelled()).findFirst();
    }

    public static StoredRun read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.PRETTY.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new JsonReportReader.NotAReportException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        RunReport report = JsonReportReader.fromJson(root, file.toString());
        List<SignOff> signOffs = new ArrayList<>();
        try {
            for (JsonNode s : root.path("signOffs")) {
                signOffs.add(SignOff.fromJson(s));
            }
        } catch (IllegalArgumentException e) {
            throw new JsonReportReader.NotAReportException(file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString();
        String runId = root.hasNonNull("runId") ? root.get("runId").asText() : name.replaceFirst("\\.json$", "");
        return new StoredRun(runId, file, report, signOffs);
    }

    private Path dir(String checklistId) {
        if (checklistId == null || !CHECKLIST_ID.matcher(checklistId).matches() || checklistId.contains("..")) {
            throw new IllegalArgumentException("'" + checklistId + "' cannot name a history folder");
        }
        return root.resolve(checklistId);
    }

    private static Set<String> runIdsOnDisk(Path dir) throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                var m = RUN_FILE.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    ids.add(m.group(1));
                }
            });
        }
        return ids;
    }

    /** The index's runs by id; {@code needsRewrite} when lines were skipped or it is of the old format. */
    private record IndexRead(Map<String, RunSummary> runs, boolean needsRewrite) {
    }

    /** The index as a map by run id, or empty when there is none or it is unusable. */
    private static Optional<IndexRead> readIndex(Path dir) {
        Path file = dir.resolve(INDEX);
        if (!Files.isRegularFile(file)) {
            return readOldIndex(dir.resolve(OLD_INDEX));
        }
        try {
            Map<String, RunSummary> out = new LinkedHashMap<>();
            boolean skipped = false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    RunSummary s = RunSummary.fromJson(Json.PRETTY.readTree(line));
                    out.put(s.runId(), s);
                } catch (IOException | RuntimeException torn) {
                    skipped = true; // a torn last line of a crashed append, or a hand edit
                }
            }
            return Optional.of(new IndexRead(out, skipped));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<IndexRead> readOldIndex(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.PRETTY.readTree(Files.readAllBytes(file));
            if (root == null || !OLD_INDEX_SCHEMA.equals(root.path("schema").asText()) || !root.path("runs").isArray()) {
                return Optional.empty();
            }
            Map<String, RunSummary> out = new LinkedHashMap<>();
            for (JsonNode e : root.get("runs")) {
                RunSummary s = RunSummary.fromJson(e);
                out.put(s.runId(), s);
            }
            return Optional.of(new IndexRead(out, true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, RunSummary> rebuild(Path dir, List<Unreadable> unreadable) {
        Map<String, RunSummary> out = new HashMap<>();
        try {
            for (String id : runIdsOnDisk(dir)) {
                summarise(dir.resolve(id + ".json"), unreadable).ifPresent(s -> out.put(id, s));
            }
        } catch (IOException e) {
            unreadable.add(new Unreadable(dir, "cannot list the folder: " + e.getMessage()));
        }
        return out;
    }

    private static Optional<RunSummary> summarise(Path file, List<Unreadable> unreadable) {
        try {
            StoredRun r = read(file);
            return Optional.of(r.summary());
        } catch (IOException | RuntimeException e) {
            unreadable.add(new Unreadable(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * Appends one line and syncs it. A last line without its newline (a crashed append) gets one
     * first, so the torn line stays a line of its own that the reader skips.
     */
    private static void appendToIndex(Path dir, RunSummary summary) throws IOException {
        byte[] line = (Json.COMPACT.writeValueAsString(summary.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(dir.resolve(INDEX), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer last = ByteBuffer.allocate(1);
            if (size > 0 && ch.read(last, size - 1) == 1 && last.get(0) != '\n') {
                line = ("\n" + new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            ByteBuffer buf = ByteBuffer.wrap(line);
            long at = size;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
            ch.force(true);
        }
    }

    /** The whole index, atomically; the old-format index it replaces is then removed. */
    private static void writeIndex(Path dir, Collection<RunSummary> runs) throws IOException {
        StringBuilder text = new StringBuilder();
        for (RunSummary r : runs.stream().sorted(Comparator.comparing(RunSummary::runId)).toList()) {
            text.append(Json.COMPACT.writeValueAsString(r.toJson())).append('\n');
        }
        AtomicFiles.write(dir.resolve(INDEX), text.toString().getBytes(StandardCharsets.UTF_8));
        Files.deleteIfExists(dir.resolve(OLD_INDEX));
    }
}

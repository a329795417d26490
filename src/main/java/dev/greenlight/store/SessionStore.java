package dev.greenlight.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import dev.greenlight.files.AtomicFiles;
import dev.greenlight.json.Json;
import dev.greenlight.signoff.SignOffBasis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one checklist on one checkout that must survive a crash: manual sign-offs with
 * their notes, and the last verdict of every item. One JSON file per checklist id + checkout,
 * rewritten whole with {@link AtomicFiles} (temporary file, fsync, rename, directory fsync) on every
 * change, so a kill at any moment leaves either the previous or the new state on disk. Every
 * mutator returns only once its change is on disk: that return is the acknowledgement.
 *
 * <p>Two instances on the same data directory (two app windows, the app and a test) merge rather
 * than lock each other out: each change is applied under an OS lock on {@code .<name>.lock} beside
 * the file to what is on disk at that moment, so neither overwrites the other's items; on the same
 * item the newest tick (by its time) and the newest verdict (by when it finished) win, notes are
 * last-writer-wins. See docs/reliability.md.
 *
 * <p>Thread-safe; callers may save from any thread. Writes are synchronous and small (a checklist
 * has tens of items), so callers off the UI thread pay a few milliseconds.
 */
public final class SessionStore {
    /**
     * A person's sign-off of an item.
     *
     * @param basis what it was made over; null in files written before it was recorded (stale)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tick(String user, String awsArn, long atEpochMs, String note, SignOffBasis basis) {
        public Tick(String user, String awsArn, long atEpochMs, String note) {
            this(user, awsArn, atEpochMs, note, null);
        }

        public Instant at() {
            return Instant.ofEpochMilli(atEpochMs);
        }
    }

    /**
     * One line of the session's audit trail: every sign-off and every retraction, kept when the
     * sign-off itself is gone, so "who took back the sign-off of the ECR check, and why" has an answer.
     *
     * @param action "signed" or "retracted"
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuditEntry(String action, String itemId, String user, long atEpochMs, String note, SignOffBasis basis) {
    }

    /**
     * A verdict as stored: the engine's records without java.time, so plain Jackson reads it.
     *
     * @param context what the run was pointed at (variables, checkout, AWS settings, the check's
     *                definition), so a later session can tell the verdict is stale; null in files
     *                written before it was recorded
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StoredResult(Status status, String reason, String expected, String actual,
                               List<Evidence> evidence, List<String> notes, long durationMs, long finishedEpochMs,
                               Map<String, String> context) {
        static StoredResult of(ItemResult r, Map<String, String> context) {
            Result x = r.result();
            return new StoredResult(x.status(), x.reason(), x.expected(), x.actual(), x.evidence(), x.notes(),
                    r.durationMs(), r.finishedAt().toEpochMilli(), context);
        }

        public ItemResult toItemResult(String itemId, String sectionId, String title) {
            Result x = new Result(status, reason, expected, actual,
                    evidence == null ? List.of() : evidence, notes == null ? List.of() : notes);
            return new ItemResult(itemId, sectionId, title, x, durationMs, Instant.ofEpochMilli(finishedEpochMs));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Session(String checklistId, String checkout, Map<String, Tick> signOffs,
                   Map<String, StoredResult> results, Map<String, String> notes, List<AuditEntry> audit) {
    }


    private final Path file;
    private final Path lockFile;
    private final String checklistId;
    private final String checkout;
    private final Map<String, Tick> signOffs = new LinkedHashMap<>();
    private final Map<String, StoredResult> results = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    private SessionStore(Path file, String checklistId, String checkout) {
        this.file = file;
        this.lockFile = file.resolveSibling("." + file.getFileName().toString().replaceFirst("\\.json$", "") + ".lock");
        this.checklistId = checklistId;
        this.checkout = checkout;
    }

    /** Opens (or starts) the session of a checklist on a checkout, kept under {@code dataDir/sessions}. */
    public static SessionStore open(Path dataDir, String checklistId, Path checkout) throws IOException {
        String co = checkout.toAbsolutePath().normalize().toString();
        Path file = dataDir.resolve("sessions").resolve(safe(checklistId) + "-" + hash(co) + ".json");
        SessionStore s = new SessionStore(file, checklistId, co);
        FileLocks.withLock(s.lockFile, () -> {
            s.removeLeftoverTemporaryFiles();
            s.adopt(s.readDisk());
            return null;
        });
        return s;
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<Tick> signOff(String itemId) {
        return Optional.ofNullable(signOffs.get(itemId));
    }

    public synchronized Map<String, Tick> signOffs() {
        return Map.copyOf(signOffs);
    }

    /** A note typed on an item, kept whether or not it is ticked. */
    public synchronized String note(String itemId) {
        return notes.getOrDefault(itemId, "");
    }

    public synchronized Optional<StoredResult> result(String itemId) {
        return Optional.ofNullable(results.get(itemId));
    }

    /**
     * Saves a tick; when this returns it is on disk (fsynced). Another instance's newer tick on the
     * same item is kept instead (the newest tick wins), as is every other item it saved.
     */
    public synchronized void signOff(String itemId, Tick signOff) throws IOException {
        update(st -> {
            Tick there = st.signOffs.get(itemId);
            if (there != null && there.atEpochMs() > signOff.atEpochMs()) {
                return;
            }
            st.signOffs.put(itemId, signOff);
            st.audit.add(new AuditEntry("signed", itemId, signOff.user(), signOff.atEpochMs(), signOff.note(), signOff.basis()));
            if (signOff.note() != null) {
                st.notes.put(itemId, signOff.note());
            }
        });
    }

    /** Every sign-off and retraction of this session, oldest first. */
    public synchronized List<AuditEntry> audit() {
        return List.copyOf(audit);
    }

    /**
     * Takes a sign-off back; the retraction (who, when, why) stays in the audit trail. A sign-off
     * another instance made after the one this instance knew stays.
     */
    public synchronized void retract(String itemId, String user, String why) throws IOException {
        Tick known = signOffs.get(itemId);
        if (known == null) {
            return;
        }
        update(st -> {
            Tick there = st.signOffs.get(itemId);
            if (there != null && there.atEpochMs() <= known.atEpochMs()) {
                st.signOffs.remove(itemId);
                st.audit.add(new AuditEntry("retracted", itemId, user, System.currentTimeMillis(),
                        why == null ? "" : why, there.basis()));
            }
        });
    }

    public synchronized void note(String itemId, String note) throws IOException {
        String n = note == null ? "" : note;
        if (n.equals(notes.getOrDefault(itemId, ""))) {
            return;
        }
        update(st -> {
            st.notes.put(itemId, n);
            Tick s = st.signOffs.get(itemId);
            if (s != null) {
                st.signOffs.put(itemId, new Tick(s.user(), s.awsArn(), s.atEpochMs(), n, s.basis()));
            }
        });
    }

    /** Stores many verdicts with one write (a finished run). */
    public synchronized void results(List<ItemResult> rs) throws IOException {
        results(rs, id -> null);
    }

    /** Stores many verdicts with one write, each with the context its run was pointed at. */
    public synchronized void results(List<ItemResult> rs, java.util.function.Function<String, Map<String, String>> contextOf)
            throws IOException {
        update(st -> rs.forEach(r -> st.putResult(r.itemId(), StoredResult.of(r, contextOf.apply(r.itemId())))));
    }

    public synchronized void result(ItemResult r) throws IOException {
        result(r, null);
    }

    public synchronized void result(ItemResult r, Map<String, String> context) throws IOException {
        update(st -> st.putResult(r.itemId(), StoredResult.of(r, context)));
    }

    /** The three maps of a session, as read from disk and then changed. */
    private static final class State {
        final Map<String, Tick> signOffs = new LinkedHashMap<>();
        final Map<String, StoredResult> results = new LinkedHashMap<>();
        final Map<String, String> notes = new LinkedHashMap<>();
        final List<AuditEntry> audit = new ArrayList<>();

        /** A verdict older than the one saved (another instance ran later) does not replace it. */
        void putResult(String itemId, StoredResult r) {
            StoredResult there = results.get(itemId);
            if (there == null || there.finishedEpochMs() <= r.finishedEpochMs()) {
                results.put(itemId, r);
            }
        }
    }

    /**
     * Merge under the lock: read what is on disk now (another instance may have written since),
     * apply this one change to it, write the result whole, and adopt it. Two instances ticking
     * different items both keep their ticks; the file is never written from a stale copy.
     */
    private void update(java.util.function.Consumer<State> change) throws IOException {
        FileLocks.withLock(lockFile, () -> {
            State st = unchangedSinceLastSeen() ? current() : readDisk();
            change.accept(st);
            Session s = new Session(checklistId, checkout, st.signOffs, st.results, st.notes, st.audit);
            // streamed: a 500-item session is ~1 MB, and one String of it plus its bytes would be
            // humongous objects that set off G1 cycles during every run
            AtomicFiles.write(file, out -> Json.PRETTY.writeValue(out, s));
            lastSeen = stamp();
            adopt(st);
            return null;
        });
    }

    /**
     * The file as this instance last wrote or read it: every write replaces it with a new file
     * (new inode), so the same key, size and modification time mean no other instance wrote since,
     * and a save need not read and parse it again first.
     */
    private record Stamp(Object key, long size, java.nio.file.attribute.FileTime modified) {
    }

    private Stamp lastSeen;

    private Stamp stamp() {
        try {
            var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return a.fileKey() == null ? null : new Stamp(a.fileKey(), a.size(), a.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }

    private boolean unchangedSinceLastSeen() {
        Stamp seen = lastSeen;
        return seen != null && seen.equals(stamp());
    }

    /** A copy of what this instance holds (the same as the file when {@link #unchangedSinceLastSeen}). */
    private State current() {
        State st = new State();
        st.signOffs.putAll(signOffs);
        st.results.putAll(results);
        st.notes.putAll(notes);
        st.audit.addAll(audit);
        return st;
    }

    private State readDisk() throws IOException {
        State st = new State();
        if (!Files.exists(file)) {
            lastSeen = null;
            return st;
        }
        Stamp before = stamp();
        Session loaded;
        try (var in = Files.newInputStream(file)) {
            loaded = Json.PRETTY.readValue(in, Session.class);
        }
        lastSeen = before;
        if (loaded.signOffs() != null) {
            st.signOffs.putAll(loaded.signOffs());
        }
        if (loaded.results() != null) {
            st.results.putAll(loaded.results());
        }
        if (loaded.notes() != null) {
            st.notes.putAll(loaded.notes());
        }
        if (loaded.audit() != null) {
            st.audit.addAll(loaded.audit());
        }
        return st;
    }

    private void adopt(State st) {
        signOffs.clear();
        signOffs.putAll(st.signOffs);
        results.clear();
        results.putAll(st.results);
        notes.clear();
        notes.putAll(st.notes);
        audit.clear();
        audit.addAll(st.audit);
    }

    /**
     * A kill during {@link AtomicFiles#write} leaves its temporary file; it is never read as the
     * session, and under the lock no write of this session is in progress, so it can go.
     */
    private void removeLeftoverTemporaryFiles() throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + file.getFileName() + ".";
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

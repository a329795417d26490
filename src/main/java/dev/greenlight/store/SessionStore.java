package dev.greenlight.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;

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
 * rewritten whole with {@link AtomicFiles} on every change, so a kill at any moment leaves either
 * the previous or the new state on disk.
 *
 * <p>Thread-safe; callers may save from any thread. Writes are synchronous and small (a checklist
 * has tens of items), so callers off the UI thread pay a few milliseconds.
 */
public final class SessionStore {
    /** A person's tick on a manual item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tick(String user, String awsArn, long atEpochMs, String note) {
        public Instant at() {
            return Instant.ofEpochMilli(atEpochMs);
        }
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
                   Map<String, StoredResult> results, Map<String, String> notes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final String checklistId;
    private final String checkout;
    private final Map<String, Tick> signOffs = new LinkedHashMap<>();
    private final Map<String, StoredResult> results = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    private SessionStore(Path file, String checklistId, String checkout) {
        this.file = file;
        this.checklistId = checklistId;
        this.checkout = checkout;
    }

    /** Opens (or starts) the session of a checklist on a checkout, kept under {@code dataDir/sessions}. */
    public static SessionStore open(Path dataDir, String checklistId, Path checkout) throws IOException {
        String co = checkout.toAbsolutePath().normalize().toString();
        Path file = dataDir.resolve("sessions").resolve(safe(checklistId) + "-" + hash(co) + ".json");
        SessionStore s = new SessionStore(file, checklistId, co);
        if (Files.exists(file)) {
            Session loaded = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Session.class);
            if (loaded.signOffs() != null) {
                s.signOffs.putAll(loaded.signOffs());
            }
            if (loaded.results() != null) {
                s.results.putAll(loaded.results());
            }
            if (loaded.notes() != null) {
                s.notes.putAll(loaded.notes());
            }
        }
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

    public synchronized void signOff(String itemId, Tick signOff) throws IOException {
        signOffs.put(itemId, signOff);
        if (signOff.note() != null) {
            notes.put(itemId, signOff.note());
        }
        write();
    }

    public synchronized void clearSignOff(String itemId) throws IOException {
        if (signOffs.remove(itemId) != null) {
            write();
        }
    }

    public synchronized void note(String itemId, String note) throws IOException {
        String n = note == null ? "" : note;
        if (n.equals(notes.getOrDefault(itemId, ""))) {
            return;
        }
        notes.put(itemId, n);
        Tick s = signOffs.get(itemId);
        if (s != null) {
            signOffs.put(itemId, new Tick(s.user(), s.awsArn(), s.atEpochMs(), n));
        }
        write();
    }

    /** Stores many verdicts with one write (a finished run). */
    public synchronized void results(List<ItemResult> rs) throws IOException {
        results(rs, id -> null);
    }

    /** Stores many verdicts with one write, each with the context its run was pointed at. */
    public synchronized void results(List<ItemResult> rs, java.util.function.Function<String, Map<String, String>> contextOf)
            throws IOException {
        for (ItemResult r : rs) {
            results.put(r.itemId(), StoredResult.of(r, contextOf.apply(r.itemId())));
        }
        write();
    }

    public synchronized void result(ItemResult r) throws IOException {
        result(r, null);
    }

    public synchronized void result(ItemResult r, Map<String, String> context) throws IOException {
        results.put(r.itemId(), StoredResult.of(r, context));
        write();
    }

    private void write() throws IOException {
        Session s = new Session(checklistId, checkout, signOffs, results, notes);
        AtomicFiles.write(file, JSON.writeValueAsString(s));
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

    /** For tests and diagnostics: every item id with a stored result. */
    public synchronized List<String> resultIds() {
        return new ArrayList<>(results.keySet());
    }
}

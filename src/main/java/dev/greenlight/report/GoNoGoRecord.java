package dev.greenlight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.store.SignOff;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The go/no-go record of a release walkthrough: what was checked (checklist id and version),
 * against what (checkout, HEAD sha, AWS account, region, stage), every item's verdict with its
 * evidence, every sign-off, and a SHA-256 over all of it so the record can later be shown to be
 * the one written then.
 *
 * <p>The hash is {@link CanonicalJson#sha256} of {@link #toJson} without the {@code sha256} field.
 * It detects any change to the record (a verdict, an evidence line, a note, an added field); it is
 * not a signature: whoever edits a file can recompute it. To show a record unaltered, keep its
 * hash somewhere the editor cannot reach (the PR comment, the release ticket) and compare.
 *
 * <p>Sign-offs: a sign-off turns a MANUAL item (waiting for a person) or a SKIP item (the machine
 * could not check it here) into DONE. It never changes a FAIL or ERROR: a person cannot sign a red
 * verdict away; the sign-off is recorded beside it and the record stays NO-GO.
 */
public record GoNoGoRecord(String checklistId, String checklistTitle, String checklistVersion, String checklistSource,
                           String checkout, String gitSha, String awsAccount, String awsRegion, String stage,
                           Map<String, String> context, Instant startedAt, Instant recordedAt, String recordedBy,
                           boolean cancelled, List<RecordItem> items, List<NotRun> notRun, List<SignOff> signOffs,
                           String sha256) {

    public static final String SCHEMA = "greenlight-record/1";
    public static final String CANONICAL_FORM = "SHA-256 of the UTF-8 bytes of this JSON object without 'sha256',"
            + " compact, keys sorted at every depth, arrays in order";

    /** One item's verdict as recorded. */
    public record RecordItem(String id, String section, String title, Status status, String reason, String expected,
                             String actual, List<Evidence> evidence, List<String> notes) {
        public RecordItem {
            evidence = List.copyOf(evidence);
            notes = List.copyOf(notes);
        }
    }

    /** An item of the checklist that this run did not include (an {@code --only} run). */
    public record NotRun(String id, String section, String title) {
    }

    public GoNoGoRecord {
        context = Collections.unmodifiableMap(new TreeMap<>(context));
        items = List.copyOf(items);
        notRun = List.copyOf(notRun);
        signOffs = List.copyOf(signOffs);
    }

    public static Builder builder(RunReport report, Checklist checklist) {
        return new Builder(report, checklist);
    }

    public boolean go() {
        return blockers().isEmpty();
    }

    public String decision() {
        return go() ? "GO" : "NO-GO";
    }

    /** Why the record is NO-GO, one line each; empty for GO. */
    public List<String> blockers() {
        List<String> out = new ArrayList<>();
        if (cancelled) {
            out.add("The run was stopped before every item finished.");
        }
        for (RecordItem i : items) {
            if (i.status().blocksRelease()) {
                out.add(i.id() + ": " + i.status() + " - " + i.reason());
            } else if (i.status() == Status.MANUAL) {
                out.add(i.id() + ": waiting for a sign-off");
            }
        }
        notRun.forEach(n -> out.add(n.id() + ": not run"));
        return out;
    }

    /** Verdicts that hold with a caveat (WARN) or were not checked (SKIP) and not signed off. */
    public List<String> caveats() {
        return items.stream().filter(i -> i.status() == Status.WARN || i.status() == Status.SKIP)
                .map(i -> i.id() + ": " + i.status() + " - " + i.reason()).toList();
    }

    public Map<Status, Integer> summary() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        items.forEach(i -> counts.merge(i.status(), 1, Integer::sum));
        return counts;
    }

    /** The hash this record's content has now. */
    public String computeHash() {
        return CanonicalJson.sha256(toJson(false));
    }

    /** True when the stored hash matches the content: nothing was changed since it was written. */
    public boolean verify() {
        return sha256 != null && sha256.equals(computeHash());
    }

    /** Checks a record file's JSON as read, so that fields this class does not know are covered too. */
    public static Verification verify(JsonNode recordJson) {
        if (recordJson == null || !recordJson.isObject() || !SCHEMA.equals(recordJson.path("schema").asText())) {
            throw new IllegalArgumentException("not a Greenlight go/no-go record (no \"schema\": \"" + SCHEMA + "\")");
        }
        JsonNode stored = recordJson.get("sha256");
        if (stored == null || !stored.isTextual()) {
            throw new IllegalArgumentException("the record has no sha256");
        }
        ObjectNode content = recordJson.deepCopy();
        content.remove("sha256");
        return new Verification(stored.asText(), CanonicalJson.sha256(content));
    }

    /** The outcome of {@link #verify(JsonNode)}. */
    public record Verification(String stored, String computed) {
        public boolean ok() {
            return stored.equalsIgnoreCase(computed);
        }
    }

    public ObjectNode toJson() {
        return toJson(true);
    }

    private ObjectNode toJson(boolean withHash) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("schema", SCHEMA);
        root.put("hashAlgorithm", "SHA-256");
        root.put("canonicalForm", CANONICAL_FORM);
        ObjectNode cl = root.putObject("checklist");
        cl.put("id", checklistId);
        cl.put("title", checklistTitle);
        cl.put("version", checklistVersion);
        cl.put("source", checklistSource);
        root.put("checkout", checkout);
        root.put("gitSha", gitSha);
        ObjectNode aws = root.putObject("aws");
        aws.put("account", awsAccount);
        aws.put("region", awsRegion);
        root.put("stage", stage);
        ObjectNode ctx = root.putObject("context");
        context.forEach(ctx::put);
        root.put("startedAt", startedAt.toString());
        root.put("recordedAt", recordedAt.toString());
        root.put("recordedBy", recordedBy);
        root.put("cancelled", cancelled);
        root.put("decision", decision());
        ArrayNode blockers = root.putArray("blockers");
        blockers().forEach(blockers::add);
        ArrayNode caveats = root.putArray("caveats");
        caveats().forEach(caveats::add);
        ObjectNode summary = root.putObject("summary");
        summary().forEach((k, v) -> summary.put(k.name(), v));
        ArrayNode its = root.putArray("items");
        for (RecordItem i : items) {
            ObjectNode o = its.addObject();
            o.put("id", i.id());
            o.put("section", i.section());
            o.put("title", i.title());
            o.put("status", i.status().name());
            o.put("reason", i.reason());
            o.put("expected", i.expected());
            o.put("actual", i.actual());
            ArrayNode ev = o.putArray("evidence");
            for (Evidence e : i.evidence()) {
                ObjectNode eo = ev.addObject();
                eo.put("subject", e.subject());
                eo.put("file", e.file());
                if (e.line() == null) {
                    eo.putNull("line");
                } else {
                    eo.put("line", e.line());
                }
                eo.put("text", e.text());
                eo.put("resource", e.resource());
                eo.put("region", e.region());
            }
            ArrayNode notes = o.putArray("notes");
            i.notes().forEach(notes::add);
        }
        ArrayNode nr = root.putArray("notRun");
        for (NotRun n : notRun) {
            nr.addObject().put("id", n.id()).put("section", n.section()).put("title", n.title());
        }
        ArrayNode so = root.putArray("signOffs");
        signOffs.forEach(s -> so.add(s.toJson()));
        if (withHash) {
            root.put("sha256", sha256);
        }
        return root;
    }

    /** Reads a record written by {@link #toJson()}; the stored hash is kept as read, not recomputed. */
    public static GoNoGoRecord fromJson(JsonNode root) {
        if (root == null || !root.isObject() || !SCHEMA.equals(root.path("schema").asText())) {
            throw new IllegalArgumentException("not a Greenlight go/no-go record (no \"schema\": \"" + SCHEMA + "\")");
        }
        try {
            JsonNode cl = root.path("checklist");
            Map<String, String> ctx = new LinkedHashMap<>();
            root.path("context").fields().forEachRemaining(e -> ctx.put(e.getKey(), e.getValue().asText()));
            List<RecordItem> items = new ArrayList<>();
            for (JsonNode o : root.path("items")) {
                List<Evidence> ev = new ArrayList<>();
                for (JsonNode e : o.path("evidence")) {
                    ev.add(new Evidence(text(e, "subject"), text(e, "file"),
                            e.path("line").isIntegralNumber() ? e.get("line").asInt() : null,
                            text(e, "text"), text(e, "resource"), text(e, "region")));
                }
                List<String> notes = new ArrayList<>();
                o.path("notes").forEach(n -> notes.add(n.asText()));
                items.add(new RecordItem(text(o, "id"), text(o, "section"), text(o, "title"),
                        Status.valueOf(o.path("status").asText()), text(o, "reason"), text(o, "expected"),
                        text(o, "actual"), ev, notes));
            }
            List<NotRun> notRun = new ArrayList<>();
            root.path("notRun").forEach(n -> notRun.add(new NotRun(text(n, "id"), text(n, "section"), text(n, "title"))));
            List<SignOff> signOffs = new ArrayList<>();
            root.path("signOffs").forEach(s -> signOffs.add(SignOff.fromJson(s)));
            return new GoNoGoRecord(text(cl, "id"), text(cl, "title"), text(cl, "version"), text(cl, "source"),
                    text(root, "checkout"), text(root, "gitSha"), text(root.path("aws"), "account"),
                    text(root.path("aws"), "region"), text(root, "stage"), ctx,
                    Instant.parse(root.path("startedAt").asText()), Instant.parse(root.path("recordedAt").asText()),
                    text(root, "recordedBy"), root.path("cancelled").asBoolean(false), items, notRun, signOffs,
                    text(root, "sha256"));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("the record is incomplete: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Puts a record together from a run, the checklist it ran and the sign-offs made. */
    public static final class Builder {
        private final RunReport report;
        private final Checklist checklist;
        private final List<SignOff> signOffs = new ArrayList<>();
        private Instant recordedAt = Instant.now();
        private String recordedBy = System.getProperty("user.name", "unknown");

        private Builder(RunReport report, Checklist checklist) {
            this.report = Objects.requireNonNull(report, "report");
            this.checklist = checklist;
        }

        public Builder signOffs(List<SignOff> s) {
            signOffs.addAll(s);
            return this;
        }

        public Builder signOff(SignOff s) {
            signOffs.add(s);
            return this;
        }

        public Builder recordedAt(Instant t) {
            this.recordedAt = t;
            return this;
        }

        public Builder recordedBy(String who) {
            this.recordedBy = who;
            return this;
        }

        public GoNoGoRecord build() {
            Map<String, SignOff> lastByItem = new LinkedHashMap<>();
            signOffs.forEach(s -> lastByItem.put(s.itemId(), s));
            List<RecordItem> items = new ArrayList<>();
            Set<String> ran = new HashSet<>();
            for (ItemResult r : report.results()) {
                ran.add(r.itemId());
                items.add(apply(r, lastByItem.get(r.itemId())));
            }
            List<NotRun> notRun = new ArrayList<>();
            if (checklist != null) {
                for (Item i : checklist.items().toList()) {
                    if (!ran.contains(i.id())) {
                        notRun.add(new NotRun(i.id(), i.sectionId(), i.title()));
                    }
                }
            }
            Map<String, String> ctx = report.context();
            GoNoGoRecord unsigned = new GoNoGoRecord(report.checklistId(), report.checklistTitle(),
                    report.checklistVersion(), report.checklistSource(), ctx.getOrDefault("checkout", report.checkout()),
                    ctx.get("git.sha"), ctx.get("aws.account"), ctx.get("aws.region"), ctx.get("stage"), ctx,
                    report.startedAt(), recordedAt, recordedBy, report.cancelled(), items, notRun, signOffs, null);
            return new GoNoGoRecord(unsigned.checklistId, unsigned.checklistTitle, unsigned.checklistVersion,
                    unsigned.checklistSource, unsigned.checkout, unsigned.gitSha, unsigned.awsAccount, unsigned.awsRegion,
                    unsigned.stage, unsigned.context, unsigned.startedAt, unsigned.recordedAt, unsigned.recordedBy,
                    unsigned.cancelled, unsigned.items, unsigned.notRun, unsigned.signOffs, unsigned.computeHash());
        }

        private static RecordItem apply(ItemResult r, SignOff s) {
            var res = r.result();
            Status status = r.status();
            String reason = res.reason();
            List<String> notes = new ArrayList<>(res.notes());
            if (s != null) {
                String by = "Signed off by " + s.who() + (s.awsCallerArn() == null ? "" : " (" + s.awsCallerArn() + ")")
                        + " at " + s.at() + (s.note().isBlank() ? "." : ": " + s.note());
                if (status == Status.MANUAL || status == Status.SKIP) {
                    if (status == Status.SKIP) {
                        notes.add("Machine verdict before the sign-off: SKIP - " + reason);
                    }
                    status = Status.DONE;
                    reason = by;
                } else if (status.blocksRelease()) {
                    notes.add(by + " A sign-off does not change a " + status + " verdict.");
                } else {
                    notes.add(by);
                }
            }
            return new RecordItem(r.itemId(), r.sectionId(), r.title(), status, reason, res.expected(), res.actual(),
                    res.evidence(), notes);
        }
    }
}

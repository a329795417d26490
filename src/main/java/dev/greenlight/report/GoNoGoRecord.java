package dev.greenlight.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Status;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The go/no-go record of a release walkthrough: what was checked (checklist id, version and content
 * hash), against what (checkout, HEAD sha and whether the working tree differed, AWS account,
 * region, the variables), every item's verdict with its evidence, the sign-offs that still held when
 * it was made, and a SHA-256 over all of it.
 *
 * <p>The decision is not a field anyone sets: {@link RecordRules} derives it from the items, and
 * {@code greenlight verify-record} derives it again from the file, so a record whose "GO" disagrees
 * with its own items is rejected whatever its hash says.
 *
 * <p>The hash is {@link CanonicalJson#sha256} of {@link #toJson} without the {@code sha256} field. It
 * detects accidental edits only: whoever edits the file can recompute it. A record that must stand
 * up to a deliberate edit is signed with an SSH key ({@link SshSigner}); its {@link Signer} is part of
 * the content, the signature sits beside the file ({@code FILE.sig}).
 */
public record GoNoGoRecord(String checklistId, String checklistTitle, String checklistVersion, String checklistSource,
                           String checklistHash, String checkout, String gitSha, boolean gitDirty,
                           List<String> changedRead, String awsAccount, String awsRegion, String stage,
                           Map<String, String> variables, Map<String, String> context, String runKind,
                           Instant startedAt, Instant recordedAt, String recordedBy, boolean cancelled,
                           List<RecordItem> items, List<NotRun> notRun, List<dev.greenlight.signoff.SignOff> signOffs,
                           Signer signer, String sha256, List<String> requires, String schema) {

    public static final String SCHEMA = "greenlight-record/3";
    /** Records written before NO DATA, watching items and local-only GOs; decided by {@link RecordRules} alone. */
    public static final String SCHEMA_V2 = "greenlight-record/2";
    /** Records written before sign-offs were bound to what they signed; verified by hash and rules only. */
    public static final String SCHEMA_V1 = "greenlight-record/1";
    public static final String CANONICAL_FORM = "SHA-256 of the UTF-8 bytes of this JSON object without 'sha256',"
            + " compact, keys sorted at every depth, arrays in order";
    public static final String UNSIGNED = "Unsigned: the SHA-256 detects accidental edits only; anyone who edits this file"
            + " can recompute it. Sign records (--sign) to make a deliberate edit detectable.";

    /**
     * One item's verdict as recorded.
     *
     * @param status        what the record counts: the machine's verdict, or DONE for a MANUAL or SKIP
     *                      verdict with a sign-off that held
     * @param verdictStatus the machine's verdict the sign-off was made over (same as status when not signed)
     * @param oneOf         the one-of group, or null
     * @param gate          false for a watching item (never blocks)
     * @param noDataBlocks  the item's on-no-data is block
     * @param postDeploy    the check looks at the deployed system
     */
    public record RecordItem(String id, String section, String title, Status status, String reason, Status verdictStatus,
                             String verdictReason, String expected, String actual, List<Evidence> evidence,
                             List<String> notes, String oneOf, boolean gate, boolean noDataBlocks, boolean postDeploy) {
        public RecordItem {
            evidence = List.copyOf(evidence);
            notes = List.copyOf(notes);
        }

        public RecordItem(String id, String section, String title, Status status, String reason, Status verdictStatus,
                          String verdictReason, String expected, String actual, List<Evidence> evidence,
                          List<String> notes, String oneOf) {
            this(id, section, title, status, reason, verdictStatus, verdictReason, expected, actual, evidence, notes, oneOf,
                    true, true, false);
        }
    }

    /** An item of the checklist that this run did not include (an {@code --only} run). */
    public record NotRun(String id, String section, String title) {
    }

    /**
     * Who signs the record, stated inside it so the signature covers the claim.
     *
     * @param namespace the SSHSIG namespace ({@code ssh-keygen -Y sign -n})
     * @param principal the identity the allowed_signers file names (an email, as for git)
     * @param publicKey the OpenSSH public key line
     */
    public record Signer(String namespace, String principal, String publicKey) {
    }

    public GoNoGoRecord {
        changedRead = List.copyOf(changedRead);
        variables = Collections.unmodifiableMap(new TreeMap<>(variables));
        context = Collections.unmodifiableMap(new TreeMap<>(context));
        items = List.copyOf(items);
        notRun = List.copyOf(notRun);
        signOffs = List.copyOf(signOffs);
        requires = requires == null ? List.of() : List.copyOf(requires);
        schema = schema == null ? SCHEMA : schema;
    }

    /** Records of schema 1 and 2 are decided by the rules they were made with. */
    private boolean legacy() {
        return !SCHEMA.equals(schema);
    }

    /** What a GO rests on (schema 3); for an older record, its GO or NO-GO by the old rules. */
    public RecordDecision decisionDetail() {
        if (legacy()) {
            return new RecordDecision(RecordRules.blockers(items, notRun.stream().map(NotRun::id).toList(), cancelled), List.of(), "");
        }
        return RecordDecision.of(items, notRun.stream().map(NotRun::id).toList(), cancelled,
                requires.contains(dev.greenlight.model.Checklist.POST_DEPLOY));
    }

    public static RecordBuilder builder(dev.greenlight.engine.RunReport report, dev.greenlight.model.Checklist checklist) {
        return new RecordBuilder(report, checklist);
    }

    public boolean go() {
        return blockers().isEmpty();
    }

    /** "GO", "GO (local only — N post-deploy items not checked: why)" or "NO-GO". */
    public String decision() {
        return decisionDetail().text();
    }

    /** Why the record is NO-GO, one line each; empty for GO. */
    public List<String> blockers() {
        return decisionDetail().blockers();
    }

    /** Verdicts that hold with a caveat, did not block (watching, on-no-data: warn) or were not checked. */
    public List<String> caveats() {
        return legacy() ? RecordRules.caveats(items) : RecordDecision.caveats(items);
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

    /** True when the stored hash matches the content. */
    public boolean verify() {
        return sha256 != null && sha256.equals(computeHash());
    }

    /** Recomputes a record file's hash over the JSON as read, so fields this class does not know are covered too. */
    public static Verification verify(JsonNode recordJson) {
        String schema = recordJson == null ? "" : recordJson.path("schema").asText();
        if (recordJson == null || !recordJson.isObject() || !(SCHEMA.equals(schema) || SCHEMA_V2.equals(schema) || SCHEMA_V1.equals(schema))) {
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

    ObjectNode toJson(boolean withHash) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("schema", schema);
        root.put("hashAlgorithm", "SHA-256");
        root.put("canonicalForm", CANONICAL_FORM);
        if (signer == null) {
            root.put("integrity", UNSIGNED);
        } else {
            root.put("integrity", "Signed with an SSH key (SSHSIG, namespace " + signer.namespace() + ") by " + signer.principal()
                    + "; the signature is in the file of the same name with .sig added. Check it with greenlight verify-record"
                    + " --allowed-signers FILE, or ssh-keygen -Y verify.");
            root.putObject("signer").put("format", "sshsig").put("namespace", signer.namespace())
                    .put("principal", signer.principal()).put("publicKey", signer.publicKey());
        }
        ObjectNode cl = root.putObject("checklist");
        cl.put("id", checklistId);
        cl.put("title", checklistTitle);
        cl.put("version", checklistVersion);
        cl.put("source", checklistSource);
        cl.put("hash", checklistHash);
        root.put("checkout", checkout);
        root.put("gitSha", gitSha);
        root.put("gitDirty", gitDirty);
        root.put("verdictsAbout", gitSha == null ? "a checkout outside git"
                : gitDirty ? "the working tree of " + gitSha + ", which has uncommitted changes" : "HEAD " + gitSha);
        ArrayNode changed = root.putArray("changedFilesRead");
        changedRead.forEach(changed::add);
        ObjectNode aws = root.putObject("aws");
        aws.put("account", awsAccount);
        aws.put("region", awsRegion);
        root.put("stage", stage);
        ObjectNode vars = root.putObject("variables");
        variables.forEach(vars::put);
        ObjectNode ctx = root.putObject("context");
        context.forEach(ctx::put);
        root.put("runKind", runKind);
        root.put("startedAt", startedAt.toString());
        root.put("recordedAt", recordedAt.toString());
        root.put("recordedBy", recordedBy);
        root.put("cancelled", cancelled);
        root.put("decision", decision());
        if (!legacy()) {
            RecordDecision d = decisionDetail();
            root.put("decisionBasis", d.basis());
            ArrayNode req = root.putArray("requires");
            requires.forEach(req::add);
            ArrayNode nc = root.putArray("postDeployNotChecked");
            d.notChecked().forEach(nc::add);
        }
        ArrayNode blockers = root.putArray("blockers");
        blockers().forEach(blockers::add);
        ArrayNode caveats = root.putArray("caveats");
        caveats().forEach(caveats::add);
        ObjectNode summary = root.putObject("summary");
        summary().forEach((k, v) -> summary.put(k.name(), v));
        ArrayNode errors = root.putArray("errors");
        RecordRules.errors(items).forEach((message, ids) -> {
            ObjectNode e = errors.addObject().put("message", message);
            ids.forEach(e.putArray("items")::add);
        });
        ArrayNode images = root.putArray("imageDigests");
        RecordRules.imageDigests(items).forEach(d -> images.addObject().put("item", d.item()).put("digest", d.digest())
                .put("seenAt", d.where()));
        ArrayNode its = root.putArray("items");
        for (RecordItem i : items) {
            ObjectNode o = its.addObject();
            o.put("id", i.id());
            o.put("section", i.section());
            o.put("title", i.title());
            o.put("status", i.status().name());
            o.put("reason", i.reason());
            o.putObject("verdict").put("status", i.verdictStatus().name()).put("reason", i.verdictReason());
            if (i.oneOf() != null) {
                o.put("oneOf", i.oneOf());
            }
            if (!legacy()) {
                o.put("gate", i.gate());
                o.put("onNoData", i.noDataBlocks() ? "block" : "warn");
                o.put("postDeploy", i.postDeploy());
            }
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
        String schema = root == null ? "" : root.path("schema").asText();
        if (root == null || !root.isObject() || !(SCHEMA.equals(schema) || SCHEMA_V2.equals(schema) || SCHEMA_V1.equals(schema))) {
            throw new IllegalArgumentException("not a Greenlight go/no-go record (no \"schema\": \"" + SCHEMA + "\")");
        }
        try {
            JsonNode cl = root.path("checklist");
            Map<String, String> ctx = new LinkedHashMap<>();
            root.path("context").fields().forEachRemaining(e -> ctx.put(e.getKey(), e.getValue().asText()));
            Map<String, String> vars = new LinkedHashMap<>();
            root.path("variables").fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
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
                Status status = Status.valueOf(o.path("status").asText());
                JsonNode verdict = o.path("verdict");
                Status verdictStatus = verdict.hasNonNull("status") ? Status.valueOf(verdict.get("status").asText()) : status;
                String verdictReason = verdict.hasNonNull("reason") ? verdict.get("reason").asText() : text(o, "reason");
                items.add(new RecordItem(text(o, "id"), text(o, "section"), text(o, "title"), status, text(o, "reason"),
                        verdictStatus, verdictReason, text(o, "expected"), text(o, "actual"), ev, notes, text(o, "oneOf"),
                        o.path("gate").asBoolean(true), !"warn".equals(o.path("onNoData").asText("block")),
                        o.path("postDeploy").asBoolean(false)));
            }
            List<NotRun> notRun = new ArrayList<>();
            root.path("notRun").forEach(n -> notRun.add(new NotRun(text(n, "id"), text(n, "section"), text(n, "title"))));
            List<dev.greenlight.signoff.SignOff> signOffs = new ArrayList<>();
            root.path("signOffs").forEach(s -> signOffs.add(dev.greenlight.signoff.SignOff.fromJson(s)));
            List<String> requires = new ArrayList<>();
            root.path("requires").forEach(n -> requires.add(n.asText()));
            List<String> changed = new ArrayList<>();
            root.path("changedFilesRead").forEach(n -> changed.add(n.asText()));
            JsonNode sg = root.get("signer");
            Signer signer = sg == null || !sg.isObject() ? null
                    : new Signer(text(sg, "namespace"), text(sg, "principal"), text(sg, "publicKey"));
            return new GoNoGoRecord(text(cl, "id"), text(cl, "title"), text(cl, "version"), text(cl, "source"),
                    text(cl, "hash"), text(root, "checkout"), text(root, "gitSha"), root.path("gitDirty").asBoolean(false),
                    changed, text(root.path("aws"), "account"), text(root.path("aws"), "region"), text(root, "stage"), vars, ctx,
                    text(root, "runKind"), Instant.parse(root.path("startedAt").asText()),
                    Instant.parse(root.path("recordedAt").asText()), text(root, "recordedBy"),
                    root.path("cancelled").asBoolean(false), items, notRun, signOffs, signer, text(root, "sha256"), requires, schema);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("the record is incomplete: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The same record with a signer stated and the hash recomputed (the signature is made over the written file). */
    public GoNoGoRecord signedBy(Signer s) {
        GoNoGoRecord unsigned = new GoNoGoRecord(checklistId, checklistTitle, checklistVersion, checklistSource, checklistHash,
                checkout, gitSha, gitDirty, changedRead, awsAccount, awsRegion, stage, variables, context, runKind, startedAt,
                recordedAt, recordedBy, cancelled, items, notRun, signOffs, s, null, requires, schema);
        return unsigned.withHash();
    }

    GoNoGoRecord withHash() {
        return new GoNoGoRecord(checklistId, checklistTitle, checklistVersion, checklistSource, checklistHash,
                checkout, gitSha, gitDirty, changedRead, awsAccount, awsRegion, stage, variables, context, runKind, startedAt,
                recordedAt, recordedBy, cancelled, items, notRun, signOffs, signer, computeHash(), requires, schema);
    }
}

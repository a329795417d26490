package dev.greenlight.report;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.report.GoNoGoRecord.NotRun;
import dev.greenlight.report.GoNoGoRecord.RecordItem;
import dev.greenlight.signoff.ChecklistFingerprint;
import dev.greenlight.signoff.Requirements;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.signoff.SignOffBasis;
import dev.greenlight.signoff.SignOffPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Puts a record together from a run, the checklist it ran and the sign-offs made, through
 * {@link SignOffPolicy}: a sign-off that no longer holds (another commit, stage, account, verdict or
 * checklist) is left out, and said so in {@link #leftOut()}; a FAIL or ERROR is never turned into DONE.
 */
public final class RecordBuilder {
    private final RunReport report;
    private final Checklist checklist;
    private final List<SignOff> signOffs = new ArrayList<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<String> leftOut = new ArrayList<>();
    private Instant recordedAt = Instant.now();
    private String recordedBy = System.getProperty("user.name", "unknown");

    RecordBuilder(RunReport report, Checklist checklist) {
        this.report = Objects.requireNonNull(report, "report");
        this.checklist = checklist;
    }

    public RecordBuilder signOffs(List<SignOff> s) {
        signOffs.addAll(s);
        return this;
    }

    public RecordBuilder signOff(SignOff s) {
        signOffs.add(s);
        return this;
    }

    /** The variables set over the checklist's defaults (--var, the context bar): part of what a sign-off binds to. */
    public RecordBuilder variables(Map<String, String> o) {
        overrides.putAll(o);
        return this;
    }

    public RecordBuilder recordedAt(Instant t) {
        this.recordedAt = t;
        return this;
    }

    public RecordBuilder recordedBy(String who) {
        this.recordedBy = who;
        return this;
    }

    /** After {@link #build()}: the sign-offs not carried into the record, each with why. */
    public List<String> leftOut() {
        return List.copyOf(leftOut);
    }

    public GoNoGoRecord build() {
        leftOut.clear();
        Map<String, String> ctx = report.context();
        Map<String, SignOff> lastByItem = new LinkedHashMap<>();
        signOffs.forEach(s -> lastByItem.put(s.itemId(), s));
        Map<String, Item> itemsById = new HashMap<>();
        if (checklist != null) {
            checklist.items().forEach(i -> itemsById.put(i.id(), i));
        }
        List<RecordItem> items = new ArrayList<>();
        List<SignOff> kept = new ArrayList<>();
        Set<String> ran = new HashSet<>();
        for (ItemResult r : report.results()) {
            ran.add(r.itemId());
            Item item = itemsById.getOrDefault(r.itemId(), new Item(r.itemId(), r.sectionId(), r.title(), null, null,
                    r.status() == Status.MANUAL, List.of(), null, List.of(), List.of(), List.of()));
            SignOff s = lastByItem.get(r.itemId());
            SignOffPolicy.Judgement j = null;
            if (s != null) {
                j = SignOffPolicy.judge(s.basis(), basisNow(r));
                if (j.current() && SignOffPolicy.effective(item, r.status(), j) != Status.DONE) {
                    j = new SignOffPolicy.Judgement(false, SignOffPolicy.refusal(item, r.status(), s.note()));
                }
                if (j.current() && s.note().isBlank()) {
                    j = new SignOffPolicy.Judgement(false, "it has no note");
                }
                if (j.current()) {
                    kept.add(s);
                } else {
                    leftOut.add(r.itemId() + ": " + j.reason());
                }
            }
            items.add(item(r, item, j != null && j.current() ? s : null));
        }
        List<RecordItem> withGroups = notNeededNotes(items, itemsById);
        List<NotRun> notRun = new ArrayList<>();
        if (checklist != null) {
            for (Item i : checklist.items().toList()) {
                if (!ran.contains(i.id())) {
                    notRun.add(new NotRun(i.id(), i.sectionId(), i.title()));
                }
            }
        }
        String changed = ctx.getOrDefault("git.changedRead", "");
        GoNoGoRecord unsigned = new GoNoGoRecord(report.checklistId(), report.checklistTitle(), report.checklistVersion(),
                report.checklistSource(), checklist == null ? null : ChecklistFingerprint.of(checklist),
                ctx.getOrDefault("checkout", report.checkout()), ctx.get("git.sha"), Boolean.parseBoolean(ctx.get("git.dirty")),
                changed.isBlank() ? List.of() : Arrays.asList(changed.split(", ")), ctx.get("aws.account"), ctx.get("aws.region"),
                ctx.get("stage"), variables(), ctx, ctx.get("run.kind"), report.startedAt(), recordedAt, recordedBy,
                report.cancelled(), withGroups, notRun, kept, null, null, requires(), GoNoGoRecord.SCHEMA);
        return unsigned.withHash();
    }

    private final List<String> extraRequires = new ArrayList<>();

    /** Halves the GO must rest on beyond the checklist's own {@code requires} ({@code run --require post-deploy}). */
    public RecordBuilder requires(List<String> halves) {
        extraRequires.addAll(halves);
        return this;
    }

    private List<String> requires() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(checklist == null ? List.of() : checklist.requires());
        all.addAll(extraRequires);
        return List.copyOf(all);
    }

    private Map<String, String> variables() {
        Map<String, String> vars = new TreeMap<>(checklist == null ? Map.of() : checklist.vars());
        vars.putAll(overrides);
        vars.remove("checkout");
        return vars;
    }

    private SignOffBasis basisNow(ItemResult r) {
        if (checklist == null) {
            return new SignOffBasis(r.itemId(), r.status(), r.result().reason(), report.context().get("git.sha"),
                    Boolean.parseBoolean(report.context().get("git.dirty")), overrides, report.context().get("aws.account"),
                    report.context().get("aws.region"), report.checklistId(), null);
        }
        return SignOffBasis.of(checklist, overrides, report.context(), r.itemId(), r.status(), r.result().reason());
    }

    private static RecordItem item(ItemResult r, Item item, SignOff s) {
        var res = r.result();
        Status status = r.status();
        String reason = res.reason();
        List<String> notes = new ArrayList<>(res.notes());
        if (s != null) {
            notes.add("Machine verdict before the sign-off: " + status + " - " + reason);
            status = Status.DONE;
            reason = "Signed off by " + s.who() + (s.awsCallerArn() == null ? "" : " (" + s.awsCallerArn() + ")")
                    + " at " + s.at() + ": " + s.note();
        }
        return new RecordItem(r.itemId(), r.sectionId(), r.title(), status, reason, r.status(), res.reason(),
                res.expected(), res.actual(), res.evidence(), notes, item.oneOf(), r.gating().gate(),
                r.gating().noDataBlocks(), r.gating().postDeploy());
    }

    /** Members of a one-of group met by another member say why they need nothing. */
    private static List<RecordItem> notNeededNotes(List<RecordItem> items, Map<String, Item> itemsById) {
        List<Item> all = items.stream().map(i -> itemsById.get(i.id())).filter(Objects::nonNull).toList();
        Map<String, Status> statusById = new HashMap<>();
        items.forEach(i -> statusById.put(i.id(), i.status()));
        List<RecordItem> out = new ArrayList<>();
        for (RecordItem i : items) {
            Item item = itemsById.get(i.id());
            String why = item == null ? null : Requirements.notNeeded(item, all, x -> statusById.get(x.id()));
            if (why == null) {
                out.add(i);
            } else {
                List<String> notes = new ArrayList<>(i.notes());
                notes.add(why);
                out.add(new RecordItem(i.id(), i.section(), i.title(), i.status(), i.reason(), i.verdictStatus(),
                        i.verdictReason(), i.expected(), i.actual(), i.evidence(), notes, i.oneOf(), i.gate(),
                        i.noDataBlocks(), i.postDeploy()));
            }
        }
        return out;
    }
}

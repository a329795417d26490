package dev.greenlight.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One line of the run history: enough to list, filter and pick runs without opening their files.
 *
 * @param sha     HEAD of the checkout ({@code git.sha}), or null outside a git repository
 * @param account the AWS account ({@code aws.account}), or null when AWS was not used
 * @param counts  results per status, every status present
 * @param kind    "full" (every item), "partial" (--only, one item or section), "diagnose"; null for runs
 *                kept before the kind was recorded
 * @param dirty   the working tree differed from HEAD; null when unknown
 * @param exitCode the run's exit code (only gating items count, a blocking NO DATA is 1); null for runs
 *                 kept before it was recorded, judged by their counts
 */
public record RunSummary(String runId, String checklistId, String checklistVersion, Instant startedAt, long durationMs,
                         String checkout, String sha, String account, String region, String stage,
                         Map<Status, Integer> counts, boolean cancelled, String kind, Boolean dirty, Integer exitCode) {

    public RunSummary(String runId, String checklistId, String checklistVersion, Instant startedAt, long durationMs,
                      String checkout, String sha, String account, String region, String stage,
                      Map<Status, Integer> counts, boolean cancelled, String kind, Boolean dirty) {
        this(runId, checklistId, checklistVersion, startedAt, durationMs, checkout, sha, account, region, stage, counts,
                cancelled, kind, dirty, null);
    }

    public static final String FULL = "full";

    public RunSummary {
        EnumMap<Status, Integer> c = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            c.put(s, counts.getOrDefault(s, 0));
        }
        counts = Collections.unmodifiableMap(c);
    }

    public static RunSummary of(String runId, RunReport r) {
        Map<String, String> ctx = r.context();
        return new RunSummary(runId, r.checklistId(), r.checklistVersion(), r.startedAt(), r.durationMs(),
                ctx.getOrDefault("checkout", r.checkout()), ctx.get("git.sha"), ctx.get("aws.account"),
                ctx.get("aws.region"), ctx.get("stage"), r.summary(), r.cancelled(), ctx.get("run.kind"),
                ctx.containsKey("git.dirty") ? Boolean.valueOf(ctx.get("git.dirty")) : null, r.exitCode());
    }

    /**
     * Nothing blocked (exit code 0: no gating FAIL, ERROR or blocking NO DATA), and the run was not
     * stopped half-way. Runs kept before the exit code was recorded: no FAIL, ERROR or NO DATA.
     */
    public boolean green() {
        if (cancelled) {
            return false;
        }
        return exitCode != null ? exitCode == 0
                : counts.get(Status.FAIL) == 0 && counts.get(Status.ERROR) == 0 && counts.get(Status.NO_DATA) == 0;
    }

    /**
     * Green, and a run of the whole checklist: a one-item run or an on-call diagnosis that passed
     * says nothing about the release. Runs kept before the kind was recorded do not count.
     */
    public boolean completeGreen() {
        return green() && FULL.equals(kind);
    }

    /** "full", "partial", "diagnose", or "unknown" for old runs. */
    public String kindLabel() {
        return kind == null ? "unknown" : kind;
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("runId", runId);
        o.put("checklistId", checklistId);
        o.put("checklistVersion", checklistVersion);
        o.put("startedAt", startedAt.toString());
        o.put("durationMs", durationMs);
        o.put("checkout", checkout);
        o.put("sha", sha);
        o.put("account", account);
        o.put("region", region);
        o.put("stage", stage);
        ObjectNode c = o.putObject("counts");
        counts.forEach((k, v) -> c.put(k.name(), v));
        o.put("cancelled", cancelled);
        o.put("green", green());
        if (exitCode != null) {
            o.put("exitCode", exitCode);
        }
        o.put("kind", kind);
        if (dirty != null) {
            o.put("dirty", dirty);
        }
        return o;
    }

    /** @throws IllegalArgumentException when the entry is not usable */
    static RunSummary fromJson(JsonNode o) {
        if (!o.hasNonNull("runId") || !o.hasNonNull("startedAt") || !o.path("counts").isObject()) {
            throw new IllegalArgumentException("index entry lacks runId, startedAt or counts");
        }
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        o.get("counts").fields().forEachRemaining(e -> counts.put(Status.valueOf(e.getKey()), e.getValue().asInt()));
        return new RunSummary(o.get("runId").asText(), text(o, "checklistId"), text(o, "checklistVersion"),
                Instant.parse(o.get("startedAt").asText()), o.path("durationMs").asLong(), text(o, "checkout"),
                text(o, "sha"), text(o, "account"), text(o, "region"), text(o, "stage"), counts,
                o.path("cancelled").asBoolean(false), text(o, "kind"),
                o.hasNonNull("dirty") ? o.get("dirty").asBoolean() : null,
                o.hasNonNull("exitCode") ? o.get("exitCode").asInt() : null);
    }

    private static String text(JsonNode o, String f) {
        return o.hasNonNull(f) ? o.get(f).asText() : null;
    }
}

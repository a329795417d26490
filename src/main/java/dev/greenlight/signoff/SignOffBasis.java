package dev.greenlight.signoff;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a person's sign-off was made over: the item's verdict at that moment, the checkout (HEAD and
 * whether the working tree differed from it), the checklist's variables, the AWS account and region,
 * and the checklist itself. A sign-off holds only while all of these are still what they were:
 * "I watched the deploy of 334fdc8 to dev" says nothing about 180f2f2 on prod.
 *
 * @param verdict       the machine's verdict the person signed over (MANUAL for a manual item)
 * @param gitSha        HEAD of the checkout, or null outside git
 * @param dirty         the working tree differed from HEAD
 * @param variables     the checklist's variables as set (stage …), before resolution
 * @param awsAccount    the account the run looked at, or null when AWS was not used
 * @param checklistHash {@link ChecklistFingerprint} of the checklist
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignOffBasis(String itemId, Status verdict, String verdictReason, String gitSha, boolean dirty,
                           Map<String, String> variables, String awsAccount, String awsRegion,
                           String checklistId, String checklistHash) {

    public SignOffBasis {
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(variables));
    }

    /**
     * The basis of a sign-off of one item now.
     *
     * @param overrides  variables set for this run (--var, the app's context bar) over the checklist's defaults
     * @param runContext the report context of the run whose facts hold now ({@code git.sha}, {@code git.dirty},
     *                   {@code aws.account}, {@code aws.region}); empty when nothing ran yet
     */
    public static SignOffBasis of(Checklist checklist, Map<String, String> overrides, Map<String, String> runContext,
                                  String itemId, Status verdict, String verdictReason) {
        Map<String, String> vars = new TreeMap<>(checklist.vars());
        vars.putAll(overrides);
        vars.remove("checkout"); // the session is per checkout already; the path differs between machines
        return new SignOffBasis(itemId, verdict, verdictReason, runContext.get("git.sha"),
                Boolean.parseBoolean(runContext.get("git.dirty")), vars, runContext.get("aws.account"),
                runContext.get("aws.region"), checklist.id(), ChecklistFingerprint.of(checklist));
    }

    /**
     * What changed from {@code this} (when it was signed) to {@code now}, one phrase each; empty when
     * nothing did. The checkout, variables and AWS target read "signed on 334fdc8 / stage=dev; now
     * 180f2f2 / stage=prod".
     */
    public List<String> changesTo(SignOffBasis now) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(checklistId, now.checklistId) || !Objects.equals(checklistHash, now.checklistHash)) {
            out.add("the checklist changed since");
        }
        List<String> then = new ArrayList<>();
        List<String> is = new ArrayList<>();
        boolean target = !Objects.equals(gitSha, now.gitSha) || dirty != now.dirty;
        Set<String> keys = new LinkedHashSet<>(variables.keySet());
        keys.addAll(now.variables.keySet());
        for (String k : keys) {
            String a = variables.getOrDefault(k, "");
            String b = now.variables.getOrDefault(k, "");
            if (!a.equals(b)) {
                then.add(k + "=" + show(a));
                is.add(k + "=" + show(b));
            }
        }
        boolean aws = !Objects.equals(awsAccount, now.awsAccount) || !Objects.equals(awsRegion, now.awsRegion);
        if (aws) {
            then.add(awsLabel(awsAccount, awsRegion));
            is.add(awsLabel(now.awsAccount, now.awsRegion));
        }
        if (target || !then.isEmpty()) {
            then.add(0, checkoutLabel(gitSha, dirty));
            is.add(0, checkoutLabel(now.gitSha, now.dirty));
            out.add("signed on " + String.join(" / ", then) + "; now " + String.join(" / ", is));
        }
        if (verdict != now.verdict || !Objects.equals(verdictReason, now.verdictReason)) {
            out.add("the verdict it was signed over changed (" + verdict + " then, " + now.verdict + " now: " + now.verdictReason + ")");
        }
        return out;
    }

    /** "334fdc8", "334fdc8 with uncommitted changes", "no git commit". */
    public static String checkoutLabel(String sha, boolean dirty) {
        String s = sha == null ? "no git commit" : sha.substring(0, Math.min(7, sha.length()));
        return dirty ? s + " with uncommitted changes" : s;
    }

    private static String awsLabel(String account, String region) {
        return (account == null ? "no AWS account" : "account " + account) + (region == null ? "" : " " + region);
    }

    private static String show(String v) {
        return v.isEmpty() ? "(not set)" : v;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("itemId", itemId);
        o.put("verdict", verdict == null ? null : verdict.name());
        o.put("verdictReason", verdictReason);
        o.put("gitSha", gitSha);
        o.put("dirty", dirty);
        ObjectNode v = o.putObject("variables");
        variables.forEach(v::put);
        o.put("awsAccount", awsAccount);
        o.put("awsRegion", awsRegion);
        o.put("checklistId", checklistId);
        o.put("checklistHash", checklistHash);
        return o;
    }

    /** Null for a node that is missing or null (a sign-off written before bases were recorded). */
    public static SignOffBasis fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            return null;
        }
        Map<String, String> vars = new TreeMap<>();
        o.path("variables").fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
        String verdict = text(o, "verdict");
        return new SignOffBasis(text(o, "itemId"), verdict == null ? null : Status.valueOf(verdict), text(o, "verdictReason"),
                text(o, "gitSha"), o.path("dirty").asBoolean(false), vars, text(o, "awsAccount"), text(o, "awsRegion"),
                text(o, "checklistId"), text(o, "checklistHash"));
    }

    private static String text(JsonNode o, String f) {
        return o.hasNonNull(f) ? o.get(f).asText() : null;
    }
}

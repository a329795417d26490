package dev.greenlight.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Status;
import dev.greenlight.report.GoNoGoRecord.RecordItem;
import dev.greenlight.signoff.SignOff;
import dev.greenlight.signoff.SignOffBasis;
import dev.greenlight.signoff.SignOffPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives a record's decision again from its own items and sign-offs and lists where the file
 * disagrees: a "GO" over a blocker, blockers that were dropped, a FAIL or ERROR shown as something
 * else, a DONE without a sign-off that holds over this record's commit, variables, account and
 * checklist. A hash recomputed by the recipe does not help an edit past these.
 */
public final class RecordCheck {
    private RecordCheck() {
    }

    /** Every disagreement, one sentence each; empty when the record is consistent. */
    public static List<String> problems(JsonNode tree) {
        GoNoGoRecord r = GoNoGoRecord.fromJson(tree);
        List<String> out = new ArrayList<>();
        String stated = tree.path("decision").asText();
        if (!stated.equals(r.decision())) {
            out.add("The record says " + stated + ", but its items give " + r.decision()
                    + (r.blockers().isEmpty() ? "." : ": " + String.join("; ", r.blockers())));
        }
        List<String> statedBlockers = new ArrayList<>();
        tree.path("blockers").forEach(b -> statedBlockers.add(b.asText()));
        if (!statedBlockers.equals(r.blockers())) {
            List<String> missing = new ArrayList<>(r.blockers());
            missing.removeAll(statedBlockers);
            out.add("The blockers listed are not those of the items" + (missing.isEmpty() ? "." : "; missing: " + String.join("; ", missing)));
        }
        for (RecordItem i : r.items()) {
            if ((i.verdictStatus() == Status.FAIL || i.verdictStatus() == Status.ERROR) && i.status() != i.verdictStatus()) {
                out.add(i.id() + ": a " + i.verdictStatus() + " is recorded as " + i.status() + "; nothing turns a red verdict green.");
            }
            if (i.status() != Status.DONE && i.status() != i.verdictStatus()) {
                out.add(i.id() + ": recorded as " + i.status() + " but the machine's verdict was " + i.verdictStatus() + ".");
            }
        }
        String schema = tree.path("schema").asText();
        if (GoNoGoRecord.SCHEMA.equals(schema) || GoNoGoRecord.SCHEMA_V2.equals(schema)) {
            out.addAll(signOffProblems(r));
        }
        return out;
    }

    private static List<String> signOffProblems(GoNoGoRecord r) {
        List<String> out = new ArrayList<>();
        for (RecordItem i : r.items()) {
            if (i.status() != Status.DONE) {
                continue;
            }
            SignOff s = r.signOffs().stream().filter(x -> x.itemId().equals(i.id())).reduce((a, b) -> b).orElse(null);
            if (s == null) {
                out.add(i.id() + ": DONE without a sign-off in the record.");
                continue;
            }
            if (s.note().isBlank()) {
                out.add(i.id() + ": signed off without a note.");
            }
            if (i.verdictStatus() != Status.MANUAL && i.verdictStatus() != Status.SKIP) {
                out.add(i.id() + ": a " + i.verdictStatus() + " cannot be signed off.");
                continue;
            }
            SignOffBasis now = new SignOffBasis(i.id(), i.verdictStatus(), i.verdictReason(), r.gitSha(), r.gitDirty(),
                    r.variables(), r.awsAccount(), r.awsRegion(), r.checklistId(), r.checklistHash());
            SignOffPolicy.Judgement j = SignOffPolicy.judge(s.basis(), now);
            if (!j.current()) {
                out.add(i.id() + ": DONE on a sign-off that does not hold for this record. " + j.reason());
            }
        }
        return out;
    }
}

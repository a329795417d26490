package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run reports made by hand for tests of what consumes them. */
public final class Reports {
    private Reports() {
    }

    public static ItemResult item(String id, Status status, String reason, String evidenceText) {
        Result r = Result.of(status, reason).expected("expected " + id).actual("actual " + id)
                .evidence(Evidence.at("subject " + id, "backend/" + id + ".txt", 7, evidenceText)).build();
        return new ItemResult(id, "s1", "Title of " + id, r, 5, null);
    }

    /** An item with what the checklist lets its verdict decide (gate, on-no-data, post-deploy). */
    public static ItemResult item(String id, Status status, String reason, ItemResult.Gating gating) {
        Result r = Result.of(status, reason).expected("expected " + id).actual("actual " + id).build();
        return new ItemResult(id, "s1", "Title of " + id, r, 5, null, gating);
    }

    /** The same run with some context facts changed ("run.kind" = "partial", "stage" = "prod" …). */
    public static RunReport with(RunReport r, String... keyValues) {
        Map<String, String> ctx = new LinkedHashMap<>(r.context());
        for (int i = 0; i < keyValues.length; i += 2) {
            ctx.put(keyValues[i], keyValues[i + 1]);
        }
        return new RunReport(r.checklistId(), r.checklistTitle(), r.checklistVersion(), r.checklistSource(), r.checkout(),
                r.startedAt(), r.durationMs(), ctx, r.results(), r.cancelled());
    }

    public static RunReport report(String checklistId, Instant started, String checkout, List<ItemResult> results) {
        Map<String, String> ctx = new LinkedHashMap<>();
        ctx.put("checkout", checkout);
        ctx.put("git.sha", "0123456789abcdef0123456789abcdef01234567");
        ctx.put("aws.account", "123456789012");
        ctx.put("aws.region", "us-east-1");
        ctx.put("stage", "dev");
        ctx.put("run.kind", "full");
        return new RunReport(checklistId, "Demo checklist", "3.3", "demo.yaml", checkout, started, 1234, ctx, results, false);
    }
}

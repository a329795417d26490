package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A step of a GitHub Actions workflow exists and passes the expected {@code with:} inputs.
 *
 * <pre>{@code
 * check:
 *   type: workflow-step
 *   file: .github/workflows/backend-deploy.yml
 *   job: build                       # optional
 *   step: Build and Push Final Lambda Image   # exact name; or/and:
 *   uses: docker/build-push-action   # any version; "@v5" pins it
 *   with:                            # exact values; booleans compare as true/false
 *     context: ./analemma-workflow-os/backend/src
 *     no-cache: true
 *   with-contains:                   # each substring in some line or comma-separated entry
 *     platforms: [linux/arm64]
 *     tags: ["backend-lambda-function:latest", "backend-lambda-function:${{ github.sha }}"]
 *   line-hint: 182
 * }</pre>
 *
 * <p>When {@code uses} alone matches several steps, the check holds if one of them has every
 * expected input; otherwise the closest one is reported. A step or input that is commented out
 * is absent. Entries of a multi-line input that start with {@code #} do not count.
 */
public final class WorkflowStepRunner implements Runner<WorkflowStepRunner.Spec> {

    public record Spec(@JsonProperty(required = true) String file, String job, String step, String uses,
                       Map<String, JsonNode> with, Map<String, List<String>> withContains) {
    }

    @Override
    public String type() {
        return "workflow-step";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        if (spec.step() == null && spec.uses() == null) {
            return List.of(new SpecProblem("step", "neither 'step' nor 'uses' says which step to check",
                    "add step: <the step's name> or uses: <owner/action>"));
        }
        return List.of();
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        if (!validate(spec).isEmpty()) {
            return Result.error("The check names no step: give 'step' or 'uses'.").build();
        }
        String wanted = describeExpected(spec);
        Workflow wf;
        try {
            wf = Workflow.load(ctx, spec.file());
        } catch (WorkspaceException e) {
            return e.toResult(wanted);
        }
        Workflow.Lookup lookup = wf.find(spec.job(), spec.step(), spec.uses());
        if (lookup.steps().isEmpty()) {
            return Result.fail(lookup.problem()).expected(wanted).actual(lookup.actual())
                    .evidence(Evidence.at("workflow", wf.file(), null, lookup.problem())).build();
        }
        WorkflowModel model;
        try {
            model = WorkflowModel.load(ctx, wf);
        } catch (WorkspaceException e) {
            return e.toResult(wanted);
        }
        List<Verdict> verdicts = lookup.steps().stream().map(s -> check(spec, wf, model, s)).toList();
        Verdict best = verdicts.stream().min(Comparator.comparingInt(v -> v.mismatches.size())).orElseThrow();
        Result.Builder r;
        if (best.mismatches.isEmpty()) {
            r = Result.pass(passReason(spec, wf, best.step));
        } else {
            r = Result.fail("Step " + best.step.label() + " in " + wf.file() + " "
                    + String.join("; ", best.mismatches) + ".");
        }
        r.expected(wanted).actual(best.actual.isEmpty() ? "step found at " + wf.file() + ":" + best.step.line()
                : String.join(", ", best.actual)).evidence(best.evidence);
        if (verdicts.size() > 1) {
            r.note(verdicts.size() + " steps match " + (spec.uses() != null ? "uses " + spec.uses() : "the name")
                    + "; " + (best.mismatches.isEmpty() ? "this one has every expected input"
                    : "none has every expected input, the closest is shown"));
        }
        r.note(LineDrift.note(ctx, wf.file(), best.hintLine, List.of(best.step.line())));
        return r.build();
    }

    private static String passReason(Spec spec, Workflow wf, Workflow.Step step) {
        int inputs = size(spec.with()) + size(spec.withContains());
        String where = " (" + wf.file() + ":" + step.line() + ")";
        return inputs == 0 ? "Step " + step.label() + " is in the workflow" + where + "."
                : "Step " + step.label() + where + " has the expected " + (inputs == 1 ? "input" : "inputs") + ".";
    }

    private static int size(Map<?, ?> m) {
        return m == null ? 0 : m.size();
    }

    /** The outcome for one candidate step. */
    private static final class Verdict {
        final Workflow.Step step;
        final List<String> mismatches = new ArrayList<>();
        final List<String> actual = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();
        int hintLine;

        Verdict(Workflow.Step step) {
            this.step = step;
            this.hintLine = step.line();
        }
    }

    private static Verdict check(Spec spec, Workflow wf, WorkflowModel model, Workflow.Step step) {
        Verdict v = new Verdict(step);
        WorkflowModel.StepEval eval = model.of(step);
        v.evidence.add(Evidence.at("step " + step.label(), wf.file(), step.line(), wf.lineText(step.line())));
        if (spec.with() != null) {
            spec.with().forEach((key, expected) -> checkExact(wf, eval, step, key, expected, v));
        }
        if (spec.withContains() != null) {
            spec.withContains().forEach((key, subs) -> checkContains(wf, eval, step, key, subs, v));
        }
        if (size(spec.with()) + size(spec.withContains()) == 1) {
            String key = spec.with() != null ? spec.with().keySet().iterator().next()
                    : spec.withContains().keySet().iterator().next();
            v.hintLine = wf.withLine(step, key);
        }
        return v;
    }

    private static void checkExact(Workflow wf, WorkflowModel.StepEval eval, Workflow.Step step, String key, JsonNode expected, Verdict v) {
        JsonNode actual = step.with() == null ? null : step.with().get(key);
        if (actual == null) {
            v.mismatches.add("does not set " + key);
            v.actual.add(key + " not set");
            return;
        }
        int line = wf.withLine(step, key);
        v.evidence.add(Evidence.at("with." + key, wf.file(), line, wf.lineText(line)));
        boolean same;
        String shown;
        if (expected != null && expected.isArray()) {
            List<String> want = new ArrayList<>();
            expected.forEach(e -> want.add(e.asText().strip()));
            List<String> have = entries(wf, step, key, actual, false).stream().map(Entry::text).toList();
            same = want.equals(have);
            shown = "[" + String.join(", ", have) + "]";
        } else {
            String want = scalar(expected);
            shown = actual.isArray() ? "[" + entries(wf, step, key, actual, false).stream().map(Entry::text)
                    .collect(Collectors.joining(", ")) + "]" : scalar(actual);
            same = !actual.isArray() && (want.equals(shown)
                    || ActionsExpressions.canonicalText(want).equals(eval.evaluate(shown)));
        }
        v.actual.add(key + ": " + shown);
        if (!same) {
            v.mismatches.add("sets " + key + " to " + shown + ", not " + render(expected) + " (line " + line + ")");
        }
    }

    private static void checkContains(Workflow wf, WorkflowModel.StepEval eval, Workflow.Step step, String key, List<String> subs, Verdict v) {
        JsonNode actual = step.with() == null ? null : step.with().get(key);
        if (actual == null) {
            v.mismatches.add("does not set " + key);
            v.actual.add(key + " not set");
            return;
        }
        List<Entry> entries = entries(wf, step, key, actual, true);
        v.actual.add(key + ": [" + entries.stream().map(Entry::text).collect(Collectors.joining(", ")) + "]");
        for (String sub : subs) {
            // as written, or as the runner substitutes it (${{ env.REPO }}:${{ github.sha }} is the repo's sha tag)
            // a * stands for any text: "repo:${{ steps.*.outputs.* }}" is a tag some step computes
            String canonical = ActionsExpressions.canonicalText(sub);
            java.util.function.Predicate<String> has = canonical.contains("*") ? glob(canonical).asPredicate() : t -> t.contains(canonical);
            Entry hit = entries.stream().filter(e -> e.text().contains(sub)
                    || has.test(ActionsExpressions.canonicalText(e.text()))
                    || has.test(eval.evaluate(e.text()))).findFirst().orElse(null);
            if (hit == null) {
                int line = wf.withLine(step, key);
                v.mismatches.add("has no " + key + " entry containing " + sub + " (line " + line + ")");
                v.evidence.add(Evidence.at("with." + key, wf.file(), line, wf.lineText(line)));
            } else {
                v.evidence.add(Evidence.at("with." + key + " contains " + sub, wf.file(), hit.line(), wf.lineText(hit.line())));
            }
        }
    }

    /** One entry of an input: a list item, or a line / comma-separated part of a string. */
    private record Entry(String text, int line) {
    }

    private static List<Entry> entries(Workflow wf, Workflow.Step step, String key, JsonNode value, boolean splitCommas) {
        List<Entry> out = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                addParts(out, value.get(i).asText(), wf.withItemLine(step, key, i), splitCommas);
            }
        } else if (value.isTextual()) {
            String[] lines = value.asText().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    addParts(out, lines[i], wf.withValueLine(step, key, i), splitCommas);
                }
            }
        } else {
            out.add(new Entry(value.asText(), wf.withLine(step, key)));
        }
        return out;
    }

    private static void addParts(List<Entry> out, String text, int line, boolean splitCommas) {
        String t = text.strip();
        // a "# tag" line inside a block scalar is text to YAML, but a commented-out entry to a person
        if (t.isEmpty() || t.startsWith("#")) {
            return;
        }
        for (String part : splitCommas ? t.split(",") : new String[]{t}) {
            if (!part.isBlank()) {
                out.add(new Entry(part.strip(), line));
            }
        }
    }

    private static java.util.regex.Pattern glob(String text) {
        StringBuilder re = new StringBuilder();
        for (String piece : text.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append("[^\\s]*");
            }
            re.append(java.util.regex.Pattern.quote(piece));
        }
        return java.util.regex.Pattern.compile(re.toString());
    }

    private static String scalar(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText().strip();
    }

    private static String render(JsonNode n) {
        if (n != null && n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(e -> items.add(e.asText()));
            return "[" + String.join(", ", items) + "]";
        }
        return scalar(n);
    }

    private static String describeExpected(Spec spec) {
        List<String> parts = new ArrayList<>();
        parts.add(spec.step() != null ? "step '" + spec.step() + "'" : "a step using " + spec.uses());
        if (spec.step() != null && spec.uses() != null) {
            parts.set(0, parts.get(0) + " using " + spec.uses());
        }
        if (spec.with() != null) {
            spec.with().forEach((k, e) -> parts.add(k + ": " + render(e)));
        }
        if (spec.withContains() != null) {
            spec.withContains().forEach((k, subs) -> parts.add(k + " contains " + String.join(", ", subs)));
        }
        return String.join(", ", parts);
    }
}

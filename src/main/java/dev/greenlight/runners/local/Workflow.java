package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Names;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.SourceFile;
import dev.greenlight.engine.WorkspaceException;
import dev.greenlight.yaml.LocatedTree;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A GitHub Actions workflow as its jobs and steps, with the file line of every step, every
 * {@code with:} input and every line of a {@code run:} script. Read once per run through the
 * workspace, so every item about the same workflow shares one parse.
 *
 * <p>YAML comments are gone after parsing, so a step or input that is commented out is simply
 * absent, which is the point: a commented-out line is not a match.
 */
final class Workflow {
    private final SourceFile source;
    private final LocatedTree tree;
    private final List<Job> jobs;

    /** A job of the workflow, in file order. */
    record Job(String id, int line, List<Step> steps) {
    }

    /**
     * One step.
     *
     * @param name    the {@code name:}, or null when the step has none
     * @param with    the {@code with:} mapping, or null
     * @param run     the {@code run:} script, or null
     * @param pointer the JSON pointer of the step, for locating its keys
     */
    record Step(String job, int index, String name, String uses, JsonNode with, String run, int line, String pointer) {

        /** How a person recognises the step: its name, else what it uses or runs. */
        String label() {
            if (name != null) {
                return "'" + name + "'";
            }
            if (uses != null) {
                return "#" + (index + 1) + " of job " + job + " (uses " + uses + ")";
            }
            return "#" + (index + 1) + " of job " + job;
        }
    }

    private Workflow(SourceFile source, LocatedTree tree) {
        this.source = source;
        this.tree = tree;
        this.jobs = readJobs();
    }

    /** The workflow file, parsed once per run. */
    static Workflow load(RunContext ctx, String file) throws WorkspaceException {
        return ctx.workspace().parsed(file, "github-workflow",
                f -> new Workflow(f, ctx.workspace().yaml(file)));
    }

    String file() {
        return source.relPath();
    }

    SourceFile source() {
        return source;
    }

    LocatedTree tree() {
        return tree;
    }

    List<Job> jobs() {
        return jobs;
    }

    /** True when the file has a {@code jobs:} mapping at all. */
    boolean hasJobs() {
        return tree.root().path("jobs").isObject();
    }

    String lineText(int line) {
        return source.line(line).strip();
    }

    /** The line of a {@code with:} input of a step, or the step's line when it has none. */
    int withLine(Step step, String key) {
        return tree.locate(step.pointer() + "/with/" + LocatedTree.segment(key))
                .map(l -> l.line()).orElse(step.line());
    }

    /** The line of the i-th item of a {@code with:} input written as a YAML list. */
    int withItemLine(Step step, String key, int index) {
        return tree.locate(step.pointer() + "/with/" + LocatedTree.segment(key) + "/" + index)
                .map(l -> l.line()).orElse(withLine(step, key));
    }

    /** The line of a step's {@code run:} key. */
    int runLine(Step step) {
        return tree.locate(step.pointer() + "/run").map(l -> l.line()).orElse(step.line());
    }

    /** The file line of line {@code offset} (0-based) of the step's run script. */
    int scriptLine(Step step, int offset) {
        String run = step.run() == null ? "" : step.run();
        int at = 0;
        for (int k = 0; k < offset && at >= 0; k++) {
            at = run.indexOf('\n', at);
            at = at < 0 ? -1 : at + 1;
        }
        if (at < 0) {
            return runLine(step);
        }
        while (at < run.length() && (run.charAt(at) == ' ' || run.charAt(at) == '\t')) {
            at++;
        }
        return scriptChars(step).applyAsInt(at);
    }

    /**
     * Maps each character of a step's script to its file line, whatever YAML style holds it
     * (literal, folded, plain or quoted): the script's characters are found in order in the file
     * after the {@code run:} key. Blanks a folded style invents map to the line of the character
     * before them.
     */
    java.util.function.IntUnaryOperator scriptChars(Step step) {
        return scriptMaps.computeIfAbsent(step.pointer(), p -> mapScript(step));
    }

    private final java.util.Map<String, java.util.function.IntUnaryOperator> scriptMaps = new java.util.concurrent.ConcurrentHashMap<>();

    private java.util.function.IntUnaryOperator mapScript(Step step) {
        String text = source.text();
        String script = step.run() == null ? "" : step.run();
        int keyLine = runLine(step);
        int[] starts = lineStarts(text);
        int pos = keyLine - 1 < starts.length ? starts[keyLine - 1] : text.length();
        int key = text.indexOf("run:", pos);
        pos = key < 0 ? pos : key + 4;
        int[] lines = new int[script.length() + 1];
        int current = keyLine;
        for (int k = 0; k < script.length(); k++) {
            char c = script.charAt(k);
            if (!Character.isWhitespace(c)) {
                int limit = Math.min(text.length(), pos + 400);
                for (int j = pos; j < limit; j++) {
                    if (text.charAt(j) == c) {
                        pos = j + 1;
                        current = lineAt(starts, j);
                        break;
                    }
                }
            }
            lines[k] = current;
        }
        lines[script.length()] = current;
        return offset -> lines[Math.max(0, Math.min(offset, lines.length - 1))];
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                starts.add(k + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineAt(int[] starts, int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** The file line of line {@code offset} of a multi-line {@code with:} input. */
    int withValueLine(Step step, String key, int offset) {
        JsonNode v = step.with() == null ? null : step.with().get(key);
        return valueLine(withLine(step, key), key, offset, v == null ? "" : lineOf(v.asText(), offset));
    }

    /**
     * Where line {@code offset} of a scalar value sits in the file. A literal block ({@code |})
     * keeps one value line per file line, so it is the key's line + 1 + offset; other styles
     * (plain, quoted, folded) fold lines, so the text is searched for below the key.
     */
    private int valueLine(int keyLine, String key, int offset, String text) {
        String keyText = source.line(keyLine);
        int at = keyText.indexOf(key + ":");
        String rest = at < 0 ? "" : keyText.substring(at + key.length() + 1).strip();
        if (rest.startsWith("|")) {
            return keyLine + 1 + offset;
        }
        if (offset == 0 && !rest.isEmpty() && !rest.startsWith(">")) {
            return keyLine;
        }
        String wanted = text.strip();
        if (!wanted.isEmpty()) {
            for (int l = keyLine; l <= source.lines().size() && l <= keyLine + 2000; l++) {
                if (source.line(l).contains(wanted)) {
                    return l;
                }
            }
        }
        return keyLine;
    }

    private static String lineOf(String text, int offset) {
        if (text == null) {
            return "";
        }
        String[] lines = text.split("\n", -1);
        return offset >= 0 && offset < lines.length ? lines[offset] : "";
    }

    /**
     * The steps an item means, or why there are none.
     *
     * @param problem one sentence for a FAIL when {@code steps} is empty
     * @param actual  what the workflow has instead (job ids, step names, used actions)
     */
    record Lookup(List<Step> steps, String problem, String actual) {
    }

    /**
     * Steps by job (optional), exact step name (optional) and {@code uses} (optional, matches any
     * version: {@code docker/build-push-action} finds {@code docker/build-push-action@v5}).
     * With neither name nor uses, every step in scope.
     */
    Lookup find(String job, String stepName, String uses) {
        if (!hasJobs()) {
            return new Lookup(List.of(), file() + " has no jobs: mapping, so it is not a GitHub Actions workflow.", "no jobs");
        }
        List<Job> scope = jobs;
        if (job != null) {
            scope = jobs.stream().filter(j -> j.id().equals(job)).toList();
            if (scope.isEmpty()) {
                List<String> ids = jobs.stream().map(Job::id).toList();
                return new Lookup(List.of(), "Job '" + job + "' is not in " + file() + suffix(Names.didYouMean(job, ids)),
                        "jobs: " + String.join(", ", ids));
            }
        }
        List<Step> inScope = scope.stream().flatMap(j -> j.steps().stream()).toList();
        String where = file() + (job == null ? "" : " (job " + job + ")");
        List<Step> found = inScope;
        if (stepName != null) {
            found = found.stream().filter(s -> stepName.equals(s.name())).toList();
            if (found.isEmpty()) {
                List<String> names = inScope.stream().map(Step::name).filter(n -> n != null).toList();
                return new Lookup(List.of(), "No step named '" + stepName + "' in " + where
                        + suffix(Names.didYouMean(stepName, names)),
                        names.isEmpty() ? "no named steps" : "steps: " + String.join(", ", names));
            }
        }
        if (uses != null) {
            List<Step> byUses = found.stream().filter(s -> usesMatches(s.uses(), uses)).toList();
            if (byUses.isEmpty()) {
                List<String> used = found.stream().map(Step::uses).filter(u -> u != null).distinct().toList();
                String subject = stepName == null ? "No step in " + where : "Step '" + stepName + "' in " + where;
                return new Lookup(List.of(), subject + " uses " + uses + ".",
                        used.isEmpty() ? "no step uses an action" : "uses: " + String.join(", ", used));
            }
            found = byUses;
        }
        return new Lookup(found, null, null);
    }

    private static boolean usesMatches(String actual, String wanted) {
        if (actual == null) {
            return false;
        }
        // "owner/action" means any version; "owner/action@v5" also accepts "@v5.1.0"
        return actual.equals(wanted) || actual.startsWith(wanted + "@")
                || (wanted.contains("@") && actual.startsWith(wanted + "."));
    }

    private static String suffix(String didYouMean) {
        return didYouMean == null ? "." : "; " + didYouMean;
    }

    private List<Job> readJobs() {
        List<Job> out = new ArrayList<>();
        JsonNode jobsNode = tree.root().path("jobs");
        if (!jobsNode.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = jobsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String jobPointer = "/jobs/" + LocatedTree.segment(e.getKey());
            List<Step> steps = new ArrayList<>();
            JsonNode stepsNode = e.getValue().path("steps");
            for (int i = 0; i < stepsNode.size(); i++) {
                JsonNode s = stepsNode.get(i);
                if (!s.isObject()) {
                    continue;
                }
                String pointer = jobPointer + "/steps/" + i;
                steps.add(new Step(e.getKey(), i, text(s.get("name")), text(s.get("uses")),
                        s.get("with") != null && s.get("with").isObject() ? s.get("with") : null,
                        text(s.get("run")), tree.nearest(pointer).line(), pointer));
            }
            out.add(new Job(e.getKey(), tree.nearest(jobPointer).line(), List.copyOf(steps)));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }
}

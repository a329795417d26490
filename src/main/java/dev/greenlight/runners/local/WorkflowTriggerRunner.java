package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;
import dev.greenlight.yaml.LocatedTree;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A workflow starts on the event a deploy procedure relies on, as GitHub decides it: the
 * {@code on:} event (string, list or mapping form), its {@code branches}/{@code branches-ignore}
 * filter, its {@code paths}/{@code paths-ignore} filter matched against files a change would
 * touch (GitHub's glob rules: {@code *} stops at {@code /}, {@code **} does not, a {@code !}
 * pattern excludes), and the workflow's {@code name:} as the Actions tab lists it.
 *
 * <pre>{@code
 * check:
 *   type: workflow-trigger
 *   file: .github/workflows/backend-deploy.yml
 *   event: push                        # or workflow_dispatch, pull_request, …
 *   branch: main                       # optional: a push to this branch starts it
 *   changed: [backend/template.yaml]   # optional: a change to each of these starts it
 *   name: Backend Deploy               # optional: the name a person picks in the Actions tab
 * }</pre>
 */
public final class WorkflowTriggerRunner implements Runner<WorkflowTriggerRunner.Spec> {

    public record Spec(@JsonProperty(required = true) String file, @JsonProperty(required = true) String event,
                       String branch, List<String> changed, String name) {
    }

    @Override
    public String type() {
        return "workflow-trigger";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        String expected = describe(spec);
        Workflow wf;
        try {
            wf = Workflow.load(ctx, spec.file());
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        LocatedTree tree = wf.tree();
        JsonNode root = tree.root();
        // YAML 1.1 readers may turn the key "on" into the boolean true
        JsonNode on = root.has("on") ? root.get("on") : root.get("true");
        String onPtr = root.has("on") ? "/on" : "/true";
        List<String> problems = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        int onLine = tree.nearest(onPtr).line();
        if (spec.name() != null) {
            String name = root.path("name").asText(null);
            int line = tree.nearest("/name").line();
            if (name == null && spec.name().equals(spec.file())) {
                // what the person asked for is exactly what GitHub shows for an unnamed workflow
                facts.add("has no name:, so the Actions tab lists it as " + spec.file());
            } else if (name == null) {
                problems.add("the workflow has no name:, so the Actions tab lists it as " + spec.file());
            } else if (!name.equals(spec.name())) {
                problems.add("the workflow is named '" + name + "' (line " + line + "), not '" + spec.name() + "'");
                evidence.add(Evidence.at("name", wf.file(), line, wf.lineText(line)));
            } else {
                facts.add("named '" + name + "'");
                evidence.add(Evidence.at("name", wf.file(), line, wf.lineText(line)));
            }
        }
        JsonNode event = eventNode(on, spec.event());
        if (event == null) {
            problems.add("'on:' (line " + onLine + ") has no " + spec.event() + " event");
            evidence.add(Evidence.at("on", wf.file(), onLine, wf.lineText(onLine)));
        } else {
            String evPtr = on.isObject() ? onPtr + "/" + LocatedTree.segment(spec.event()) : onPtr;
            int evLine = tree.nearest(evPtr).line();
            evidence.add(Evidence.at("on." + spec.event(), wf.file(), evLine, wf.lineText(evLine)));
            facts.add("starts on " + spec.event());
            if (spec.branch() != null) {
                filter(event, "branches", "branches-ignore", List.of(spec.branch()), "a " + spec.event() + " to",
                        wf, tree, evPtr, problems, evidence, facts);
            }
            if (spec.changed() != null && !spec.changed().isEmpty()) {
                filter(event, "paths", "paths-ignore", spec.changed(), "a change to", wf, tree, evPtr, problems, evidence, facts);
            }
        }
        if (!problems.isEmpty()) {
            return Result.fail(wf.file() + ": " + String.join("; ", problems) + ".").expected(expected)
                    .actual(String.join("; ", facts.isEmpty() ? List.of("no such trigger") : facts)).evidence(evidence).build();
        }
        return Result.pass(wf.file() + " " + String.join(", ", facts) + ".").expected(expected).actual(String.join("; ", facts))
                .evidence(evidence).build();
    }

    /** The event's settings ({@code {}} when it has none), or null when the workflow does not listen to it. */
    private static JsonNode eventNode(JsonNode on, String event) {
        if (on == null) {
            return null;
        }
        if (on.isTextual()) {
            return on.asText().equals(event) ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : null;
        }
        if (on.isArray()) {
            for (JsonNode e : on) {
                if (e.asText().equals(event)) {
                    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                }
            }
            return null;
        }
        if (on.isObject() && on.has(event)) {
            JsonNode n = on.get(event);
            return n.isObject() ? n : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return null;
    }

    /**
     * GitHub's include/ignore filter: with an include list, a value must match a pattern (the last
     * matching pattern wins, a {@code !} one excludes); with an ignore list, it must match none.
     */
    private static void filter(JsonNode event, String include, String ignore, List<String> values, String what, Workflow wf,
                               LocatedTree tree, String evPtr, List<String> problems, List<Evidence> evidence, List<String> facts) {
        JsonNode inc = event.get(include);
        JsonNode exc = event.get(ignore);
        for (String value : values) {
            if (inc != null) {
                Boolean in = null;
                int line = tree.nearest(evPtr + "/" + include).line();
                for (int i = 0; i < list(inc).size(); i++) {
                    String pattern = list(inc).get(i);
                    boolean negated = pattern.startsWith("!");
                    if (glob(negated ? pattern.substring(1) : pattern).matcher(value).matches()) {
                        in = !negated;
                        line = tree.nearest(evPtr + "/" + include + (inc.isArray() ? "/" + i : "")).line();
                    }
                }
                if (in == null || !in) {
                    problems.add(what + " " + value + " does not start it: no pattern of " + include + " (line "
                            + tree.nearest(evPtr + "/" + include).line() + ") matches it" + (in == null ? "" : " (a ! pattern excludes it)"));
                    evidence.add(Evidence.at(include, wf.file(), line, wf.lineText(line)));
                } else {
                    facts.add(what + " " + value + " matches " + include + " at line " + line);
                    evidence.add(Evidence.at(include + " matches " + value, wf.file(), line, wf.lineText(line)));
                }
            } else if (exc != null) {
                for (int i = 0; i < list(exc).size(); i++) {
                    if (glob(list(exc).get(i)).matcher(value).matches()) {
                        int line = tree.nearest(evPtr + "/" + ignore + (exc.isArray() ? "/" + i : "")).line();
                        problems.add(what + " " + value + " is ignored by " + ignore + " '" + list(exc).get(i) + "' (line " + line + ")");
                        evidence.add(Evidence.at(ignore, wf.file(), line, wf.lineText(line)));
                    }
                }
            } else if (include.equals("branches") && (event.has("tags") || event.has("tags-ignore"))) {
                // GitHub: a filter on tags alone means pushes to branches do not run the workflow
                String tagKey = event.has("tags") ? "tags" : "tags-ignore";
                int line = tree.nearest(evPtr + "/" + tagKey).line();
                problems.add(what + " " + value + " does not start it: the filter names only " + tagKey + " (line " + line
                        + "), and GitHub then runs it for tag pushes only");
                evidence.add(Evidence.at(tagKey, wf.file(), line, wf.lineText(line)));
            } else {
                facts.add("for any " + (include.equals("paths") ? "path" : "branch"));
            }
        }
    }

    private static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        } else if (!n.isNull()) {
            out.add(n.asText());
        }
        return out;
    }

    /** GitHub's filter patterns: {@code **} any characters, {@code *} any but {@code /}, {@code ?} one, {@code +} one or more. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                    // "a/**/b" also matches "a/b"
                    re.append("/?");
                    i++;
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append(".");
            } else if (c == '+' && i > 0) {
                re.append("+");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static String describe(Spec spec) {
        StringBuilder b = new StringBuilder("on: " + spec.event());
        if (spec.branch() != null) {
            b.append(" to ").append(spec.branch());
        }
        if (spec.changed() != null && !spec.changed().isEmpty()) {
            b.append(" changing ").append(String.join(", ", spec.changed()));
        }
        if (spec.name() != null) {
            b.append("; workflow named '").append(spec.name()).append("'");
        }
        return b.toString();
    }
}

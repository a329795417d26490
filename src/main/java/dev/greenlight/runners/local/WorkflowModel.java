package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.WorkspaceException;
import dev.greenlight.yaml.LocatedTree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * A workflow evaluated the way the Actions runner and the shell would, step by step: the
 * environment each step sees (workflow, job and step {@code env:}, {@code ${{ env.X }}}, lines an
 * earlier step wrote to {@code $GITHUB_ENV}), its {@code with:} inputs with expressions
 * substituted, and the commands its {@code run:} script — and the scripts of the repository it
 * calls — would run, with every argument as a {@link Val} that knows where it came from.
 * Evaluated once per run and shared by every item about the same workflow.
 */
final class WorkflowModel {
    private final Workflow workflow;
    private final Map<Workflow.Step, StepEval> steps = new IdentityHashMap<>();

    /**
     * One step, evaluated.
     *
     * @param env          the environment its script starts with
     * @param invocations  the commands its script (and the scripts it calls) would run
     * @param with         its {@code with:} inputs, expressions substituted
     * @param workingDir   where its script runs, relative to the checkout root
     * @param notes        what a person should know about reading it (a called script that is missing …)
     */
    record StepEval(Workflow.Step step, Map<String, ShellEval.Binding> env, List<ShellEval.Invocation> invocations,
                    Map<String, Val> with, String workingDir, List<String> notes, ActionsExpressions.Scope scope) {
        /** A text of this step with its {@code ${{ … }}} substituted as the runner would, symbols canonical. */
        String evaluate(String text) {
            return ActionsExpressions.evaluate(text, scope, null).render();
        }
    }

    private WorkflowModel(Workflow workflow, ShellEval.Files files) {
        this.workflow = workflow;
        for (Workflow.Job job : workflow.jobs()) {
            evaluateJob(job, files);
        }
    }

    static WorkflowModel load(RunContext ctx, Workflow wf) throws WorkspaceException {
        ShellEval.Files files = path -> {
            try {
                return ctx.workspace().read(path).text();
            } catch (WorkspaceException | RuntimeException e) {
                return null;
            }
        };
        return ctx.workspace().parsed(wf.file(), "github-workflow-model", f -> new WorkflowModel(wf, files));
    }

    StepEval of(Workflow.Step step) {
        return steps.get(step);
    }

    private void evaluateJob(Workflow.Job job, ShellEval.Files files) {
        LocatedTree tree = workflow.tree();
        String jobPtr = "/jobs/" + LocatedTree.segment(job.id());
        Map<String, ShellEval.Binding> workflowEnv = envBlock("", "workflow env", Map.of(), Map.of());
        Map<String, ShellEval.Binding> jobEnv = new LinkedHashMap<>(workflowEnv);
        jobEnv.putAll(envBlock(jobPtr, "job env", workflowEnv, Map.of()));
        Map<String, Map<String, Val>> outputs = new HashMap<>();
        String defaultDir = firstText(tree.root().at(jobPtr + "/defaults/run/working-directory"),
                tree.root().at("/defaults/run/working-directory"));
        String defaultShell = firstText(tree.root().at(jobPtr + "/defaults/run/shell"), tree.root().at("/defaults/run/shell"));
        for (Workflow.Step step : job.steps()) {
            Map<String, ShellEval.Binding> env = new LinkedHashMap<>(jobEnv);
            env.putAll(envBlock(step.pointer(), "step env", jobEnv, outputs));
            ActionsExpressions.Scope scope = scope(env, outputs);
            Map<String, Val> with = new LinkedHashMap<>();
            if (step.with() != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = step.with().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    int line = workflow.withLine(step, e.getKey());
                    with.put(e.getKey(), ActionsExpressions.evaluate(e.getValue().asText(), scope,
                            new Val.Hop("with " + e.getKey(), workflow.file(), line)));
                }
            }
            JsonNode stepNode = tree.root().at(step.pointer());
            String dir = firstText(stepNode.path("working-directory"), null);
            dir = normalizeDir(ActionsExpressions.evaluate(dir != null ? dir : defaultDir, scope,
                    new Val.Hop("working-directory", workflow.file(), step.line())).render());
            String shell = firstText(stepNode.path("shell"), null);
            shell = shell != null ? shell : defaultShell;
            List<String> notes = new ArrayList<>();
            List<ShellEval.Invocation> invocations = List.of();
            if (step.run() != null && (shell == null || shell.startsWith("bash") || shell.startsWith("sh"))) {
                ShellEval eval = new ShellEval(files, env, dir, scope);
                IntUnaryOperator lineOf = workflow.scriptChars(step);
                eval.run(new ShellEval.Source(workflow.file(), step.run(), lineOf), List.of(), List.of(), null, 0);
                invocations = List.copyOf(eval.invocations());
                notes.addAll(eval.notes());
                for (ShellEval.Written w : eval.envWrites()) {
                    Val v = w.condition() == null ? w.value() : w.value().when(w.condition());
                    jobEnv.put(w.name(), new ShellEval.Binding(v, null, true,
                            new Val.Hop("$GITHUB_ENV " + w.name() + " (written by step " + step.label() + ")", w.hop().file(), w.hop().line())));
                }
                String id = firstText(stepNode.path("id"), null);
                if (id != null) {
                    Map<String, Val> out = outputs.computeIfAbsent(id, k -> new LinkedHashMap<>());
                    eval.outputWrites().forEach(w -> out.put(w.name(), w.value()));
                }
            } else if (step.run() != null) {
                notes.add("step " + step.label() + " runs its script with shell '" + shell + "', which is not read");
            }
            steps.put(step, new StepEval(step, Collections.unmodifiableMap(env), invocations, Collections.unmodifiableMap(with),
                    dir, List.copyOf(notes), scope));
        }
    }

    private static ActionsExpressions.Scope scope(Map<String, ShellEval.Binding> env, Map<String, Map<String, Val>> outputs) {
        return new ActionsExpressions.Scope(
                name -> {
                    ShellEval.Binding b = env.get(name);
                    return b == null ? null : b.scalar().via(b.hop());
                },
                (id, name) -> outputs.getOrDefault(id, Map.of()).get(name));
    }

    /** An {@code env:} mapping at {@code ptr}, each value evaluated with the env and outputs around it. */
    private Map<String, ShellEval.Binding> envBlock(String ptr, String what, Map<String, ShellEval.Binding> outer,
                                                    Map<String, Map<String, Val>> outputs) {
        Map<String, ShellEval.Binding> out = new LinkedHashMap<>();
        JsonNode env = workflow.tree().root().at(ptr + "/env");
        if (!env.isObject()) {
            return out;
        }
        ActionsExpressions.Scope scope = scope(outer, outputs);
        for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode()) {
                continue;
            }
            int line = workflow.tree().nearest(ptr + "/env/" + LocatedTree.segment(e.getKey())).line();
            Val.Hop hop = new Val.Hop(what + " " + e.getKey(), workflow.file(), line);
            Val v = ActionsExpressions.evaluate(e.getValue().asText(), scope, new Val.Hop("", workflow.file(), line));
            out.put(e.getKey(), new ShellEval.Binding(v, null, true, hop));
        }
        return out;
    }

    private static String firstText(JsonNode a, JsonNode b) {
        if (a != null && a.isValueNode() && !a.isNull()) {
            return a.asText();
        }
        return b != null && b.isValueNode() && !b.isNull() ? b.asText() : null;
    }

    private static String normalizeDir(String dir) {
        if (dir == null || dir.isBlank() || dir.equals(".") || dir.equals("./")) {
            return "";
        }
        String d = dir.strip().replace('\\', '/');
        while (d.startsWith("./")) {
            d = d.substring(2);
        }
        return d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
    }
}

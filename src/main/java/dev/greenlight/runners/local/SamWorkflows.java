package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.WorkspaceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code sam} and image-building commands of a checkout's GitHub Actions workflows, as the
 * runner and the shell would run them ({@link WorkflowModel}): which template each {@code sam build}
 * and {@code sam deploy} works on (its {@code -t}/{@code --template-file}, samconfig.toml's
 * {@code template_file}, else the template beside where it runs; a deploy of {@code .aws-sam/build}
 * deploys what the build before it built), the stack it deploys, and the image builds with their
 * platforms. Values only the run knows are left unknown (null), never guessed.
 */
public final class SamWorkflows {
    private static final Set<String> PREFIXES = Set.of("sudo", "time", "exec", "command", "nohup", "env");

    /** One {@code sam <command>} call. */
    public record SamCall(String workflow, String job, String stepName, String command, String template, String stackName,
                          String file, int line) {
    }

    /** One image build: {@code docker/build-push-action} or {@code docker build}. */
    public record ImageBuild(String workflow, String job, String stepName, String uses, String dockerfile, String context,
                             String platforms, boolean tagsCommitSha, int line) {
    }

    private final List<String> files;
    private final List<SamCall> calls;
    private final List<ImageBuild> images;

    private SamWorkflows(List<String> files, List<SamCall> calls, List<ImageBuild> images) {
        this.files = files;
        this.calls = calls;
        this.images = images;
    }

    /** The workflow files, checkout-relative. */
    public List<String> files() {
        return files;
    }

    public List<SamCall> calls() {
        return calls;
    }

    public List<ImageBuild> images() {
        return images;
    }

    /** The calls of one command ("build", "deploy") that work on the template. */
    public List<SamCall> calls(String command, String template) {
        return calls.stream().filter(c -> c.command().equals(command) && template.equals(c.template())).toList();
    }

    Set<String> templateFiles() {
        Set<String> out = new LinkedHashSet<>();
        calls.stream().map(SamCall::template).filter(t -> t != null).forEach(out::add);
        return out;
    }

    static SamWorkflows read(RunContext ctx, List<String> notes) {
        List<String> files = new ArrayList<>();
        Path dir = ctx.workspace().root().resolve(".github/workflows");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted()
                        .forEach(p -> files.add(".github/workflows/" + p.getFileName()));
            } catch (IOException e) {
                notes.add(".github/workflows could not be listed: " + e.getMessage());
            }
        }
        List<SamCall> calls = new ArrayList<>();
        List<ImageBuild> images = new ArrayList<>();
        for (String file : files) {
            try {
                Workflow wf = Workflow.load(ctx, file);
                WorkflowModel model = WorkflowModel.load(ctx, wf);
                String builtInWorkflow = null;
                for (Workflow.Job job : wf.jobs()) {
                    String lastBuilt = null;
                    for (Workflow.Step step : job.steps()) {
                        WorkflowModel.StepEval eval = model.of(step);
                        if (eval == null) {
                            continue;
                        }
                        ImageBuild action = buildPushAction(wf, job, step, eval);
                        if (action != null) {
                            images.add(action);
                        }
                        for (ShellEval.Invocation inv : eval.invocations()) {
                            List<String> texts = inv.texts();
                            int k = 0;
                            while (k < texts.size() && PREFIXES.contains(texts.get(k))) {
                                k++;
                            }
                            if (texts.size() - k >= 2 && texts.get(k).equals("sam")) {
                                String command = texts.get(k + 1);
                                List<ShellEval.Arg> args = inv.args().subList(k + 2, inv.args().size());
                                String template = template(ctx, inv, command, args);
                                if ((command.equals("build") || command.equals("package")) && template != null) {
                                    lastBuilt = template;
                                    builtInWorkflow = template;
                                }
                                if (command.equals("deploy") && template == null) {
                                    // sam deploy of .aws-sam/build, or of what an earlier job packaged
                                    template = lastBuilt != null ? lastBuilt : builtInWorkflow;
                                }
                                String stack = known(optionValue(ctx, inv, command, args, "--stack-name"));
                                calls.add(new SamCall(file, job.id(), step.name(), command, template, stack, inv.file(), inv.line()));
                            } else if (texts.size() - k >= 2 && texts.get(k).equals("docker")
                                    && (texts.get(k + 1).equals("build") || texts.size() - k >= 3
                                    && texts.get(k + 1).equals("buildx") && texts.get(k + 2).equals("build"))) {
                                images.add(dockerBuild(file, job, step, inv, k));
                            }
                        }
                    }
                }
            } catch (WorkspaceException | RuntimeException e) {
                notes.add(file + " could not be read as a workflow: " + e.getMessage());
            }
        }
        return new SamWorkflows(List.copyOf(files), List.copyOf(calls), List.copyOf(images));
    }

    private static ImageBuild buildPushAction(Workflow wf, Workflow.Job job, Workflow.Step step, WorkflowModel.StepEval eval) {
        if (step.uses() == null || !step.uses().startsWith("docker/build-push-action")) {
            return null;
        }
        String context = known(eval.with().get("context"));
        String file = known(eval.with().get("file"));
        Val tags = eval.with().get("tags");
        boolean sha = tags != null && mentionsSha(tags.render());
        String platforms = eval.with().containsKey("platforms") ? eval.with().get("platforms").render() : null;
        String ctxDir = context == null ? "" : PathText.normalise(context, false);
        String dockerfile = file != null ? PathText.normalise(file, false)
                : (ctxDir.isEmpty() || ctxDir.equals(".") ? "" : ctxDir + "/") + "Dockerfile";
        return new ImageBuild(wf.file(), job.id(), step.name(), step.uses(), dockerfile, ctxDir, platforms, sha, step.line());
    }

    private static ImageBuild dockerBuild(String file, Workflow.Job job, Workflow.Step step, ShellEval.Invocation inv, int k) {
        List<ShellEval.Arg> args = inv.args();
        String dockerfile = null;
        String platforms = null;
        boolean sha = false;
        String context = null;
        String cwd = inv.cwd() == null || inv.cwd().isEmpty() ? "" : inv.cwd() + "/";
        for (int i = k + 2; i < args.size(); i++) {
            String t = args.get(i).text();
            String next = i + 1 < args.size() ? args.get(i + 1).text() : null;
            if ((t.equals("-f") || t.equals("--file")) && next != null) {
                dockerfile = args.get(++i).value().hasSymbols() ? null : next;
            } else if (t.startsWith("--file=")) {
                dockerfile = t.substring(7);
            } else if (t.equals("--platform") && next != null) {
                platforms = next;
                i++;
            } else if (t.startsWith("--platform=")) {
                platforms = t.substring(11);
            } else if ((t.equals("-t") || t.equals("--tag")) && next != null) {
                sha |= mentionsSha(next);
                i++;
            } else if (!t.startsWith("-") && context == null) {
                context = args.get(i).value().hasSymbols() ? null : t;
            }
        }
        String ctxDir = context == null ? null : PathText.normalise(cwd + context, false);
        String df = dockerfile != null ? PathText.normalise(cwd + dockerfile, false)
                : ctxDir == null ? null : (ctxDir.isEmpty() || ctxDir.equals(".") ? "" : ctxDir + "/") + "Dockerfile";
        return new ImageBuild(file, job.id(), step.name(), null, df, ctxDir, platforms, sha, inv.line());
    }

    private static boolean mentionsSha(String text) {
        return text.contains("github.sha") || text.contains("GITHUB_SHA") || text.contains("git rev-parse");
    }

    /** The source template of a sam call, checkout-relative; null when only the run knows it or it is build output. */
    private static String template(RunContext ctx, ShellEval.Invocation inv, String command, List<ShellEval.Arg> args) {
        String cwd = inv.cwd() == null || inv.cwd().isEmpty() || inv.cwd().equals(".") ? "" : inv.cwd() + "/";
        Val given = null;
        for (String flag : List.of("-t", "--template", "--template-file")) {
            given = given != null ? given : value(args, flag);
        }
        if (given == null) {
            SamConfig config = config(ctx, inv, args);
            if (config != null) {
                List<ShellEval.Arg> opts = config.options(configEnv(args), command);
                for (String flag : List.of("--template", "--template-file")) {
                    given = given != null ? given : value(opts, flag);
                }
            }
        }
        if (given != null) {
            if (given.hasSymbols()) {
                return null;
            }
            String path = PathText.normalise(cwd + given.render(), false);
            // build output, or a packaged template another job made (an artifact): not a file of the checkout
            return path.contains(".aws-sam/") || path.startsWith("..") || !LambdaHandlerRunner.isFile(ctx, path) ? null : path;
        }
        for (String name : List.of("template.yaml", "template.yml", "template.json")) {
            String path = PathText.normalise(cwd + name, false);
            if (LambdaHandlerRunner.isFile(ctx, path)) {
                return path;
            }
        }
        return null;
    }

    private static Val optionValue(RunContext ctx, ShellEval.Invocation inv, String command, List<ShellEval.Arg> args, String flag) {
        Val v = value(args, flag);
        if (v == null) {
            SamConfig config = config(ctx, inv, args);
            v = config == null ? null : value(config.options(configEnv(args), command), flag);
        }
        return v;
    }

    private static SamConfig config(RunContext ctx, ShellEval.Invocation inv, List<ShellEval.Arg> args) {
        String cwd = inv.cwd() == null || inv.cwd().isEmpty() || inv.cwd().equals(".") ? "" : inv.cwd() + "/";
        Val file = value(args, "--config-file");
        String name = file == null || file.hasSymbols() ? "samconfig.toml" : file.render();
        return SamConfig.load(ctx, PathText.normalise(cwd + name, false));
    }

    private static String configEnv(List<ShellEval.Arg> args) {
        Val env = value(args, "--config-env");
        return env == null || env.hasSymbols() ? "default" : env.render();
    }

    /** The value after {@code flag} (or after {@code flag=}), null when the flag is absent. */
    private static Val value(List<ShellEval.Arg> args, String flag) {
        for (int i = 0; i < args.size(); i++) {
            String t = args.get(i).text();
            if (t.equals(flag) && i + 1 < args.size()) {
                return args.get(i + 1).value();
            }
            if (t.startsWith(flag + "=")) {
                return args.get(i).value().from(flag.length() + 1);
            }
        }
        return null;
    }

    private static String known(Val v) {
        return v == null || v.hasSymbols() ? null : v.render();
    }

    /** Templates named by samconfig.toml files ({@code template_file} of any environment and command). */
    static List<String> samconfigTemplates(RunContext ctx, Path root) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, 6)) {
            for (Path p : s.filter(f -> f.getFileName() != null && f.getFileName().toString().equals("samconfig.toml")
                    && !f.toString().contains("/.aws-sam/") && !f.toString().contains("/node_modules/")).toList()) {
                String rel = root.relativize(p.getParent()).toString().replace('\\', '/');
                JsonNode toml = new TomlMapper().readTree(Files.readString(p));
                for (Iterator<Map.Entry<String, JsonNode>> envs = toml.fields(); envs.hasNext(); ) {
                    for (Iterator<Map.Entry<String, JsonNode>> cmds = envs.next().getValue().fields(); cmds.hasNext(); ) {
                        JsonNode tf = cmds.next().getValue().path("parameters").path("template_file");
                        if (tf.isTextual() && !tf.asText().contains(".aws-sam/")) {
                            out.add(PathText.normalise((rel.isEmpty() ? "" : rel + "/") + tf.asText(), false));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }
}

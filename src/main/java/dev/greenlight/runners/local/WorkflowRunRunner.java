package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command in a workflow step's {@code run:} script carries the expected flags.
 *
 * <pre>{@code
 * check:
 *   type: workflow-run
 *   file: .github/workflows/backend-deploy.yml
 *   job: deploy                  # optional
 *   step: Deploy SAM stack       # optional: otherwise every step's script
 *   command: sam deploy          # the leading words of the command
 *   flags: [--image-repository, --resolve-s3, --capabilities]
 *   # a|b: either flag will do (sam deploy takes any of three ways to name the image repositories)
 *   #   flags: ["--image-repository|--image-repositories|--resolve-image-repos"]
 *   flag-values:                 # the words after the flag, up to the next flag
 *     --capabilities: CAPABILITY_IAM CAPABILITY_NAMED_IAM
 *     --stack-name: backend-workflow-${stage}
 *   contains: ["--parameter-overrides"]   # among the expanded arguments (or a command of the step)
 *   flag-includes:               # words the flag's value must include, others may come too; A|B: either word
 *     --capabilities: ["CAPABILITY_IAM|CAPABILITY_NAMED_IAM", CAPABILITY_AUTO_EXPAND]
 *   parameters:                  # Key=Value pairs of --parameter-overrides; * is any text
 *     BackendLambdaImageUri: "*}{@code /backend-lambda-function:${{ github.sha }}"
 *   line-hint: 207
 * }</pre>
 *
 * <p>The script is read like a shell reads it ({@link ShellWords}): {@code \} continuations join
 * lines, comments do not count, and both {@code --flag value} and {@code --flag=value} are found.
 * When the command appears more than once in scope, every occurrence must carry the flags: a
 * second {@code sam deploy} without {@code --image-repository} is the one that breaks the deploy.
 */
public final class WorkflowRunRunner implements Runner<WorkflowRunRunner.Spec> {
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern FLAG = Pattern.compile("--?[A-Za-z].*");

    public record Spec(@JsonProperty(required = true) String file, String job, String step, String command,
                       List<String> flags, Map<String, JsonNode> flagValues, List<String> contains,
                       Map<String, String> parameters, Map<String, List<String>> flagIncludes) {
    }

    @Override
    public String type() {
        return "workflow-run";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if (spec.command() == null && (spec.contains() == null || spec.contains().isEmpty())) {
            problems.add(new SpecProblem("command", "nothing to look for", "add command: (e.g. sam deploy) or contains:"));
        }
        if (spec.command() == null && (notEmpty(spec.flags()) || (spec.flagValues() != null && !spec.flagValues().isEmpty()))) {
            problems.add(new SpecProblem("flags", "'flags' and 'flag-values' need the 'command' they belong to",
                    "add command: (e.g. sam deploy)"));
        }
        if (spec.command() != null) {
            try {
                if (ShellWords.split(spec.command()).isEmpty()) {
                    problems.add(new SpecProblem("command", "'command' is empty", "name the command, e.g. sam deploy"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new SpecProblem("command", "'command' cannot be read: " + e.getMessage(),
                        "give the leading words only, e.g. sam deploy"));
            }
        }
        return problems;
    }

    private static boolean notEmpty(List<?> l) {
        return l != null && !l.isEmpty();
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        List<SpecProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            return Result.error("The check's parameters are invalid: " + problems.get(0).message() + ".").build();
        }
        String expected = describeExpected(spec);
        Workflow wf;
        try {
            wf = Workflow.load(ctx, spec.file());
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        Workflow.Lookup lookup = wf.find(spec.job(), spec.step(), null);
        if (lookup.steps().isEmpty()) {
            return Result.fail(lookup.problem()).expected(expected).actual(lookup.actual())
                    .evidence(Evidence.at("workflow", wf.file(), null, lookup.problem())).build();
        }
        List<Script> scripts = lookup.steps().stream().filter(s -> s.run() != null)
                .map(s -> new Script(s, ShellWords.parse(s.run()))).toList();
        String scope = spec.step() != null ? "the run script of step '" + spec.step() + "'"
                : "any run script of " + wf.file() + (spec.job() == null ? "" : " (job " + spec.job() + ")");
        if (scripts.isEmpty()) {
            Workflow.Step s = lookup.steps().get(0);
            String reason = spec.step() != null ? "Step '" + spec.step() + "' has no run: script." : "No step in scope has a run: script.";
            return Result.fail(reason).expected(expected).actual("no run: script")
                    .evidence(Evidence.at("step " + s.label(), wf.file(), s.line(), wf.lineText(s.line()))).build();
        }
        WorkflowModel model;
        try {
            model = WorkflowModel.load(ctx, wf);
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        Outcome out = new Outcome();
        List<Script> searched = scripts;
        List<Call> found = List.of();
        if (spec.command() != null) {
            List<String> words = ShellWords.split(spec.command());
            found = calls(ctx, model, lookup.steps(), words);
            if (found.isEmpty()) {
                return missingCommand(spec, wf, model, lookup.steps(), scripts, scope, expected);
            }
            for (Call c : found) {
                checkFlags(spec, ctx, wf, c, scripts, out);
                if (spec.contains() != null) {
                    for (String needle : spec.contains()) {
                        checkArgsContain(spec, ctx, wf, c, needle, scripts, out);
                    }
                }
            }
            Call first = found.get(0);
            out.hintLine = first.inv().file().equals(wf.file()) ? first.inv().line() : first.step().line();
            searched = found.stream().map(c -> scriptOf(scripts, c.step())).filter(x -> x != null).distinct().toList();
        } else {
            out.hintLine = wf.runLine(scripts.get(0).step);
            if (spec.contains() != null) {
                for (String needle : spec.contains()) {
                    checkContains(wf, searched, needle, out);
                }
            }
        }
        Result.Builder r;
        if (!out.mismatches.isEmpty()) {
            r = Result.fail(String.join("; ", out.mismatches) + ".");
        } else if (!out.warnings.isEmpty()) {
            r = Result.warn(String.join("; ", out.warnings) + ".");
        } else {
            r = Result.pass(passReason(spec, wf, searched, found, out));
        }
        r.expected(expected).actual(out.actual.isEmpty() ? "as expected" : String.join("; ", out.actual))
                .evidence(out.evidence);
        List<Integer> blockStarts = new ArrayList<>();
        if (!found.isEmpty()) {
            blockStarts.add(found.get(0).step().line());
            blockStarts.add(wf.runLine(found.get(0).step()));
        } else if (!scripts.isEmpty()) {
            blockStarts.add(scripts.get(0).step().line());
            blockStarts.add(wf.runLine(scripts.get(0).step()));
        }
        r.note(LineDrift.note(ctx, wf.file(), out.hintLine, blockStarts));
        for (Call c : found) {
            model.of(c.step()).notes().forEach(r::note);
        }
        return r.build();
    }

    /** One place the command would run, as the shell would call it, and where its arguments start. */
    private record Call(Workflow.Step step, ShellEval.Invocation inv, int argsFrom, List<ShellEval.Arg> fromConfig) {
        /** The arguments as the command line gives them, then the options samconfig.toml adds. */
        List<ShellEval.Arg> args() {
            if (fromConfig.isEmpty()) {
                return inv.args().subList(argsFrom, inv.args().size());
            }
            List<ShellEval.Arg> all = new ArrayList<>(inv.args().subList(argsFrom, inv.args().size()));
            all.addAll(fromConfig);
            return all;
        }

        String where() {
            return inv.file() + ":" + inv.line();
        }
    }

    /** Words a command may follow and still be the command ({@code sudo sam deploy}). */
    private static final Set<String> RUNNER_PREFIXES = Set.of("sudo", "time", "exec", "command", "nohup", "env");

    private static List<Call> calls(RunContext ctx, WorkflowModel model, List<Workflow.Step> steps, List<String> words) {
        List<Call> out = new ArrayList<>();
        for (Workflow.Step step : steps) {
            WorkflowModel.StepEval eval = model.of(step);
            if (eval == null) {
                continue;
            }
            for (ShellEval.Invocation inv : eval.invocations()) {
                List<String> texts = inv.texts();
                int start = 0;
                while (start < texts.size() && (RUNNER_PREFIXES.contains(texts.get(start))
                        || (start > 0 && ASSIGNMENT.matcher(texts.get(start)).matches()))) {
                    start++;
                }
                if (texts.size() - start >= words.size() && texts.subList(start, start + words.size()).equals(words)) {
                    int from = start + words.size();
                    out.add(new Call(step, inv, from, samConfigOptions(ctx, inv, words, from)));
                }
            }
        }
        return out;
    }

    /**
     * For {@code sam <command>}: the options samconfig.toml gives that the command line does not
     * (SAM CLI reads the file in the directory it runs in, or {@code --config-file}).
     */
    private static List<ShellEval.Arg> samConfigOptions(RunContext ctx, ShellEval.Invocation inv, List<String> words, int from) {
        if (words.size() < 2 || !words.get(0).equals("sam")) {
            return List.of();
        }
        List<ShellEval.Arg> cli = inv.args().subList(from, inv.args().size());
        String file = "samconfig.toml";
        String env = "default";
        for (int k = 0; k + 1 < cli.size(); k++) {
            if (cli.get(k).text().equals("--config-file")) {
                file = cli.get(k + 1).text();
            } else if (cli.get(k).text().equals("--config-env")) {
                env = cli.get(k + 1).text();
            }
        }
        String dir = inv.cwd() == null || inv.cwd().isEmpty() ? "" : inv.cwd() + "/";
        SamConfig config = SamConfig.load(ctx, java.nio.file.Path.of(dir + file).normalize().toString().replace('\\', '/'));
        if (config == null) {
            return List.of();
        }
        java.util.Set<String> given = new java.util.HashSet<>();
        for (ShellEval.Arg a : cli) {
            String t = a.text();
            if (t.startsWith("--")) {
                given.add(t.contains("=") ? t.substring(0, t.indexOf('=')) : t);
                given.add(t.startsWith("--no-") ? "--" + t.substring(5) : "--no-" + t.substring(2));
            }
        }
        List<ShellEval.Arg> out = new ArrayList<>();
        boolean skipping = false;
        for (ShellEval.Arg a : config.options(env, words.get(1))) {
            if (a.text().startsWith("--")) {
                skipping = given.contains(a.text());
            }
            if (!skipping) {
                out.add(a);
            }
        }
        return out;
    }

    private static Script scriptOf(List<Script> scripts, Workflow.Step step) {
        return scripts.stream().filter(s -> s.step() == step).findFirst().orElse(null);
    }

    private static String lineText(RunContext ctx, Workflow wf, String file, int line) {
        if (file.equals(wf.file())) {
            return wf.lineText(line);
        }
        try {
            return ctx.workspace().read(file).line(line).strip();
        } catch (WorkspaceException e) {
            return "";
        }
    }

    /** "called from step 'Deploy' (backend-deploy.yml:40)" when the command is in a script the step runs. */
    private static String via(ShellEval.Invocation inv) {
        if (inv.via().isEmpty()) {
            return "";
        }
        Val.Hop h = inv.via().get(0);
        return " (in " + inv.file() + ", " + h.what() + " at " + h.where() + ")";
    }

    private static void checkFlags(Spec spec, RunContext ctx, Workflow wf, Call c, List<Script> scripts, Outcome out) {
        out.evidence.add(Evidence.at(spec.command() + via(c.inv()), c.inv().file(), c.inv().line(),
                lineText(ctx, wf, c.inv().file(), c.inv().line())));
        List<String> problems = new ArrayList<>();
        List<String> caveats = new ArrayList<>();
        if (spec.flags() != null) {
            for (String flag : spec.flags()) {
                List<String> alternatives = List.of(flag.split("\\|"));
                int k = -1;
                for (String alt : alternatives) {
                    k = k >= 0 ? k : flagIndex(c, alt.strip());
                }
                if (k < 0 && alternatives.size() > 1) {
                    problems.add("lacks " + String.join(", ", alternatives.subList(0, alternatives.size() - 1)) + " or "
                            + alternatives.get(alternatives.size() - 1) + " (any one of them will do)");
                    out.actual.add(flag + " absent");
                } else if (k < 0) {
                    problems.add(absent(wf, c, scripts, flag, null, out));
                } else {
                    flag = c.args().get(k).text().replaceFirst("=.*", "");
                    ShellEval.Arg a = c.args().get(k);
                    out.evidence.add(Evidence.at(flag, a.file(), a.line(), lineText(ctx, wf, a.file(), a.line())));
                    List<String> conds = a.value().conditions();
                    if (!conds.isEmpty()) {
                        caveats.add("passes " + flag + " only when " + String.join(" and ", conds));
                    }
                }
            }
        }
        if (spec.flagValues() != null) {
            spec.flagValues().forEach((flag, want) -> checkValue(ctx, wf, c, scripts, flag, want, out, problems, caveats));
        }
        if (spec.flagIncludes() != null) {
            spec.flagIncludes().forEach((flag, words) -> {
                int k = flagIndex(c, flag);
                if (k < 0) {
                    if (notYetReported(flag, problems)) {
                        problems.add(absent(wf, c, scripts, flag, String.join(" ", words), out));
                    }
                    return;
                }
                ShellEval.Arg a = c.args().get(k);
                Val value = valueOf(c, k);
                String origin = value.origin().isEmpty() ? "" : " (" + value.origin() + ")";
                out.evidence.add(Evidence.at(flag + " " + value.render() + origin, a.file(), a.line(), lineText(ctx, wf, a.file(), a.line())));
                FlagWords.check(flag, value, words, problems, caveats, out.actual);
            });
        }
        if (spec.parameters() != null && !spec.parameters().isEmpty()) {
            checkParameters(spec, ctx, wf, c, scripts, out, problems, caveats);
        }
        String subject = "'" + spec.command() + "' in step " + c.step().label() + " (" + c.where() + ")";
        if (!problems.isEmpty()) {
            out.mismatches.add(subject + " " + String.join(", ", problems));
        }
        if (!caveats.isEmpty()) {
            out.warnings.add(subject + " " + String.join(", ", caveats));
        }
    }

    private static final String OVERRIDES = "--parameter-overrides";

    /**
     * The {@code Key=Value} pairs of {@code --parameter-overrides} as SAM CLI reads them: every
     * word after the flag, and pairs separated by blanks inside one quoted word; also the
     * {@code ParameterKey=K,ParameterValue=V} form.
     */
    private static void checkParameters(Spec spec, RunContext ctx, Workflow wf, Call c, List<Script> scripts, Outcome out,
                                        List<String> problems, List<String> caveats) {
        int k = flagIndex(c, OVERRIDES);
        if (k < 0) {
            if (notYetReported(OVERRIDES, problems)) {
                problems.add(absent(wf, c, scripts, OVERRIDES, null, out));
            }
            return;
        }
        Map<String, Val> pairs = new java.util.LinkedHashMap<>();
        List<Val> words = new ArrayList<>();
        String first = c.args().get(k).text();
        if (first.contains("=")) {
            words.addAll(c.args().get(k).value().from(first.indexOf('=') + 1).split());
        }
        valueArgs(c, k).forEach(a -> words.addAll(a.value().split()));
        List<Val> unreadable = new ArrayList<>();
        for (Val w : words) {
            String t = w.render();
            if (w.hasSymbols() && (t.indexOf('=') < 0 || w.partAt(t.indexOf('=')) == null || w.partAt(t.indexOf('=')).symbol() != null)) {
                unreadable.add(w);
                continue;
            }
            java.util.regex.Matcher long_ = java.util.regex.Pattern.compile("ParameterKey=([^,]+),ParameterValue=").matcher(t);
            if (long_.lookingAt()) {
                pairs.put(long_.group(1), w.from(long_.end()));
                continue;
            }
            int eq = t.indexOf('=');
            Val.Part p = eq > 0 ? w.partAt(eq) : null;
            if (p != null && p.symbol() == null) {
                pairs.put(t.substring(0, eq), w.from(eq + 1));
            }
        }
        for (Map.Entry<String, String> want : spec.parameters().entrySet()) {
            String name = want.getKey();
            Val v = pairs.get(name);
            if (v == null && !unreadable.isEmpty()) {
                // a word only the run knows ($(cat params), a secret, an unset variable) may hold several pairs
                caveats.add("passes no " + name + "= that can be read; it may come from "
                        + String.join(", ", unreadable.stream().map(Val::render).distinct().toList()) + ", known only when the workflow runs");
                out.actual.add("no readable " + name);
                continue;
            }
            if (v == null) {
                problems.add("passes no " + name + "= in " + OVERRIDES);
                out.actual.add("no " + name);
                continue;
            }
            Val.Hop src = v.src();
            String origin = v.origin();
            String shown = name + "=" + v.render() + (origin.isEmpty() ? "" : " (" + origin + ")");
            String file = src == null ? c.inv().file() : src.file();
            int line = src == null ? c.inv().line() : src.line();
            out.evidence.add(Evidence.at(shown, file, line, lineText(ctx, wf, file, line)));
            out.actual.add(shown);
            ValMatch.Verdict verdict = ValMatch.equalsExpected(v, want.getValue());
            switch (verdict.outcome()) {
                case MATCH -> {
                }
                case MISMATCH -> problems.add("passes " + name + "=" + v.render() + " (" + file + ":" + line
                        + (origin.isEmpty() ? "" : ", " + origin) + "), not " + ActionsExpressions.canonicalText(want.getValue()));
                case UNDECIDED -> caveats.add("passes " + name + "=" + v.render() + ", which may or may not be "
                        + want.getValue() + ": " + verdict.why());
                case CONDITIONAL -> caveats.add("passes " + name + " " + verdict.why());
            }
        }
    }

    private static int flagIndex(Call c, String flag) {
        List<ShellEval.Arg> args = c.args();
        for (int k = 0; k < args.size(); k++) {
            String t = args.get(k).text();
            if (t.equals(flag) || t.startsWith(flag + "=")) {
                return k;
            }
        }
        return -1;
    }

    /** {@code --flag=value} is one value; {@code --flag a b} is every word up to the next flag. */
    private static Val valueOf(Call c, int flagIndex) {
        ShellEval.Arg flag = c.args().get(flagIndex);
        String t = flag.text();
        int eq = t.indexOf('=');
        if (eq >= 0) {
            return flag.value().from(eq + 1);
        }
        List<Val> vals = new ArrayList<>();
        for (ShellEval.Arg a : valueArgs(c, flagIndex)) {
            vals.add(a.value());
        }
        return Val.join(vals);
    }

    private static List<ShellEval.Arg> valueArgs(Call c, int flagIndex) {
        List<ShellEval.Arg> args = c.args();
        int end = flagIndex + 1;
        while (end < args.size() && !FLAG.matcher(args.get(end).text()).matches()) {
            end++;
        }
        return args.subList(flagIndex + 1, end);
    }

    /** The flag's value as the script writes it, before expansion ({@code ${IMAGE_REPO_URI}}). */
    private static String writtenValue(Call c, int flagIndex) {
        String t = c.args().get(flagIndex).written();
        int eq = t.indexOf('=');
        if (eq >= 0) {
            return t.substring(eq + 1);
        }
        return String.join(" ", valueArgs(c, flagIndex).stream().map(ShellEval.Arg::written).toList());
    }


    private static void checkValue(RunContext ctx, Workflow wf, Call c, List<Script> scripts, String flag, JsonNode want,
                                   Outcome out, List<String> problems, List<String> caveats) {
        int k = flagIndex(c, flag);
        String expected = expectedValue(want);
        if (k < 0) {
            if (notYetReported(flag, problems)) {
                problems.add(absent(wf, c, scripts, flag, expected, out));
            }
            return;
        }
        ShellEval.Arg a = c.args().get(k);
        Val value = valueOf(c, k);
        String shown = value.render();
        String origin = value.origin();
        String fromWhere = origin.isEmpty() ? "" : " (" + origin + ")";
        out.evidence.add(Evidence.at(flag + " " + shown + fromWhere, a.file(), a.line(), lineText(ctx, wf, a.file(), a.line())));
        out.actual.add(flag + " " + shown + fromWhere);
        // the checklist may name the variable the script passes ("${IMAGE_REPO_URI}") rather than its value
        ValMatch.Verdict v = writtenValue(c, k).equals(expected) ? new ValMatch.Verdict(ValMatch.Outcome.MATCH, "")
                : ValMatch.equalsExpected(value, expected);
        switch (v.outcome()) {
            case MATCH -> {
            }
            case MISMATCH -> problems.add("passes " + flag + " " + (shown.isEmpty() ? "with no value" : shown)
                    + fromWhere + ", not " + expected);
            case UNDECIDED -> caveats.add("passes " + flag + " " + shown + ", which may or may not be " + expected
                    + ": " + v.why());
            case CONDITIONAL -> caveats.add("passes " + flag + " " + expected + " " + v.why());
        }
    }

    /** The needle among the arguments the command receives, after the shell expanded them. */
    private static void checkArgsContain(Spec spec, RunContext ctx, Workflow wf, Call c, String needle, List<Script> scripts,
                                         Outcome out) {
        List<ShellEval.Arg> args = c.args();
        Val joined = Val.join(args.stream().map(ShellEval.Arg::value).toList());
        ValMatch.Verdict v = ValMatch.contains(joined, needle);
        String subject = "'" + spec.command() + "' (" + c.where() + ")";
        switch (v.outcome()) {
            case MATCH, CONDITIONAL -> {
                int at = ValMatch.indexOf(joined, needle);
                Val.Part p = joined.partAt(Math.max(0, at));
                Val.Hop src = p == null ? null : p.src();
                String file = src == null ? c.inv().file() : src.file();
                int line = src == null ? c.inv().line() : src.line();
                String through = p == null || p.trail().isEmpty() ? "" : " (via " + p.trail().get(0).what() + ")";
                out.evidence.add(Evidence.at("contains " + needle + through, file, line, lineText(ctx, wf, file, line)));
                if (v.outcome() == ValMatch.Outcome.CONDITIONAL) {
                    out.warnings.add(subject + " receives '" + needle + "' " + v.why());
                }
            }
            case UNDECIDED -> out.warnings.add(subject + " may receive '" + needle + "': " + v.why());
            case MISMATCH -> {
                if (otherCommandHas(ctx, wf, model(ctx, wf), c, needle, out)) {
                    return;
                }
                out.mismatches.add("'" + needle + "' is neither among the arguments " + subject
                        + " receives nor a command of its step, as the shell would expand them");
                out.actual.add("no '" + needle + "'");
                Script s = scriptOf(scripts, c.step());
                if (s != null) {
                    commentedOut(wf, s, needle).ifPresent(line -> out.evidence.add(
                            Evidence.at("'" + needle + "' (commented out)", wf.file(), line, wf.lineText(line))));
                }
            }
        }
    }

    private static WorkflowModel model(RunContext ctx, Workflow wf) {
        try {
            return WorkflowModel.load(ctx, wf);
        } catch (WorkspaceException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A needle that is a command of its own ({@code rm -rf /usr/share/dotnet} beside
     * {@code docker system prune}): found in a command the same step runs, at that command's line.
     */
    private static boolean otherCommandHas(RunContext ctx, Workflow wf, WorkflowModel model, Call c, String needle, Outcome out) {
        WorkflowModel.StepEval eval = model.of(c.step());
        for (ShellEval.Invocation inv : eval.invocations()) {
            Val line = Val.join(inv.args().stream().map(ShellEval.Arg::value).toList());
            ValMatch.Verdict v = ValMatch.contains(line, needle);
            if (v.outcome() == ValMatch.Outcome.MATCH || v.outcome() == ValMatch.Outcome.CONDITIONAL) {
                out.evidence.add(Evidence.at("contains " + needle, inv.file(), inv.line(), lineText(ctx, wf, inv.file(), inv.line())));
                if (v.outcome() == ValMatch.Outcome.CONDITIONAL) {
                    out.warnings.add("step " + c.step().label() + " runs '" + needle + "' " + v.why());
                }
                return true;
            }
        }
        return false;
    }

    private record Script(Workflow.Step step, ShellWords.Script parsed) {
    }

    /** One place the command is run, and where its arguments start. */
    private record Occurrence(Script script, ShellWords.Command command, String name) {
    }

    private static final class Outcome {
        final List<String> mismatches = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> actual = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();
        /** File lines of commands already explained as ended by a missing {@code \}, so it is said once. */
        final java.util.Set<Integer> explainedEnds = new java.util.HashSet<>();
        int hintLine;
    }

    private static Result missingCommand(Spec spec, Workflow wf, WorkflowModel model, List<Workflow.Step> steps,
                                         List<Script> scripts, String scope, String expected) {
        Result.Builder r = Result.fail("No '" + spec.command() + "' command in " + scope
                + " (nor in a script of the repository it calls).")
                .expected(expected).actual("no '" + spec.command() + "' command");
        for (Script s : scripts) {
            int runLine = wf.runLine(s.step());
            r.evidence(Evidence.at("run script of step " + s.step().label(), wf.file(), runLine, wf.lineText(runLine)));
            commentedOut(wf, s, spec.command()).ifPresent(line -> r.evidence(
                    Evidence.at("commented out", wf.file(), line, wf.lineText(line))));
        }
        for (Workflow.Step step : steps) {
            WorkflowModel.StepEval e = model.of(step);
            if (e != null) {
                e.notes().forEach(r::note);
            }
        }
        return r.build();
    }

    /** The command as the raw script tokenises it, for explaining a flag the shell would not pass. */
    private static Occurrence rawOccurrence(Workflow wf, List<Script> scripts, Call c) {
        Script s = scriptOf(scripts, c.step());
        if (s == null || !c.inv().file().equals(wf.file()) || !c.inv().via().isEmpty()) {
            return null;
        }
        for (ShellWords.Command cmd : s.parsed().commands()) {
            if (wf.scriptLine(s.step(), cmd.line()) == c.inv().line()) {
                return new Occurrence(s, cmd, String.join(" ", c.inv().texts().subList(0, c.argsFrom())));
            }
        }
        return null;
    }

    /** "lacks --flag", with why when the flag is commented out or cut off by a comment line. */
    private static String absent(Workflow wf, Call c, List<Script> scripts, String flag, String expectedValue, Outcome out) {
        out.actual.add(flag + " absent");
        StringBuilder text = new StringBuilder("lacks " + flag);
        if (expectedValue != null) {
            text.append(" ").append(expectedValue);
        }
        Occurrence o = rawOccurrence(wf, scripts, c);
        if (o == null) {
            return text.toString();
        }
        java.util.Optional<Integer> commented = commentedOut(wf, o.script(), flag);
        commented.ifPresent(line -> out.evidence.add(
                Evidence.at(flag + " (commented out)", wf.file(), line, wf.lineText(line))));
        String stranded = strandedNote(wf, o, flag, out);
        if (!stranded.isEmpty()) {
            text.append(stranded);
        } else if (commented.isPresent()) {
            text.append(" (commented out at line ").append(commented.get()).append(")");
        }
        return text.toString();
    }

    /** False when the flag was already reported missing by {@code flags}, so it is said once. */
    private static boolean notYetReported(String flag, List<String> problems) {
        return problems.stream().noneMatch(p -> p.equals("lacks " + flag) || p.startsWith("lacks " + flag + " "));
    }

    /**
     * A flag on a line after the command ended is no longer part of it: the shell runs it as a
     * command of its own. The command ends either at a comment line inside the {@code \}
     * continuation (the comment swallows the {@code \}), or at a line that has no trailing {@code \}.
     */
    private static String strandedNote(Workflow wf, Occurrence o, String flag, Outcome out) {
        for (ShellWords.Command c : o.script().parsed().commands()) {
            if (c.line() > o.command().line() && FLAG.matcher(c.texts().get(0)).matches()) {
                for (ShellWords.Word w : c.words()) {
                    if (w.text().equals(flag) || w.text().startsWith(flag + "=")) {
                        int line = wf.scriptLine(o.script().step(), w.line());
                        int lastIndex = o.command().words().stream().mapToInt(ShellWords.Word::line).max().orElse(o.command().line());
                        String[] raw = o.script().step().run().split("\n", -1);
                        boolean continued = lastIndex < raw.length && raw[lastIndex].stripTrailing().endsWith("\\");
                        if (continued) {
                            return " (line " + line + " has it, but a comment line ends the command before it)";
                        }
                        int end = wf.scriptLine(o.script().step(), lastIndex);
                        if (out.explainedEnds.add(end)) {
                            return " (line " + line + " has it, but line " + end + " ends the '" + o.name()
                                    + "' command (no trailing \\), so the flags on the lines after it are not part of it)";
                        }
                        return " (line " + line + " has it, after the command ended at line " + end + ")";
                    }
                }
            }
        }
        return "";
    }

    /** The expected value as the shell would read it, so quoting in the checklist does not matter. */
    private static String expectedValue(JsonNode want) {
        if (want == null || want.isNull()) {
            return "";
        }
        if (want.isArray()) {
            List<String> parts = new ArrayList<>();
            want.forEach(p -> parts.add(p.asText()));
            return String.join(" ", parts);
        }
        try {
            return String.join(" ", ShellWords.split(want.asText()));
        } catch (IllegalArgumentException e) {
            return want.asText().strip();
        }
    }

    private static void checkContains(Workflow wf, List<Script> scripts, String needle, Outcome out) {
        String n = squash(needle);
        for (Script s : scripts) {
            if (squash(s.parsed().commentFree()).contains(n)) {
                int line = firstCodeLine(wf, s, needle);
                out.evidence.add(Evidence.at("contains " + needle, wf.file(), line, wf.lineText(line)));
                return;
            }
        }
        out.mismatches.add("'" + needle + "' is not in the script" + (scripts.size() == 1
                ? " of step " + scripts.get(0).step().label() : "s searched") + " (outside comments)");
        out.actual.add("no '" + needle + "'");
        for (Script s : scripts) {
            commentedOut(wf, s, needle).ifPresent(line -> out.evidence.add(
                    Evidence.at("'" + needle + "' (commented out)", wf.file(), line, wf.lineText(line))));
        }
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    /**
     * The file line of the first non-comment script line holding the whole needle (blanks folded),
     * else of the line where a needle spread over continued lines starts, else the run: line.
     */
    private static int firstCodeLine(Workflow wf, Script s, String needle) {
        String whole = squash(needle);
        String first = whole.split(" ")[0];
        String[] lines = s.step().run().split("\n", -1);
        int partial = -1;
        for (int k = 0; k < lines.length; k++) {
            String t = lines[k].strip();
            if (t.startsWith("#")) {
                continue;
            }
            if (squash(t).contains(whole)) {
                return wf.scriptLine(s.step(), k);
            }
            if (partial < 0 && t.contains(first)) {
                partial = k;
            }
        }
        return partial >= 0 ? wf.scriptLine(s.step(), partial) : wf.runLine(s.step());
    }

    /** The file line of a comment line that mentions the text, to show a commented-out flag. */
    private static java.util.Optional<Integer> commentedOut(Workflow wf, Script s, String text) {
        String[] lines = s.step().run().split("\n", -1);
        String t = squash(text);
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k].strip();
            if (line.startsWith("#") && squash(line).contains(t)) {
                return java.util.Optional.of(wf.scriptLine(s.step(), k));
            }
        }
        return java.util.Optional.empty();
    }

    private static String passReason(Spec spec, Workflow wf, List<Script> searched, List<Call> found, Outcome out) {
        if (spec.command() == null) {
            return "The script" + (searched.size() == 1 ? " of step " + searched.get(0).step().label() : "s")
                    + " in " + wf.file() + " contain" + (searched.size() == 1 ? "s" : "") + " every expected text.";
        }
        int flags = (spec.flags() == null ? 0 : spec.flags().size()) + (spec.flagValues() == null ? 0 : spec.flagValues().size())
                + (spec.parameters() == null ? 0 : spec.parameters().size())
                + (spec.flagIncludes() == null ? 0 : spec.flagIncludes().size());
        Call first = found.get(0);
        String where = first.where() + via(first.inv());
        String what = flags == 0 ? " is in " + (found.size() == 1 ? "step " + first.step().label() : "the workflow")
                : " receives the expected " + (flags == 1 ? "flag" : "flags");
        String contains = spec.contains() == null || spec.contains().isEmpty() ? ""
                : (flags == 0 ? " and receives" : " and") + " every expected text";
        return "'" + spec.command() + "' at " + where + what + contains + ", as the shell would expand "
                + (found.size() == 1 ? "it" : "each of its " + found.size() + " calls") + ".";
    }

    private static String describeExpected(Spec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.command() != null) {
            StringBuilder c = new StringBuilder(spec.command());
            if (spec.flags() != null) {
                spec.flags().forEach(f -> c.append(' ').append(f));
            }
            if (spec.flagValues() != null) {
                spec.flagValues().forEach((f, v) -> c.append(' ').append(f).append(' ').append(expectedValue(v)));
            }
            if (spec.flagIncludes() != null) {
                spec.flagIncludes().forEach((f, words) -> c.append(' ').append(f).append(" including ").append(String.join(" ", words)));
            }
            if (spec.parameters() != null && !spec.parameters().isEmpty()) {
                c.append(" --parameter-overrides");
                spec.parameters().forEach((k, v) -> c.append(' ').append(k).append('=').append(v));
            }
            parts.add(c.toString());
        }
        if (spec.contains() != null) {
            spec.contains().forEach(n -> parts.add("contains '" + n + "'"));
        }
        return String.join("; ", parts) + (spec.step() == null ? "" : " in step '" + spec.step() + "'");
    }
}

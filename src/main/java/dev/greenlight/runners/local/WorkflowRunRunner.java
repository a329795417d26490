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
 *   flag-values:                 # the words after the flag, up to the next flag
 *     --capabilities: CAPABILITY_IAM CAPABILITY_NAMED_IAM
 *     --stack-name: backend-workflow-${stage}
 *   contains: ["--parameter-overrides"]   # substrings of the comment-free script
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
    /** Words a command may follow without becoming another command. */
    private static final Set<String> PREFIXES = Set.of("if", "then", "else", "elif", "do", "while", "until",
            "!", "{", "}", "time", "exec", "sudo", "command");

    public record Spec(@JsonProperty(required = true) String file, String job, String step, String command,
                       List<String> flags, Map<String, JsonNode> flagValues, List<String> contains) {
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
        Outcome out = new Outcome();
        List<Script> searched = scripts;
        if (spec.command() != null) {
            List<String> words = ShellWords.split(spec.command());
            List<Occurrence> found = occurrences(scripts, words);
            if (found.isEmpty()) {
                return missingCommand(spec, wf, scripts, scope, expected);
            }
            for (Occurrence o : found) {
                checkFlags(spec, wf, o, out);
            }
            out.hintLine = wf.scriptLine(found.get(0).script.step, found.get(0).command.line());
            searched = found.stream().map(o -> o.script).distinct().toList();
        } else {
            out.hintLine = wf.runLine(scripts.get(0).step);
        }
        if (spec.contains() != null) {
            for (String needle : spec.contains()) {
                checkContains(wf, searched, needle, out);
            }
        }
        Result.Builder r = out.mismatches.isEmpty()
                ? Result.pass(passReason(spec, wf, searched, out))
                : Result.fail(String.join("; ", out.mismatches) + ".");
        return r.expected(expected).actual(out.actual.isEmpty() ? "as expected" : String.join("; ", out.actual))
                .evidence(out.evidence).note(ctx.driftNote(wf.file(), out.hintLine)).build();
    }

    private record Script(Workflow.Step step, ShellWords.Script parsed) {
    }

    /** One place the command is run, and where its arguments start. */
    private record Occurrence(Script script, ShellWords.Command command, int argsFrom) {
        List<ShellWords.Word> args() {
            return command.words().subList(argsFrom, command.words().size());
        }
    }

    private static final class Outcome {
        final List<String> mismatches = new ArrayList<>();
        final List<String> actual = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();
        /** File lines of commands already explained as ended by a missing {@code \}, so it is said once. */
        final java.util.Set<Integer> explainedEnds = new java.util.HashSet<>();
        int hintLine;
    }

    private static List<Occurrence> occurrences(List<Script> scripts, List<String> words) {
        List<Occurrence> out = new ArrayList<>();
        for (Script s : scripts) {
            for (ShellWords.Command c : s.parsed().commands()) {
                List<String> texts = c.texts();
                int start = 0;
                while (start < texts.size() && (ASSIGNMENT.matcher(texts.get(start)).matches() || PREFIXES.contains(texts.get(start)))) {
                    start++;
                }
                if (texts.size() - start >= words.size() && texts.subList(start, start + words.size()).equals(words)) {
                    out.add(new Occurrence(s, c, start + words.size()));
                }
            }
        }
        return out;
    }

    private static Result missingCommand(Spec spec, Workflow wf, List<Script> scripts, String scope, String expected) {
        Result.Builder r = Result.fail("No '" + spec.command() + "' command in " + scope + ".")
                .expected(expected).actual("no '" + spec.command() + "' command");
        for (Script s : scripts) {
            int runLine = wf.runLine(s.step());
            r.evidence(Evidence.at("run script of step " + s.step().label(), wf.file(), runLine, wf.lineText(runLine)));
            commentedOut(wf, s, spec.command()).ifPresent(line -> r.evidence(
                    Evidence.at("commented out", wf.file(), line, wf.lineText(line))));
        }
        return r.build();
    }

    private static void checkFlags(Spec spec, Workflow wf, Occurrence o, Outcome out) {
        Workflow.Step step = o.script().step();
        int cmdLine = wf.scriptLine(step, o.command().line());
        out.evidence.add(Evidence.at(spec.command(), wf.file(), cmdLine, wf.lineText(cmdLine)));
        List<String> problems = new ArrayList<>();
        if (spec.flags() != null) {
            for (String flag : spec.flags()) {
                ShellWords.Word w = flagWord(o, flag);
                if (w == null) {
                    problems.add(absent(wf, o, flag, null, out));
                } else {
                    int line = wf.scriptLine(step, w.line());
                    out.evidence.add(Evidence.at(flag, wf.file(), line, wf.lineText(line)));
                }
            }
        }
        if (spec.flagValues() != null) {
            spec.flagValues().forEach((flag, want) -> checkValue(wf, o, flag, want, out, problems));
        }
        if (!problems.isEmpty()) {
            out.mismatches.add("'" + spec.command() + "' in step " + step.label() + " (" + wf.file() + ":" + cmdLine + ") "
                    + String.join(", ", problems));
        }
    }

    /** "lacks --flag", with why when the flag is commented out or cut off by a comment line. */
    private static String absent(Workflow wf, Occurrence o, String flag, String expectedValue, Outcome out) {
        out.actual.add(flag + " absent");
        StringBuilder text = new StringBuilder("lacks " + flag);
        if (expectedValue != null) {
            text.append(" ").append(expectedValue);
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

    private static void checkValue(Workflow wf, Occurrence o, String flag, JsonNode want, Outcome out, List<String> problems) {
        ShellWords.Word w = flagWord(o, flag);
        String expected = expectedValue(want);
        if (w == null) {
            if (notYetReported(flag, problems)) {
                problems.add(absent(wf, o, flag, expected, out));
            }
            return;
        }
        String actual = String.join(" ", valueOf(o, w));
        int line = wf.scriptLine(o.script().step(), w.line());
        out.evidence.add(Evidence.at(flag + " " + actual, wf.file(), line, wf.lineText(line)));
        out.actual.add(flag + " " + actual);
        if (!actual.equals(expected)) {
            problems.add("passes " + flag + " " + (actual.isEmpty() ? "with no value" : actual) + ", not " + expected);
        }
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
                            return " (line " + line + " has it, but line " + end + " ends the '" + commandName(o)
                                    + "' command (no trailing \\), so the flags on the lines after it are not part of it)";
                        }
                        return " (line " + line + " has it, after the command ended at line " + end + ")";
                    }
                }
            }
        }
        return "";
    }

    /** The command words as written in the check ({@code sam deploy}), from the occurrence. */
    private static String commandName(Occurrence o) {
        List<String> texts = o.command().texts();
        int from = 0;
        while (from < o.argsFrom() && (ASSIGNMENT.matcher(texts.get(from)).matches() || PREFIXES.contains(texts.get(from)))) {
            from++;
        }
        return String.join(" ", texts.subList(from, o.argsFrom()));
    }

    private static ShellWords.Word flagWord(Occurrence o, String flag) {
        for (ShellWords.Word w : o.args()) {
            if (w.text().equals(flag) || w.text().startsWith(flag + "=")) {
                return w;
            }
        }
        return null;
    }

    /** {@code --flag=value} is one value; {@code --flag a b} is every word up to the next flag. */
    private static List<String> valueOf(Occurrence o, ShellWords.Word flagWord) {
        int eq = flagWord.text().indexOf('=');
        if (eq >= 0) {
            return List.of(flagWord.text().substring(eq + 1));
        }
        List<ShellWords.Word> args = o.args();
        List<String> out = new ArrayList<>();
        for (int k = args.indexOf(flagWord) + 1; k < args.size() && !FLAG.matcher(args.get(k).text()).matches(); k++) {
            out.add(args.get(k).text());
        }
        return out;
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

    /** The file line of the first non-comment script line holding the needle, else the run: line. */
    private static int firstCodeLine(Workflow wf, Script s, String needle) {
        String first = needle.strip().split("\\s+")[0];
        String[] lines = s.step().run().split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            String t = lines[k].strip();
            if (!t.startsWith("#") && t.contains(first)) {
                return wf.scriptLine(s.step(), k);
            }
        }
        return wf.runLine(s.step());
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

    private static String passReason(Spec spec, Workflow wf, List<Script> searched, Outcome out) {
        if (spec.command() == null) {
            return "The script" + (searched.size() == 1 ? " of step " + searched.get(0).step().label() : "s")
                    + " in " + wf.file() + " contain" + (searched.size() == 1 ? "s" : "") + " every expected text.";
        }
        int flags = (spec.flags() == null ? 0 : spec.flags().size()) + (spec.flagValues() == null ? 0 : spec.flagValues().size());
        return "'" + spec.command() + "' at " + wf.file() + ":" + out.hintLine
                + (flags == 0 ? " is in " + (searched.size() == 1 ? "step " + searched.get(0).step().label() : "the workflow")
                : " has the expected " + (flags == 1 ? "flag" : "flags")) + ".";
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
            parts.add(c.toString());
        }
        if (spec.contains() != null) {
            spec.contains().forEach(n -> parts.add("contains '" + n + "'"));
        }
        return String.join("; ", parts) + (spec.step() == null ? "" : " in step '" + spec.step() + "'");
    }
}

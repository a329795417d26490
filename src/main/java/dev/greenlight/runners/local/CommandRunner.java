package dev.greenlight.runners.local;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Runs a local program and checks its exit code and output. Needs the person's consent
 * ({@code --allow-commands} or the app's confirmation): it executes code.
 *
 * <pre>{@code
 * check:
 *   type: command
 *   run: git ls-files 'src/aws_step_functions*.json'   # split like a shell would, but NO shell runs
 *   # argv: [git, ls-files, "src/aws_step_functions*.json"]   # or the argument vector itself
 *   cwd: ${backend}                 # inside the checkout; default: the checkout root
 *   exit-code: 0                    # default 0
 *   stdout-contains: [aws_step_functions_v3.json]
 *   stdout-pattern: "distributed_v3\\.json"
 *   timeout-seconds: 30             # default 30; the process tree is stopped when it runs out
 * }</pre>
 *
 * <p>{@code run} is not given to a shell, so pipes, {@code ;}, redirections, unquoted globs and
 * {@code $VAR} are refused at load time instead of being passed on as literal text; write
 * {@code argv: [sh, -c, "..."]} to opt into a shell. Output is kept bounded (the last 64 KB of
 * stdout and of stderr); the expectations are checked against what was kept.
 */
public final class CommandRunner implements Runner<CommandRunner.Spec> {
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    private static final int EVIDENCE_LINES = 40;
    private static final int EVIDENCE_CHARS = 4000;

    public record Spec(List<String> argv, String run, String cwd, Integer exitCode, List<String> stdoutContains,
                       String stdoutPattern, Integer timeoutSeconds) {
    }

    @Override
    public String type() {
        return "command";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public Access access() {
        return Access.COMMAND;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if ((spec.argv() == null) == (spec.run() == null)) {
            problems.add(new SpecProblem(spec.run() == null ? "argv" : "run", "give exactly one of 'argv' and 'run'",
                    "argv: [program, arg...] or run: \"program arg...\""));
        } else if (spec.argv() != null && spec.argv().isEmpty()) {
            problems.add(new SpecProblem("argv", "'argv' is empty", "name the program to run"));
        } else if (spec.run() != null) {
            runProblem(spec.run()).ifPresent(problems::add);
        }
        if (spec.stdoutPattern() != null) {
            try {
                Pattern.compile(spec.stdoutPattern());
            } catch (PatternSyntaxException e) {
                problems.add(new SpecProblem("stdout-pattern", "not a valid regular expression: " + e.getDescription(), null));
            }
        }
        if (spec.timeoutSeconds() != null && spec.timeoutSeconds() <= 0) {
            problems.add(new SpecProblem("timeout-seconds", "'timeout-seconds' must be positive", null));
        }
        return problems;
    }

    private static java.util.Optional<SpecProblem> runProblem(String run) {
        ShellWords.Script s = ShellWords.parse(run);
        String shell = "use argv: [sh, -c, \"...\"] if you need a shell";
        if (s.problem() != null) {
            return java.util.Optional.of(new SpecProblem("run", "'run' cannot be split: " + s.problem(), null));
        }
        if (s.commands().isEmpty()) {
            return java.util.Optional.of(new SpecProblem("run", "'run' is empty", "name the program to run"));
        }
        if (s.commands().size() > 1) {
            return java.util.Optional.of(new SpecProblem("run",
                    "'run' holds more than one command (newline, ;, &&, ||, | or &), but it is not given to a shell", shell));
        }
        for (ShellWords.Word w : s.commands().get(0).words()) {
            if (!w.unquotedMeta().isEmpty()) {
                return java.util.Optional.of(new SpecProblem("run", "'" + w.unquotedMeta().charAt(0) + "' in '" + w.text()
                        + "' would be expanded or redirected by a shell, but 'run' is not given to one",
                        "quote it to pass it literally, or " + shell));
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        if (!ctx.options().allowCommands()) {
            return Result.skip("This check runs a local command; allow it with --allow-commands or in the app.").build();
        }
        List<SpecProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            return Result.error("The check's parameters are invalid: " + problems.get(0).message() + ".").build();
        }
        List<String> argv = spec.argv() != null ? spec.argv() : ShellWords.split(spec.run());
        String shown = argv.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
        int wantExit = spec.exitCode() == null ? 0 : spec.exitCode();
        String expected = "exit code " + wantExit + describeOutput(spec);
        Path dir;
        try {
            dir = ctx.workspace().resolve(spec.cwd() == null ? "" : spec.cwd());
        } catch (WorkspaceException e) {
            return Result.error("Cannot run " + shown + ": " + e.getMessage() + ".").expected(expected).build();
        }
        String cwdRel = ctx.workspace().relativize(dir);
        cwdRel = cwdRel.isEmpty() ? "." : cwdRel;
        if (!Files.isDirectory(dir)) {
            return Result.error("Cannot run " + shown + ": the directory " + cwdRel + " does not exist in the checkout.")
                    .expected(expected).build();
        }
        int timeout = spec.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : spec.timeoutSeconds();
        LocalProcess.Outcome out;
        try {
            out = LocalProcess.run(argv, dir, timeout, ctx::cancelled);
        } catch (IOException e) {
            return Result.error("Could not start " + shown + ": " + e.getMessage() + ".").expected(expected)
                    .actual("not started").evidence(Evidence.at("command", null, null, shown + "  (in " + cwdRel + ")")).build();
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.at("command", null, null, shown + "  (in " + cwdRel + ")"));
        evidence.add(Evidence.at("exit code", null, null, out.ended() == LocalProcess.Ending.EXITED
                ? "exit " + out.exitCode() + " after " + out.millis() + " ms" : out.ended().name().toLowerCase() + " after " + out.millis() + " ms"));
        addTail(evidence, "stdout", out.stdout());
        addTail(evidence, "stderr", out.stderr());
        List<String> notes = new ArrayList<>();
        if (out.stdout().truncated()) {
            notes.add("stdout was longer than " + LocalProcess.KEEP_BYTES / 1024 + " KB; only its end was kept and checked.");
        }
        if (out.ended() == LocalProcess.Ending.TIMED_OUT) {
            return Result.error("Timed out after " + timeout + " s; " + shown + " was stopped with its child processes.")
                    .expected(expected).actual("no exit within " + timeout + " s").evidence(evidence).notes(notes)
                    .note("Raise timeout-seconds (and the item's timeout) if the command is slow.").build();
        }
        if (out.ended() == LocalProcess.Ending.CANCELLED) {
            return Result.error("The run was cancelled; " + shown + " was stopped with its child processes.")
                    .expected(expected).actual("cancelled").evidence(evidence).notes(notes).build();
        }
        List<String> wrong = new ArrayList<>();
        if (out.exitCode() != wantExit) {
            wrong.add("exited with " + out.exitCode() + ", expected " + wantExit);
        }
        String stdout = out.stdout().text();
        if (spec.stdoutContains() != null) {
            for (String s : spec.stdoutContains()) {
                if (!stdout.contains(s)) {
                    wrong.add("did not print '" + s + "'");
                }
            }
        }
        if (spec.stdoutPattern() != null && !Pattern.compile(spec.stdoutPattern(), Pattern.MULTILINE).matcher(stdout).find()) {
            wrong.add("printed nothing matching /" + spec.stdoutPattern() + "/");
        }
        String actual = "exit code " + out.exitCode() + ", " + stdout.length() + " chars of stdout";
        if (!wrong.isEmpty()) {
            return Result.fail(shown + " " + String.join(", ", wrong) + ".").expected(expected).actual(actual)
                    .evidence(evidence).notes(notes).build();
        }
        StringBuilder reason = new StringBuilder(shown + " exited with " + out.exitCode());
        if (spec.stdoutContains() != null && !spec.stdoutContains().isEmpty()) {
            reason.append(" and printed ").append(spec.stdoutContains().stream().map(s -> "'" + s + "'")
                    .collect(Collectors.joining(", ")));
        }
        if (spec.stdoutPattern() != null) {
            reason.append(" and printed a match of /").append(spec.stdoutPattern()).append("/");
        }
        return Result.pass(reason + " (" + out.millis() + " ms).")
                .expected(expected).actual(actual).evidence(evidence).notes(notes).build();
    }

    private static String describeOutput(Spec spec) {
        StringBuilder b = new StringBuilder();
        if (spec.stdoutContains() != null && !spec.stdoutContains().isEmpty()) {
            b.append(", stdout containing ").append(spec.stdoutContains().stream().map(s -> "'" + s + "'")
                    .collect(Collectors.joining(", ")));
        }
        if (spec.stdoutPattern() != null) {
            b.append(b.length() == 0 ? ", stdout" : " and").append(" matching /").append(spec.stdoutPattern()).append("/");
        }
        return b.toString();
    }

    /** The last lines of a stream as evidence; the full kept tail is for matching, not for reports. */
    private static void addTail(List<Evidence> evidence, String name, LocalProcess.Tail tail) {
        String text = tail.text();
        if (text.isBlank()) {
            return;
        }
        List<String> lines = text.lines().toList();
        String last = String.join("\n", lines.subList(Math.max(0, lines.size() - EVIDENCE_LINES), lines.size()));
        if (last.length() > EVIDENCE_CHARS) {
            last = last.substring(last.length() - EVIDENCE_CHARS);
        }
        boolean cut = tail.truncated() || lines.size() > EVIDENCE_LINES || last.length() < text.strip().length();
        evidence.add(Evidence.at(name + (cut ? " (last lines)" : ""), null, null, last));
    }
}

package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Python file calls a function between {@code min} and {@code max} times, optionally with
 * arguments matching {@code args-pattern} (a regular expression searched in the full argument
 * text of each call, across lines; {@code .} matches newlines). Counted: {@code name(} in code.
 * Not counted: the {@code def name(} line, calls in comments, strings or docstrings, and bare
 * references without parentheses (an import). An attribute call such as
 * {@code self.universal_sync_core(...)} or {@code usc.universal_sync_core(...)} counts: the name
 * called is the same; write {@code function: usc.universal_sync_core} to count only calls through
 * that receiver.
 *
 * <pre>{@code
 * check:
 *   type: python-call
 *   file: ${backend}/src/handlers/utils/state_data_manager.py
 *   function: universal_sync_core
 *   args-pattern: "context=\\{'action':"    # optional
 *   min: 6                                  # default 1
 *   max: 6                                  # optional
 *   line-hint: 643
 * }</pre>
 */
public final class PythonCallRunner implements Runner<PythonCallRunner.Spec> {
    private static final int MAX_EVIDENCE = 50;
    private static final Pattern FUNCTION = Pattern.compile("([A-Za-z_]\\w*\\.)*[A-Za-z_]\\w*");

    public record Spec(@JsonProperty(required = true) String file, @JsonProperty(required = true) String function,
                       String argsPattern, Integer min, Integer max) {
    }

    @Override
    public String type() {
        return "python-call";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if (!FUNCTION.matcher(spec.function()).matches()) {
            problems.add(new SpecProblem("function", "'" + spec.function() + "' is not a Python name",
                    "give the called name without parentheses, e.g. universal_sync_core"));
        }
        if (spec.argsPattern() != null) {
            try {
                Pattern.compile(spec.argsPattern());
            } catch (PatternSyntaxException e) {
                problems.add(new SpecProblem("args-pattern", "'args-pattern' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex(), "escape special characters such as ( { ["));
            }
        }
        problems.addAll(Counts.validate(spec.min(), spec.max()));
        return problems;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        List<SpecProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            return Result.error("The check is misconfigured: " + problems.get(0).message() + ".").build();
        }
        int dot = spec.function().lastIndexOf('.');
        String name = spec.function().substring(dot + 1);
        String receiver = dot < 0 ? null : spec.function().substring(0, dot);
        Pattern args = spec.argsPattern() == null ? null : Pattern.compile(spec.argsPattern(), Pattern.DOTALL);
        Counts counts = new Counts(spec.min(), spec.max());
        String expected = counts.describe("call") + " of " + spec.function() + "(...)"
                + (args == null ? "" : " with arguments matching /" + spec.argsPattern() + "/");
        PythonSource source;
        try {
            source = ctx.workspace().parsed(spec.file(), "python", PythonSource::parse);
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        CodeLines code = source.codeLines();
        String file = code.file().relPath();
        List<PythonSource.Call> found = new ArrayList<>();
        List<PythonSource.Call> otherArgs = new ArrayList<>();
        for (PythonSource.Call c : source.calls(name)) {
            if (receiver != null && !receiver.equals(c.receiver())) {
                continue;
            }
            (args == null || args.matcher(c.arguments()).find() ? found : otherArgs).add(c);
        }
        List<Evidence> evidence = new ArrayList<>();
        for (PythonSource.Call c : found.subList(0, Math.min(found.size(), MAX_EVIDENCE))) {
            evidence.add(Evidence.at(c.attribute() ? "call through " + c.receiver() + "." : "call", file, c.line(),
                    code.raw(c.line()).strip()));
        }
        for (PythonSource.Call c : otherArgs.subList(0, Math.min(otherArgs.size(), MAX_EVIDENCE))) {
            evidence.add(Evidence.at("call with other arguments", file, c.line(),
                    PythonSource.normalise(name + "(" + c.arguments() + ")")));
        }
        List<Integer> notCode = mentionsOutsideCode(code, name);
        notCode.forEach(l -> evidence.add(Evidence.at("not code (comment or string)", file, l, code.raw(l).strip())));
        if (evidence.isEmpty()) {
            evidence.add(Evidence.at("calls", file, null, "no call of " + name + "(...) in code"));
        }
        List<Integer> lines = found.stream().map(PythonSource.Call::line).toList();
        String actual = LineDrift.count(found.size(), "call") + (found.isEmpty() ? "" : " (" + LineDrift.lines(lines) + ")");
        String also = (otherArgs.isEmpty() ? "" : "; " + LineDrift.count(otherArgs.size(), "other call")
                + " with arguments that do not match (" + LineDrift.lines(otherArgs.stream().map(PythonSource.Call::line).toList()) + ")")
                + (notCode.isEmpty() ? "" : "; " + LineDrift.lines(notCode) + " mention it only in comments or strings");
        Result.Builder r;
        if (found.size() < counts.min()) {
            r = Result.fail(file + " calls " + spec.function() + " " + LineDrift.count(found.size(), "time").replace("1 time", "once")
                    + ", fewer than the " + counts.min() + " expected" + also + ".");
        } else if (counts.max() != null && found.size() > counts.max()) {
            r = Result.fail(file + " calls " + spec.function() + " " + LineDrift.count(found.size(), "time")
                    + ", more than the " + counts.max() + " allowed.");
        } else {
            r = Result.pass(found.isEmpty() ? file + " does not call " + spec.function() + ", as expected."
                    : file + " calls " + spec.function() + " at " + LineDrift.lines(lines) + ".")
                    .note(LineDrift.note(ctx, file, lines));
            if (found.stream().anyMatch(PythonSource.Call::attribute) && receiver == null) {
                r.note("attribute calls (obj." + name + "(...)) are counted too.");
            }
        }
        return r.expected(expected).actual(actual).evidence(evidence).build();
    }

    private static List<Integer> mentionsOutsideCode(CodeLines code, String name) {
        Pattern p = Pattern.compile("(?<!\\w)" + Pattern.quote(name) + "\\s*\\(");
        Pattern def = Pattern.compile("\\bdef\\s+" + Pattern.quote(name) + "\\s*\\(");
        List<Integer> out = new ArrayList<>();
        for (int l = 1; l <= code.size(); l++) {
            String raw = code.raw(l);
            if (p.matcher(raw).find() && !p.matcher(code.masked(l)).find() && !def.matcher(raw).find()) {
                out.add(l);
            }
        }
        return out;
    }
}

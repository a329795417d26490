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
 * A regular expression or a literal occurs in the <em>code</em> of a file between {@code min} and
 * {@code max} times, counted per line. Comments never match; in Python, docstrings and other
 * triple-quoted strings never match either. The syntax is detected from the file name
 * ({@code .py}, {@code .yml}/{@code .yaml}, {@code .sh}, {@code Dockerfile*}; anything else is
 * searched as plain lines) unless {@code syntax} names one; {@code syntax: none} searches the raw
 * lines, comments included.
 *
 * <pre>{@code
 * check:
 *   type: text
 *   file: ${backend}/src/common/initialize_state_data.py
 *   pattern: "context=\\{'action': 'init'"   # or literal: "..." (exactly one of the two)
 *   min: 1                                    # default 1
 *   max: 1                                    # optional; max: 0 means "must not appear"
 *   syntax: auto                              # auto|python|yaml|shell|dockerfile|none
 *   line-hint: 812
 * }</pre>
 */
public final class TextRunner implements Runner<TextRunner.Spec> {
    private static final int MAX_EVIDENCE = 50;

    public record Spec(@JsonProperty(required = true) String file, String pattern, String literal,
                       Integer min, Integer max, String syntax) {
    }

    @Override
    public String type() {
        return "text";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if ((spec.pattern() == null) == (spec.literal() == null)) {
            problems.add(new SpecProblem(spec.pattern() == null ? "pattern" : "literal",
                    "give exactly one of 'pattern' and 'literal'",
                    "'pattern' is a regular expression, 'literal' is text matched as written"));
        }
        if (spec.pattern() != null) {
            try {
                Pattern.compile(spec.pattern());
            } catch (PatternSyntaxException e) {
                problems.add(new SpecProblem("pattern", "'pattern' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex(), "escape special characters, or use 'literal'"));
            }
        }
        if (spec.literal() != null && spec.literal().isEmpty()) {
            problems.add(new SpecProblem("literal", "'literal' is empty", "give the text to look for"));
        }
        try {
            CodeLines.Syntax.named(spec.syntax());
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem("syntax", "unknown syntax '" + spec.syntax() + "'",
                    "one of auto, python, yaml, shell, dockerfile, none"));
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
        Pattern pattern = spec.pattern() != null ? Pattern.compile(spec.pattern()) : Pattern.compile(Pattern.quote(spec.literal()));
        String what = spec.pattern() != null ? "/" + spec.pattern() + "/" : "\"" + spec.literal() + "\"";
        Counts counts = new Counts(spec.min(), spec.max());
        String expected = counts.describe("line") + " matching " + what + " in " + spec.file();
        CodeLines code;
        try {
            CodeLines.Syntax syntax = CodeLines.Syntax.named(spec.syntax()).orElse(CodeLines.Syntax.detect(spec.file()));
            code = syntax == CodeLines.Syntax.PYTHON
                    ? ctx.workspace().parsed(spec.file(), "python", PythonSource::parse).codeLines()
                    : ctx.workspace().parsed(spec.file(), "code-lines:" + syntax.key(), f -> CodeLines.of(f, syntax));
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        String file = code.file().relPath();
        List<Integer> found = new ArrayList<>();
        List<Integer> notCode = new ArrayList<>();
        for (int l = 1; l <= code.size(); l++) {
            if (pattern.matcher(code.code(l)).find()) {
                found.add(l);
            } else if (pattern.matcher(code.raw(l)).find()) {
                notCode.add(l);
            }
        }
        List<Evidence> evidence = new ArrayList<>();
        for (int l : found.subList(0, Math.min(found.size(), MAX_EVIDENCE))) {
            evidence.add(Evidence.at("match", file, l, code.raw(l).strip()));
        }
        for (int l : notCode.subList(0, Math.min(notCode.size(), MAX_EVIDENCE))) {
            evidence.add(Evidence.at("not code (comment or string)", file, l, code.raw(l).strip()));
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.at("searched", file, null, LineDrift.count(code.size(), "line") + " searched ("
                    + code.syntax().key() + " syntax)"));
        }
        String actual = LineDrift.count(found.size(), "line") + (found.isEmpty() ? "" : " (" + LineDrift.lines(found) + ")");
        String ignored = notCode.isEmpty() ? "" : "; " + LineDrift.count(notCode.size(), "other line")
                + " match only inside comments or strings (" + LineDrift.lines(notCode) + ")";
        Result.Builder r;
        if (found.size() < counts.min()) {
            r = Result.fail(LineDrift.count(found.size(), "line") + " of code in " + file + " match " + what
                    + ", fewer than the " + counts.min() + " expected" + ignored + ".");
        } else if (counts.max() != null && found.size() > counts.max()) {
            r = Result.fail(LineDrift.count(found.size(), "line") + " of code in " + file + " match " + what
                    + ", more than the " + counts.max() + " allowed.");
        } else {
            r = Result.pass(found.isEmpty() ? "No line of code in " + file + " matches " + what + ", as expected."
                    : "Found " + what + " in " + file + " at " + LineDrift.lines(found) + ".")
                    .note(LineDrift.note(ctx, file, found));
        }
        return r.expected(expected).actual(actual).evidence(evidence).build();
    }
}

package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Names;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.SourceFile;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.WorkspaceException;
import dev.greenlight.yaml.LocatedTree;
import dev.greenlight.yaml.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JSON file of the checkout (an ASL definition, a config) is valid JSON and, optionally, holds a
 * value at a path. The file is read as SAM reads it ({@link JsonDocument}): a member name repeated in
 * one object keeps its last value, and the validity check is a WARN naming every occurrence
 * (file:line) instead of a FAIL; a value check reads the kept value at its own line and notes the
 * repeat when the value is (inside) a repeated member.
 *
 * <pre>{@code
 * check:
 *   type: json
 *   file: ${backend}/src/aws_step_functions_v3.json
 *   path: /States/InitializeStateBag/Parameters/FunctionName   # or States.InitializeStateBag.Parameters.FunctionName
 *   equals: $${InitializeStateDataArn}      # or contains / not-contains / matches / exists; omit all for "valid JSON"
 * }</pre>
 * {@code contains} on a string is a substring, on an array an equal element, on an object a key.
 * {@code note-unless-equals: <text>} leaves the verdict to the other test and adds a note: the value is
 * exactly that text (a runbook's "Expected: …"), or where it first differs from it.
 * Scalars compare strictly: {@code 30} does not equal {@code "30"}.
 *
 * <p>A file that is not valid JSON is FAIL for a validity check (no {@code path}: validity is the
 * fact checked, and it is false) and ERROR for a value check (the value cannot be read, so the fact
 * was not evaluated); both name the parse error's file:line:column.
 */
public final class JsonValueRunner implements Runner<JsonValueRunner.Spec> {

    public record Spec(@JsonProperty(required = true) String file, String path, JsonNode equals, JsonNode contains,
                       JsonNode notContains, String matches, Boolean exists, String noteUnlessEquals) {
        public Spec(String file, String path, JsonNode equals, JsonNode contains, JsonNode notContains, String matches, Boolean exists) {
            this(file, path, equals, contains, notContains, matches, exists, null);
        }
    }

    @Override
    public String type() {
        return "json";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if (spec.path() != null) {
            try {
                DotPath.segments(spec.path());
            } catch (IllegalArgumentException e) {
                problems.add(new SpecProblem("path", e.getMessage(), "write States.X.Type or a JSON pointer /States/X/Type"));
            }
        }
        int assertions = (spec.equals() != null ? 1 : 0) + (spec.contains() != null ? 1 : 0)
                + (spec.notContains() != null ? 1 : 0) + (spec.matches() != null ? 1 : 0) + (spec.exists() != null ? 1 : 0);
        if (assertions > 0 && spec.path() == null) {
            problems.add(new SpecProblem("path", "a value check needs 'path'", "add path, or remove the value check to test validity only"));
        }
        if (assertions > 1) {
            problems.add(new SpecProblem("equals", "use only one of equals, contains, not-contains, matches, exists", null));
        }
        // at load time ${variables} are not yet resolved; the run checks the pattern again
        if (spec.matches() != null && !spec.matches().contains("${")) {
            try {
                Pattern.compile(spec.matches());
            } catch (PatternSyntaxException e) {
                problems.add(new SpecProblem("matches", "not a valid regular expression: " + e.getDescription(), null));
            }
        }
        return problems;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        List<SpecProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            return Result.error("The check's parameters are invalid: " + problems.get(0).message() + ".").build();
        }
        if (spec.matches() != null) {
            try {
                Pattern.compile(spec.matches());
            } catch (PatternSyntaxException e) {
                return Result.error("'matches' is not a valid regular expression: " + e.getDescription() + ".").build();
            }
        }
        boolean secret = spec.path() != null && DotPath.segments(spec.path()).stream().anyMatch(SourceExcerpt::secretName);
        String expected = secret && spec.exists() == null ? "(hidden: secret)" : expectation(spec);
        JsonDocument doc;
        try {
            doc = JsonDocument.load(ctx, spec.file());
        } catch (WorkspaceException e) {
            return unreadable(e, ctx, expected, spec.path() == null ? null
                    : DotPath.segments(spec.path()).isEmpty() ? "the document" : DotPath.display(DotPath.segments(spec.path())));
        }
        SourceFile source = doc.source();
        JsonNode root = doc.root();
        LocatedTree located = doc.tree();
        if (spec.path() == null) {
            return validity(doc, expected);
        }
        List<String> segments = DotPath.segments(spec.path());
        String pointer = DotPath.pointer(segments);
        String shown = segments.isEmpty() ? "the document" : DotPath.display(segments);
        JsonNode value = root.at(pointer);
        if (value.isMissingNode()) {
            Location near = located.nearest(pointer);
            Result.Builder b = Result.of(Boolean.FALSE.equals(spec.exists()) ? Status.PASS : Status.FAIL,
                            shown + " is " + (Boolean.FALSE.equals(spec.exists()) ? "absent, as expected." : "not in " + source.relPath() + "."))
                    .expected(expected).actual("absent")
                    .evidence(Evidence.at("nearest enclosing value", source.relPath(), near.line(),
                            SourceExcerpt.line(source, near.line(), near.column())));
            b.note(suggestion(root, segments));
            return b.build();
        }
        Location at = located.locate(pointer).orElse(null);
        String actual = secret ? "(hidden: secret)" : ValueMatcher.show(value);
        Result.Builder b = Result.pass("").expected(expected).actual(actual)
                .evidence(Evidence.at(shown, source.relPath(), at == null ? null : at.line(),
                        at == null ? actual : SourceExcerpt.line(source, at.line(), at.column())));
        if (at != null) {
            b.note(ctx.driftNote(source.relPath(), at.line()));
        }
        if (spec.noteUnlessEquals() != null && !secret) {
            b.note(value.isTextual() ? dev.greenlight.engine.TextDifference.note(spec.noteUnlessEquals(), value.asText())
                    : "It is not the text the document quotes, \"" + spec.noteUnlessEquals() + "\": it is " + actual + ".");
        }
        // a value read from (or inside) a repeated member: say which occurrence it is
        for (JsonDocument.Duplicate d : doc.duplicates()) {
            if (pointer.equals(d.pointer()) || pointer.startsWith(d.pointer() + "/") || d.pointer().startsWith(pointer + "/")) {
                b.note(source.relPath() + ": " + d.describe() + ".");
            }
        }
        String wrong = compare(spec, value);
        if (wrong != null) {
            return b.status(Status.FAIL).reason(shown + " " + (secret ? "does not hold the expected value" : wrong) + ".").build();
        }
        String holds;
        if (secret) {
            holds = " is set as expected";
        } else if (spec.contains() != null) {
            holds = " contains " + ValueMatcher.show(spec.contains());
        } else if (spec.notContains() != null) {
            holds = " does not contain " + ValueMatcher.show(spec.notContains());
        } else if (spec.matches() != null) {
            holds = " is " + actual + ", matching /" + spec.matches() + "/";
        } else {
            holds = " is " + actual;
        }
        return b.reason(shown + holds + ".").build();
    }

    private static String expectation(Spec spec) {
        if (spec.path() == null) {
            return "valid JSON";
        }
        if (spec.equals() != null) {
            return ValueMatcher.show(spec.equals());
        }
        if (spec.contains() != null) {
            return "a value containing " + ValueMatcher.show(spec.contains());
        }
        if (spec.notContains() != null) {
            return "a value not containing " + ValueMatcher.show(spec.notContains());
        }
        if (spec.matches() != null) {
            return "a value matching /" + spec.matches() + "/";
        }
        return Boolean.FALSE.equals(spec.exists()) ? "absent" : "present";
    }

    private static String kind(JsonNode n) {
        return n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "boolean" : n.isNull() ? "null"
                : n.isArray() ? "list" : "object";
    }

    private static String compare(Spec spec, JsonNode value) {
        String is = "is " + ValueMatcher.show(value);
        if (Boolean.FALSE.equals(spec.exists())) {
            return is + " but should be absent";
        }
        if (spec.equals() != null && !ValueMatcher.STRICT.same(spec.equals(), value)) {
            String want = ValueMatcher.show(spec.equals());
            if (want.equals(ValueMatcher.show(value))) {
                // same text, different JSON type: "30" is not 30 to a strict reader such as Step Functions
                return "is the " + kind(value) + " " + want + ", expected the " + kind(spec.equals()) + " " + want;
            }
            return is + ", expected " + want;
        }
        if (spec.matches() != null) {
            if (!value.isValueNode() || value.isNull()) {
                return is + ", not a single value that could match /" + spec.matches() + "/";
            }
            if (!Pattern.compile(spec.matches()).matcher(value.asText()).find()) {
                return is + ", which does not match /" + spec.matches() + "/";
            }
        }
        JsonNode wanted = spec.contains() != null ? spec.contains() : spec.notContains();
        if (wanted != null) {
            Boolean has = ValueMatcher.STRICT.contains(value, wanted);
            if (has == null) {
                return is + ", neither text, a list nor an object, so it cannot contain anything";
            }
            if (spec.contains() != null && !has) {
                return is + ", which does not contain " + ValueMatcher.show(wanted);
            }
            if (spec.notContains() != null && has) {
                return is + ", which contains " + ValueMatcher.show(wanted);
            }
        }
        return null;
    }

    /** {@code valueShown} is the path of a value check, null for a validity check. */
    private static Result unreadable(WorkspaceException e, RunContext ctx, String expected, String valueShown) {
        if (e.kind() != WorkspaceException.Kind.SYNTAX) {
            return e.toResult(expected);
        }
        // invalid JSON is the fact a validity check looks for (FAIL); a value check could not look (ERROR)
        Location at = e.location();
        String text = "";
        try {
            SourceFile f = ctx.workspace().read(e.file());
            text = at == null ? "" : SourceExcerpt.line(f, at.line(), at.column());
        } catch (WorkspaceException ignored) {
            // the message already says what is wrong
        }
        String message = e.getMessage();
        String where = e.file() + (at == null ? "" : ":" + at);
        String problem = message.contains("not valid JSON: ") ? message.substring(message.indexOf("not valid JSON: ") + 16) : message;
        String sentence = "Not valid JSON at " + where + ": " + problem + (problem.endsWith(".") ? "" : ".");
        return Result.of(valueShown == null ? Status.FAIL : Status.ERROR,
                        valueShown == null ? sentence : sentence.substring(0, sentence.length() - 1) + "; " + valueShown + " cannot be read.")
                .expected(expected).actual("not valid JSON")
                .evidence(Evidence.at("parse error", e.file(), at == null ? null : at.line(), text)).build();
    }

    /**
     * Valid JSON; a member name repeated inside one object is a WARN naming every occurrence,
     * because the value deployed is the last one and an edit to the first is silently lost.
     */
    private static Result validity(JsonDocument doc, String expected) {
        String file = doc.source().relPath();
        if (doc.duplicates().isEmpty()) {
            return Result.pass(file + " is valid JSON.").expected(expected).actual("valid JSON")
                    .evidence(Evidence.at("valid JSON", file, null, describe(doc.root()))).build();
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (JsonDocument.Duplicate d : doc.duplicates()) {
            said.add(d.describe());
            for (int k = 0; k < d.at().size(); k++) {
                Location l = d.at().get(k);
                boolean kept = k == d.at().size() - 1;
                evidence.add(Evidence.at("\"" + d.name() + "\" " + (kept ? "(kept)" : "(dropped)"), file, l.line(),
                        SourceExcerpt.line(doc.source(), l.line(), l.column())));
            }
        }
        String shown = said.size() <= 3 ? String.join("; ", said)
                : String.join("; ", said.subList(0, 3)) + "; and " + (said.size() - 3) + " more";
        return Result.warn(file + " is valid JSON, but " + (said.size() == 1 ? "a member name repeats: " : said.size()
                        + " member names repeat: ") + shown + ".")
                .expected(expected)
                .actual("valid JSON with " + LineDrift.count(said.size(), "repeated member name"))
                .evidence(evidence).build();
    }

    private static String suggestion(JsonNode root, List<String> segments) {
        JsonNode node = root;
        for (String s : segments) {
            JsonNode next = node.isArray() && s.matches("\\d+") ? node.path(Integer.parseInt(s)) : node.path(s);
            if (next.isMissingNode()) {
                if (node.isObject()) {
                    List<String> keys = new ArrayList<>();
                    node.fieldNames().forEachRemaining(keys::add);
                    return Names.didYouMean(s, keys);
                }
                return null;
            }
            node = next;
        }
        return null;
    }

    private static String describe(JsonNode root) {
        if (root.isObject()) {
            return "an object with " + root.size() + " key" + (root.size() == 1 ? "" : "s");
        }
        if (root.isArray()) {
            return "an array of " + root.size();
        }
        return "a " + root.getNodeType().name().toLowerCase() + " value";
    }
}

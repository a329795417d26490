package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Names;
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

/**
 * A property of a resource in a CloudFormation/SAM template has the expected value, located by
 * resource and property path (not by line), with SAM {@code Globals} used when the resource lacks it.
 *
 * <pre>{@code
 * check:
 *   type: cfn-property
 *   template: ${backend}/template.yaml
 *   resource: StepFunctionOrchestrator
 *   resource-type: AWS::Serverless::StateMachine   # optional
 *   path: Properties.DefinitionUri                 # or Properties.ImageConfig.Command[0], or a JSON pointer
 *   equals: src/aws_step_functions_v3.json         # or matches: <regex> / contains: <text or item> / exists: true
 *   target-exists: true                            # the value is a file path beside the template
 *   line-hint: 2413
 * }</pre>
 * {@code equals} takes any YAML value: {@code [src.common.initialize_state_data.lambda_handler]} compares
 * element-wise; scalars compare as text, so {@code true} equals {@code "true"}.
 *
 * <p>A value that is a path compares as a path, not as text: {@code ./src/x.json},
 * {@code src//x.json} and {@code src/./x.json} all equal {@code src/x.json} (lexically, not
 * case-folded; see {@link PathText}). A value is a path when the item says {@code target-exists: true},
 * or when the property is one SAM or {@code cloudformation package} reads as a local path whatever
 * the item says: {@code DefinitionUri}, {@code CodeUri}, {@code ContentUri}, {@code TemplateURL},
 * {@code Location}, and the {@code DockerContext} / {@code Dockerfile} of a function's {@code Metadata}.
 * Other text properties compare exactly ({@code ./run.sh} in a {@code Command} is not {@code run.sh}
 * to every program). The evidence and {@code actual} keep the value as written.
 */
public final class CfnPropertyRunner implements Runner<CfnPropertyRunner.Spec> {
    /** Properties whose text value SAM or {@code cloudformation package} resolves as a path beside the template. */
    private static final java.util.Set<String> PATH_PROPERTIES = java.util.Set.of(
            "DefinitionUri", "CodeUri", "ContentUri", "TemplateURL", "Location", "DockerContext", "Dockerfile");

    public record Spec(@JsonProperty(required = true) String template,
                       @JsonProperty(required = true) String resource,
                       @JsonProperty(required = true) String path,
                       JsonNode equals, String matches, JsonNode contains, Boolean exists,
                       Boolean targetExists, String resourceType) {
    }

    @Override
    public String type() {
        return "cfn-property";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        try {
            if (DotPath.segments(spec.path()).isEmpty()) {
                problems.add(new SpecProblem("path", "'path' is empty", "name a property, e.g. Properties.DefinitionUri"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem("path", e.getMessage(), "write Properties.ImageConfig.Command[0] or a JSON pointer"));
        }
        int assertions = (spec.equals() != null ? 1 : 0) + (spec.matches() != null ? 1 : 0)
                + (spec.contains() != null ? 1 : 0) + (spec.exists() != null ? 1 : 0);
        if (assertions > 1) {
            problems.add(new SpecProblem("equals", "use only one of equals, matches, contains, exists", null));
        }
        if (assertions == 0 && !Boolean.TRUE.equals(spec.targetExists())) {
            problems.add(new SpecProblem("", "nothing to check", "add equals, matches, contains, exists or target-exists"));
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
        List<String> segments = DotPath.segments(spec.path());
        String shownPath = DotPath.display(segments);
        // a function's environment values are secrets by place (TemplateSecrets), whatever their names
        boolean secret = segments.stream().anyMatch(SourceExcerpt::secretName)
                || segments.size() >= 4 && String.join(".", segments).contains("Environment.Variables.");
        String expected = expectation(spec, secret);
        CfnTemplate t;
        try {
            t = CfnTemplate.load(ctx, spec.template());
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        String resource = spec.resource();
        if (!t.hasResource(resource)) {
            return missingResource(t, resource, expected);
        }
        CfnTemplate.Found res = t.resource(resource).orElseThrow();
        String type = t.resourceType(resource);
        if (spec.resourceType() != null && !spec.resourceType().equals(type)) {
            int typeLine = t.at(res.pointer() + "/Type").map(CfnTemplate.Found::line).orElse(res.line());
            return Result.fail(resource + " is " + type + ", not " + spec.resourceType() + ".")
                    .expected(spec.resourceType()).actual(type)
                    .evidence(t.evidence("Type of " + resource, typeLine)).build();
        }
        String subject = shownPath + " of " + resource;
        var found = t.resourceValue(resource, segments);
        boolean compares = spec.equals() != null || spec.matches() != null || spec.contains() != null;
        if (found.isEmpty() && compares) {
            // a comparison is about the value the function runs with; exists: is about what is written
            found = SamDefaults.value(t, resource, segments);
        }
        if (found.isEmpty()) {
            return missingValue(spec, t, res, segments, subject, expected);
        }
        CfnTemplate.Found f = found.get();
        String actual = secret ? "(hidden: secret)" : ValueMatcher.show(f.value());
        Result.Builder verdict = Result.pass("").expected(expected).actual(actual)
                .note(LineDrift.note(ctx, t.file(), f.line(), LineDrift.enclosing(t.tree(), f.pointer())));
        if (SamDefaults.isDefault(f)) {
            subject = shownPath + " of " + resource + ": " + f.origin();
            verdict.note("Neither " + resource + " nor SAM Globals sets " + shownPath + "; the function runs with "
                    + f.origin().substring(0, f.origin().indexOf(" (")) + ".");
        } else if (f.origin() != null) {
            subject = f.origin() + " (" + resource + " has no " + shownPath + " of its own)";
            if (f.origin().contains("merged")) {
                subject = shownPath + " of " + resource + ", " + f.origin();
            }
            verdict.note("The value comes from SAM Globals: " + f.origin() + ".");
        }
        verdict.evidence(t.evidence(subject, f.line()));
        String from = f.origin() == null ? "" : " (from " + f.origin() + ")";

        boolean pathLike = Boolean.TRUE.equals(spec.targetExists()) || PATH_PROPERTIES.contains(segments.get(segments.size() - 1));
        String wrong = compare(spec, f.value(), pathLike);
        if (wrong != null) {
            return verdict.status(dev.greenlight.engine.Status.FAIL)
                    .reason(shownPath + " of " + resource + from + " " + (secret ? "does not hold the expected value" : wrong) + ".")
                    .build();
        }
        String what = shownPath + " of " + resource + from + " is " + (secret ? "set as expected" : actual);
        if (pathLike && !secret && spec.equals() != null && !spec.equals().asText().equals(f.value().asText())) {
            verdict.note(actual + " and " + ValueMatcher.show(spec.equals()) + " are the same path, written differently.");
        }
        if (t.duplicated(f.pointer())) {
            // YAML keeps the last of two equal keys; CloudFormation may refuse the template instead
            verdict.status(dev.greenlight.engine.Status.WARN)
                    .note(shownPath + " (or a key above it) is written twice in " + resource + "; the last one was checked.");
        }
        if (Boolean.TRUE.equals(spec.targetExists())) {
            return checkTarget(t, ctx, f.value(), what, verdict);
        }
        return verdict.reason(what + ".").build();
    }

    private static String expectation(Spec spec, boolean secret) {
        String e;
        if (secret && (spec.equals() != null || spec.contains() != null || spec.matches() != null)) {
            e = "(hidden: secret)";
        } else if (spec.equals() != null) {
            e = ValueMatcher.show(spec.equals());
        } else if (spec.matches() != null) {
            e = "a value matching /" + spec.matches() + "/";
        } else if (spec.contains() != null) {
            e = "a value containing " + ValueMatcher.show(spec.contains());
        } else if (Boolean.FALSE.equals(spec.exists())) {
            e = "absent";
        } else {
            e = "present";
        }
        if (Boolean.TRUE.equals(spec.targetExists())) {
            e += e.equals("present") ? ", naming an existing file beside the template" : " (an existing file beside the template)";
        }
        return e;
    }

    /** Null when the value satisfies the spec, else the end of a sentence saying what is wrong. */
    private static String compare(Spec spec, JsonNode value, boolean pathLike) {
        if (Boolean.FALSE.equals(spec.exists())) {
            return "is set to " + ValueMatcher.show(value) + " but should be absent";
        }
        boolean samePath = pathLike && spec.equals() != null && spec.equals().isTextual() && value.isTextual()
                && PathText.same(spec.equals().asText(), value.asText());
        if (spec.equals() != null && !samePath && !ValueMatcher.LOOSE.same(spec.equals(), value)) {
            return "is " + ValueMatcher.show(value) + ", expected " + ValueMatcher.show(spec.equals());
        }
        if (spec.matches() != null) {
            if (value.isContainerNode() && !ValueMatcher.isIntrinsic(value)) {
                return "is " + ValueMatcher.show(value) + ", not a single value that could match /" + spec.matches() + "/";
            }
            if (!Pattern.compile(spec.matches()).matcher(ValueMatcher.show(value)).find()) {
                return "is " + ValueMatcher.show(value) + ", which does not match /" + spec.matches() + "/";
            }
        }
        if (spec.contains() != null) {
            Boolean has = ValueMatcher.LOOSE.contains(value, spec.contains());
            if (has == null) {
                return "is " + ValueMatcher.show(value) + ", neither text nor a list, so it cannot contain "
                        + ValueMatcher.show(spec.contains());
            }
            if (!has) {
                return "is " + ValueMatcher.show(value) + ", which does not contain " + ValueMatcher.show(spec.contains());
            }
        }
        return null;
    }

    private static Result checkTarget(CfnTemplate t, RunContext ctx, JsonNode value, String what, Result.Builder verdict) {
        if (!value.isTextual() || value.asText().isBlank() || value.asText().contains("://")) {
            return verdict.status(dev.greenlight.engine.Status.FAIL)
                    .reason(what + ", which is not a file path in the checkout.").build();
        }
        Path target;
        try {
            target = ctx.workspace().resolve(t.besideTemplate(value.asText()));
        } catch (WorkspaceException e) {
            return verdict.status(dev.greenlight.engine.Status.ERROR)
                    .reason(what + ", but the file cannot be checked: " + e.getMessage() + ".").build();
        }
        String rel = ctx.workspace().relativize(target);
        if (!Files.isRegularFile(target)) {
            String problem = Files.exists(target) ? "is not a regular file" : "does not exist";
            return verdict.status(dev.greenlight.engine.Status.FAIL)
                    .reason(what + ", but " + rel + " " + problem + ".")
                    .actual(ValueMatcher.show(value) + " (" + rel + " " + problem + ")")
                    .evidence(Evidence.at("target file", rel, null, problem)).build();
        }
        String size;
        try {
            size = Files.size(target) + " bytes";
        } catch (IOException e) {
            size = "exists";
        }
        return verdict.reason(what + " and " + rel + " exists.")
                .evidence(Evidence.at("target file", rel, null, size)).build();
    }

    private static Result missingResource(CfnTemplate t, String resource, String expected) {
        int line = t.nearest("/Resources").line();
        Result.Builder b = Result.fail("Resource " + resource + " not found in template " + t.file() + ".")
                .expected(resource + " with " + expected).actual("no resource " + resource)
                .evidence(t.evidence("Resources of " + t.file(), line));
        b.note(Names.didYouMean(resource, t.resourceNames()));
        return b.build();
    }

    private static Result missingValue(Spec spec, CfnTemplate t, CfnTemplate.Found res, List<String> segments,
                                       String subject, String expected) {
        Evidence where = t.evidence(spec.resource() + " (" + t.resourceType(spec.resource()) + ")", res.line());
        if (Boolean.FALSE.equals(spec.exists())) {
            return Result.pass(subject + " is absent, as expected.").expected(expected).actual("absent")
                    .evidence(where).build();
        }
        Result.Builder b = Result.fail(subject + " is not set in " + t.file() + ".")
                .expected(expected).actual("absent").evidence(where);
        // a misspelt key in the path is the usual cause: suggest from the deepest level that exists
        for (int depth = segments.size() - 1; depth >= 0; depth--) {
            JsonNode parent = t.root().at(CfnTemplate.resourcePointer(spec.resource()) + DotPath.pointer(segments.subList(0, depth)));
            if (parent.isObject()) {
                List<String> keys = new ArrayList<>();
                parent.fieldNames().forEachRemaining(keys::add);
                b.note(Names.didYouMean(segments.get(depth), keys));
                break;
            }
            if (!parent.isMissingNode()) {
                break;
            }
        }
        t.globalsPointer(spec.resource(), segments).ifPresent(g ->
                b.note("SAM Globals (" + g.substring(1).replace('/', '.') + ") does not set it either."));
        return b.build();
    }
}

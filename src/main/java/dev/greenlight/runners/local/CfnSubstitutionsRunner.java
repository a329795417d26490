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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code ${Name}} placeholder of a state machine's definition has a DefinitionSubstitutions
 * entry, and every Ref/GetAtt/Sub target of those entries is a resource (or parameter) of the
 * template. The definition is the {@code DefinitionUri} file beside the template, or the inline
 * {@code DefinitionString} / {@code Definition}.
 *
 * <pre>{@code
 * check:
 *   type: cfn-substitutions
 *   template: ${backend}/template.yaml
 *   resource: StepFunctionOrchestrator
 *   expect:                                         # optional: entry -> Logical.Attr (GetAtt) or Logical (Ref)
 *     InitializeStateDataArn: InitializeStateDataFunction.Arn
 *     SegmentRunnerArn: SegmentRunnerFunction.Arn
 *   line-hint: 2416
 * }</pre>
 * An {@code expect} target matches the entry's value as CloudFormation resolves it: {@code Fn.Arn}
 * matches {@code !GetAtt Fn.Arn}, {@code Fn::GetAtt: [Fn, Arn]} and {@code !Sub "${Fn.Arn}"} (also
 * the list forms of {@code Fn::Sub}); {@code Param} matches {@code !Ref Param} and {@code !Sub "${Param}"}.
 *
 * <p>FAIL: a placeholder without an entry, a target that is not in the template, an {@code expect} entry
 * missing or different, a definition file that is missing. ERROR: a definition file that is not
 * valid JSON (its placeholders cannot be read; a {@code json} validity item is the one that FAILs).
 * A definition file with a member name repeated in one object is read as SAM reads it (the last
 * value wins, {@link JsonDocument}); its placeholders are those of the value that is deployed. One entry is one problem: an expected entry
 * that is missing or points at a missing resource is reported once, with the expectation added.
 * Values are echoed as written (short or long form), at the line of the value. WARN: entries no
 * placeholder uses that {@code expect} does not list either (probably left over: remove them or add
 * their placeholder). An entry {@code expect} lists but no placeholder uses is no WARN: the checklist
 * (its source document) requires it, removing it would FAIL, and CloudFormation substitutes only the
 * placeholders it finds, so it is harmless; the PASS says so in a note.
 */
public final class CfnSubstitutionsRunner implements Runner<CfnSubstitutionsRunner.Spec> {

    public record Spec(@JsonProperty(required = true) String template,
                       @JsonProperty(required = true) String resource,
                       Map<String, String> expect) {
    }

    /** The placeholders of a definition, and the pieces of evidence saying where it is. */
    private record Definition(List<AslPlaceholders.Occurrence> placeholders, String describedAs, Set<String> resolvedBySub) {
    }

    @Override
    public String type() {
        return "cfn-substitutions";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        String expected = "every ${…} placeholder of " + spec.resource()
                + "'s definition mapped in DefinitionSubstitutions to resources of the template";
        CfnTemplate t;
        try {
            t = CfnTemplate.load(ctx, spec.template());
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        if (!t.hasResource(spec.resource())) {
            int line = t.nearest("/Resources").line();
            return Result.fail("Resource " + spec.resource() + " not found in template " + t.file() + ".")
                    .expected(expected).actual("no resource " + spec.resource())
                    .evidence(t.evidence("Resources of " + t.file(), line))
                    .note(Names.didYouMean(spec.resource(), t.resourceNames())).build();
        }
        String props = CfnTemplate.resourcePointer(spec.resource()) + "/Properties";
        List<Evidence> evidence = new ArrayList<>();
        Definition def;
        try {
            def = definition(t, ctx, props, spec.resource(), evidence);
        } catch (WorkspaceException e) {
            Result r = e.toResult(expected);
            return r.toBuilder().evidence(evidence).reason(spec.resource() + "'s definition cannot be used: " + e.getMessage() + ".").build();
        } catch (NotCheckable e) {
            return Result.of(e.status, e.getMessage()).expected(expected).actual(e.actual).evidence(evidence).build();
        }

        JsonNode subs = t.root().at(props + "/DefinitionSubstitutions");
        if (!subs.isMissingNode() && !subs.isObject()) {
            return Result.error("DefinitionSubstitutions of " + spec.resource() + " is " + ValueMatcher.show(subs)
                            + ", not a map of entries; it cannot be checked locally.")
                    .expected(expected).actual(ValueMatcher.show(subs))
                    .evidence(t.evidence("DefinitionSubstitutions of " + spec.resource(), t.nearest(props + "/DefinitionSubstitutions").line()))
                    .build();
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        if (subs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = subs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                entries.put(e.getKey(), e.getValue());
            }
        }
        // one problem per entry or placeholder name, so one fault is reported (and counted) once
        Map<String, String> problems = new LinkedHashMap<>();
        List<Evidence> problemEvidence = new ArrayList<>();

        // placeholders without an entry, each occurrence with its file:line
        Set<String> used = new LinkedHashSet<>();
        Set<String> unmapped = new LinkedHashSet<>();
        for (AslPlaceholders.Occurrence o : def.placeholders()) {
            if (def.resolvedBySub().contains(o.name())) {
                continue;
            }
            used.add(o.name());
            if (!entries.containsKey(o.name())) {
                unmapped.add(o.name());
                problemEvidence.add(Evidence.at("${" + o.name() + "} has no DefinitionSubstitutions entry", o.file(), o.line(), o.text()));
            }
        }
        for (String name : unmapped) {
            String hint = Names.didYouMean(name, entries.keySet());
            problems.put(name, "${" + name + "} has no DefinitionSubstitutions entry" + (hint == null ? "" : " (" + hint + ")"));
        }

        // targets that are not in the template
        for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
            Written w = written(t, entryPointer(props, e.getKey()), e.getValue());
            List<String> dangling = new ArrayList<>();
            for (CfnTargets.Target target : CfnTargets.of(e.getValue())) {
                if (!target.resolvesIn(t)) {
                    String hint = Names.didYouMean(target.logical(), t.resourceNames());
                    String shown = ValueMatcher.isIntrinsic(e.getValue()) && !target.via().equals("Sub") ? w.text()
                            : target.shown().replace("!Sub", w.longForm() ? "Fn::Sub" : "!Sub");
                    dangling.add(shown + ", but " + target.logical()
                            + " is not a " + (target.attr() == null ? "resource or parameter" : "resource") + " of the template"
                            + (hint == null ? "" : " (" + hint + ")"));
                    problemEvidence.add(t.evidence(e.getKey() + ": target " + target.logical() + " does not exist", w.line()));
                }
            }
            if (!dangling.isEmpty()) {
                problems.put(e.getKey(), e.getKey() + " refers to " + String.join(" and to ", dangling));
            }
        }

        // expectations: a wrong or missing entry already reported above gets the expectation added
        List<String> expectations = new ArrayList<>();
        if (spec.expect() != null) {
            for (Map.Entry<String, String> want : spec.expect().entrySet()) {
                String key = want.getKey();
                String target = want.getValue().strip();
                expectations.add(key + " → " + target);
                JsonNode have = entries.get(key);
                if (have == null) {
                    if (problems.containsKey(key)) {
                        problems.put(key, problems.get(key) + " (expected " + key + " → " + target + ")");
                    } else {
                        problems.put(key, "expected entry " + key + " is missing");
                        problemEvidence.add(t.evidence("DefinitionSubstitutions of " + spec.resource() + " (no " + key + ")",
                                t.nearest(props + "/DefinitionSubstitutions").line()));
                    }
                } else if (!CfnTargets.asExpectation(have).equals(target) && !CfnValues.same(have, target, t)) {
                    if (problems.containsKey(key)) {
                        problems.put(key, problems.get(key) + " (expected " + target + ")");
                    } else {
                        Written w = written(t, entryPointer(props, key), have);
                        problems.put(key, key + " is " + w.text() + ", expected " + target);
                        problemEvidence.add(t.evidence(key + " of " + spec.resource(), w.line()));
                    }
                }
            }
        }

        List<String> unused = entries.keySet().stream().filter(k -> !used.contains(k)).toList();
        // listed by the checklist's expect: (the document requires them): not a leftover to remove
        List<String> listedUnused = unused.stream().filter(k -> spec.expect() != null && spec.expect().containsKey(k)).toList();
        List<String> strayUnused = unused.stream().filter(k -> !listedUnused.contains(k)).toList();
        String listedNote = listedUnused.isEmpty() ? null : String.join(", ", listedUnused)
                + (listedUnused.size() == 1 ? " is" : " are") + " listed by the checklist's expect: (the document requires "
                + (listedUnused.size() == 1 ? "it" : "them") + ") but unused by the definition's placeholders: harmless, "
                + "since CloudFormation substitutes only the placeholders it finds; keep "
                + (listedUnused.size() == 1 ? "it" : "them") + " for the document's sake.";
        String expectedText = expected + (expectations.isEmpty() ? "" : "; " + String.join(", ", expectations));
        Integer subsLine = subs.isObject() ? t.nearest(props + "/DefinitionSubstitutions").line() : null;
        Result.Builder b = Result.pass("").expected(expectedText)
                .note(subsLine == null ? null : LineDrift.note(ctx, t.file(), subsLine,
                        List.of(subsLine + 1, t.nearest(CfnTemplate.resourcePointer(spec.resource())).line())));
        int count = new HashSet<>(used).size();
        if (!problems.isEmpty()) {
            String all = String.join("; ", problems.values());
            return b.status(Status.FAIL)
                    .reason(spec.resource() + ": " + all + ".")
                    .actual(problems.size() == 1 ? all : problems.size() + " problems: " + all)
                    .evidence(problemEvidence).evidence(evidence)
                    .note(unused.isEmpty() ? null : "Entries no placeholder uses: " + String.join(", ", unused) + ".")
                    .build();
        }
        for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
            b.evidence(t.evidence(e.getKey() + " → " + ValueMatcher.show(e.getValue()), t.nearest(entryPointer(props, e.getKey())).line()));
        }
        b.evidence(evidence);
        String all = count == 0 ? "The definition " + def.describedAs() + " has no placeholders"
                : "All " + count + " placeholder" + (count == 1 ? " has a substitution" : "s have substitutions")
                + "; all targets exist";
        b.note(listedNote);
        if (!strayUnused.isEmpty()) {
            return b.status(Status.WARN)
                    .reason(all + ", but " + String.join(", ", strayUnused) + (strayUnused.size() == 1 ? " is" : " are")
                            + " not used by any placeholder in " + def.describedAs() + " and not listed by the checklist's expect:"
                            + " probably left over; remove " + (strayUnused.size() == 1 ? "it" : "them")
                            + " or add the placeholder that should use " + (strayUnused.size() == 1 ? "it" : "them") + ".")
                    .actual(count + " placeholder(s) mapped; unused: " + String.join(", ", unused)).build();
        }
        return b.reason(all + ".").actual(count + " placeholder(s) mapped, " + entries.size() + " entr"
                + (entries.size() == 1 ? "y" : "ies")).build();
    }

    /** An entry's value as written: short ({@code !GetAtt X.Arn}) or long ({@code Fn::GetAtt: [X, Arn]}), and its line. */
    private record Written(String text, int line, boolean longForm) {
    }

    /**
     * The located YAML turns {@code !GetAtt} into {@code Fn::GetAtt}; only a long form written in
     * the file has a location of its own for that key, which is also the line the value is on.
     */
    private static Written written(CfnTemplate t, String pointer, JsonNode value) {
        int line = t.nearest(pointer).line();
        if (!ValueMatcher.isIntrinsic(value)) {
            return new Written(ValueMatcher.show(value), line, false);
        }
        String fn = value.fieldNames().next();
        var longKey = t.tree().locate(pointer + "/" + dev.greenlight.yaml.LocatedTree.segment(fn));
        if (longKey.isEmpty()) {
            return new Written(ValueMatcher.show(value), line, false);
        }
        return new Written(fn + ": " + ValueMatcher.show(value.get(fn)), longKey.get().line(), true);
    }

    private static String entryPointer(String props, String key) {
        return props + "/DefinitionSubstitutions/" + dev.greenlight.yaml.LocatedTree.segment(key);
    }

    /** The state machine cannot be checked locally (definition in S3, none at all). */
    private static final class NotCheckable extends Exception {
        final Status status;
        final String actual;

        NotCheckable(Status status, String message, String actual) {
            super(message, null, false, false);
            this.status = status;
            this.actual = actual;
        }
    }

    private static Definition definition(CfnTemplate t, RunContext ctx, String props, String resource, List<Evidence> evidence)
            throws WorkspaceException, NotCheckable {
        // a local DefinitionS3Location (AWS::StepFunctions::StateMachine) is a file sam/cloudformation package uploads, like DefinitionUri
        String uriKey = t.root().at(props + "/DefinitionUri").isMissingNode() && t.root().at(props + "/DefinitionS3Location").isTextual()
                ? "DefinitionS3Location" : "DefinitionUri";
        JsonNode uri = t.root().at(props + "/" + uriKey);
        JsonNode string = t.root().at(props + "/DefinitionString");
        JsonNode inline = t.root().at(props + "/Definition");
        if (!uri.isMissingNode()) {
            int line = t.nearest(props + "/" + uriKey).line();
            evidence.add(t.evidence(uriKey + " of " + resource, line));
            if (!uri.isTextual() || uri.asText().contains("://")) {
                throw new NotCheckable(Status.SKIP, uriKey + " of " + resource + " is " + ValueMatcher.show(uri)
                        + ", not a file of the checkout; its placeholders cannot be checked locally.", ValueMatcher.show(uri));
            }
            String rel = ctx.workspace().relativize(ctx.workspace().resolve(t.besideTemplate(uri.asText())));
            if (rel.endsWith(".yaml") || rel.endsWith(".yml")) {
                return yamlDefinition(ctx, rel, resource, evidence);
            }
            JsonDocument asl;
            try {
                asl = JsonDocument.load(ctx, rel);
            } catch (WorkspaceException e) {
                if (e.kind() != WorkspaceException.Kind.SYNTAX) {
                    throw e;
                }
                int at = e.location() == null ? 1 : e.location().line();
                evidence.add(0, Evidence.at("definition file", rel, at,
                        SourceExcerpt.line(ctx.workspace().read(rel), at, e.location() == null ? 1 : e.location().column())));
                // the placeholders cannot be read from it, so this item is not evaluated (the validity item is the FAIL)
                throw new NotCheckable(Status.ERROR, "The definition file of " + resource + " is " + e.getMessage()
                        + "; its placeholders cannot be checked.", "not valid JSON");
            }
            for (JsonDocument.Duplicate d : asl.duplicates()) {
                evidence.add(Evidence.at("repeated member \"" + d.name() + "\" (placeholders read from the kept one)",
                        rel, d.keptLine(), SourceExcerpt.line(asl.source(), d.keptLine())));
            }
            // the placeholders of the value SAM deploys: a repeated member's dropped value is not part of it
            return new Definition(AslPlaceholders.inTemplate(asl.root(), "", asl.tree(), asl.source()), rel, Set.of());
        }
        SourceFile source = t.source();
        dev.greenlight.yaml.LocatedTree tree = t.tree();
        if (!string.isMissingNode()) {
            evidence.add(t.evidence("DefinitionString of " + resource, t.nearest(props + "/DefinitionString").line()));
            Set<String> bySub = new HashSet<>();
            JsonNode body = string;
            if (string.isObject() && string.has("Fn::Sub")) {
                // inside !Sub, ${Resource}, ${Resource.Attr}, ${Param} and ${AWS::…} are filled by CloudFormation itself
                JsonNode arg = string.get("Fn::Sub");
                body = arg.isArray() && arg.size() > 0 ? arg.get(0) : arg;
                if (arg.isArray() && arg.size() > 1) {
                    arg.get(1).fieldNames().forEachRemaining(bySub::add);
                }
                List<CfnTargets.Target> refs = new ArrayList<>();
                CfnTargets.sub(body.asText(), Set.of(), refs);
                for (CfnTargets.Target r : refs) {
                    if (r.resolvesIn(t)) {
                        bySub.add(r.logical() + (r.attr() == null ? "" : "." + r.attr()));
                    }
                }
                return new Definition(AslPlaceholders.inTemplate(body, props + "/DefinitionString/Fn::Sub" + (arg.isArray() ? "/0" : ""),
                        tree, source), "DefinitionString of " + resource, bySub);
            }
            return new Definition(AslPlaceholders.inTemplate(body, props + "/DefinitionString", tree, source),
                    "DefinitionString of " + resource, bySub);
        }
        if (!inline.isMissingNode()) {
            evidence.add(t.evidence("Definition of " + resource, t.nearest(props + "/Definition").line()));
            return new Definition(AslPlaceholders.inTemplate(inline, props + "/Definition", tree, source),
                    "Definition of " + resource, Set.of());
        }
        evidence.add(t.evidence(resource + " (" + t.resourceType(resource) + ")", t.nearest(CfnTemplate.resourcePointer(resource)).line()));
        throw new NotCheckable(Status.FAIL, resource + " has no DefinitionUri, DefinitionString or Definition.", "no definition");
    }

    /** A definition file written in YAML, which SAM reads as YAML: its placeholders, at their lines. */
    private static Definition yamlDefinition(RunContext ctx, String rel, String resource, List<Evidence> evidence)
            throws WorkspaceException, NotCheckable {
        dev.greenlight.yaml.LocatedTree tree;
        try {
            tree = ctx.workspace().yaml(rel);
        } catch (WorkspaceException e) {
            if (e.kind() != WorkspaceException.Kind.SYNTAX) {
                throw e;
            }
            int at = e.location() == null ? 1 : e.location().line();
            evidence.add(0, Evidence.at("definition file", rel, at, SourceExcerpt.line(ctx.workspace().read(rel), at, 1)));
            throw new NotCheckable(Status.ERROR, "The definition file of " + resource + " is " + e.getMessage()
                    + "; its placeholders cannot be checked.", "not valid YAML");
        }
        return new Definition(AslPlaceholders.inTemplate(tree.root(), "", tree, ctx.workspace().read(rel)), rel, Set.of());
    }
}

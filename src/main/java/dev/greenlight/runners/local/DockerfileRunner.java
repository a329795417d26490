package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;
import dev.greenlight.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Dockerfile has at least {@code min} instructions of a kind, optionally with given arguments.
 * Instructions are read as Docker reads them: {@code \} (or the {@code # escape=} character)
 * continuations joined, comment lines skipped, so a commented-out {@code COPY} is not a match.
 *
 * <p>{@code args} is compared whole, whitespace normalised, with the leading flags
 * ({@code --chown=}, {@code --from=}, {@code --platform=}) left out unless {@code args} itself starts
 * with a flag; the exec form {@code ["a", "b"]} also compares equal to {@code a b}.
 * For {@code COPY} and {@code ADD} the source operands compare as build-context paths:
 * {@code ./} is {@code .}, {@code ./src} is {@code src}, {@code src//a} is {@code src/a}. When every
 * source is a directory (written with a trailing {@code /}, the context {@code .}, or a directory in
 * the checkout), trailing slashes on sources and destination do not count, since a directory's
 * contents land in the destination directory either way; for a file source the trailing {@code /}
 * on the destination decides whether it is a directory or the file's new name, so there it counts.
 * The arguments also match as written, so a checklist may quote the Dockerfile's own
 * {@code ${LAMBDA_TASK_ROOT}} (escaped {@code $${LAMBDA_TASK_ROOT}} in the checklist). Evidence
 * shows the instruction as written.
 * {@code args-pattern} is a regular expression searched in the arguments, with or without flags.
 * A {@code FROM ${BASE_IMAGE_URI}} is reported with the default of the {@code ARG} declared before it.
 * {@code uses-arg} keeps only instructions that expand that build argument and can receive it: it is
 * declared by an {@code ARG} before the first {@code FROM} (for a {@code FROM}) or earlier in the same
 * stage (for any other instruction); otherwise {@code docker build --build-arg NAME=…} does not reach it.
 *
 * <p>An instruction is also compared as docker builds it ({@link DockerImage}, {@link DockerMatch}):
 * {@code COPY . ${LAMBDA_TASK_ROOT}/src/} on a Lambda base image is {@code COPY . /var/task/src/}
 * (evidence says where each value came from), a relative destination is resolved against the
 * WORKDIR, and a COPY in an earlier stage counts when the final image copies it on with
 * {@code COPY --from}. A {@code COPY --from=…} is not a copy of the build context. When a value
 * only the build knows decides the match (an ARG without default, a base image Greenlight does
 * not know), the result is WARN with that reason, not PASS or FAIL.
 *
 * <pre>{@code
 * check:
 *   type: dockerfile
 *   file: ${backend}/src/Dockerfile.lambda
 *   instruction: COPY
 *   args: . /var/task/src/          # or args-pattern: "^\\. /var/task/src/?$"
 *   min: 1                          # default 1; max is optional
 *   line-hint: 7
 * }</pre>
 * <pre>{@code
 * check:
 *   type: dockerfile
 *   file: ${backend}/src/Dockerfile.lambda
 *   instruction: FROM
 *   uses-arg: BASE_IMAGE_URI        # FROM ${BASE_IMAGE_URI}, with ARG BASE_IMAGE_URI before it
 * }</pre>
 */
public final class DockerfileRunner implements Runner<DockerfileRunner.Spec> {
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z]+");
    private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public record Spec(@JsonProperty(required = true) String file, @JsonProperty(required = true) String instruction,
                       String args, String argsPattern, Integer min, Integer max, String usesArg) {
        public Spec(String file, String instruction, String args, String argsPattern, Integer min, Integer max) {
            this(file, instruction, args, argsPattern, min, max, null);
        }
    }

    @Override
    public String type() {
        return "dockerfile";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if (!KEYWORD.matcher(spec.instruction()).matches()) {
            problems.add(new SpecProblem("instruction", "'" + spec.instruction() + "' is not a Dockerfile instruction",
                    "a keyword such as COPY, FROM, ARG, RUN"));
        }
        if (spec.args() != null && spec.argsPattern() != null) {
            problems.add(new SpecProblem("args-pattern", "give 'args' or 'args-pattern', not both", null));
        }
        if (spec.argsPattern() != null) {
            try {
                Pattern.compile(spec.argsPattern());
            } catch (PatternSyntaxException e) {
                problems.add(new SpecProblem("args-pattern", "'args-pattern' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex(), "escape special characters such as . $ ["));
            }
        }
        if (spec.usesArg() != null && !ARG_NAME.matcher(spec.usesArg()).matches()) {
            problems.add(new SpecProblem("uses-arg", "'" + spec.usesArg() + "' is not a build argument name",
                    "the name as in ARG NAME, e.g. BASE_IMAGE_URI"));
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
        String keyword = spec.instruction().toUpperCase(Locale.ROOT);
        Pattern pattern = spec.argsPattern() == null ? null : Pattern.compile(spec.argsPattern());
        Counts counts = new Counts(spec.min(), spec.max());
        String wanted = (spec.args() != null ? keyword + " " + DockerfileParser.normalise(spec.args())
                : pattern != null ? keyword + " matching /" + spec.argsPattern() + "/" : keyword)
                + (spec.usesArg() == null ? "" : " using the build argument " + spec.usesArg() + " (ARG " + spec.usesArg() + " declared before it)");
        String expected = (counts.min() == 1 && counts.max() == null ? "" : counts.describe("instruction") + ": ") + wanted;
        DockerfileParser.Dockerfile df;
        String file;
        try {
            df = ctx.workspace().parsed(spec.file(), "dockerfile", DockerfileParser::parse);
            file = ctx.workspace().read(spec.file()).relPath();
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        DockerImage image = DockerImage.of(df, base -> DockerBases.resolve(ctx, file, base));
        List<DockerfileParser.Instruction> candidates = df.instructions(keyword);
        Map<DockerfileParser.Instruction, DockerMatch> verdicts = new java.util.LinkedHashMap<>();
        java.util.function.Predicate<String> isDirectory = contextDirectory(ctx, file);
        candidates.forEach(i -> verdicts.put(i, DockerMatch.of(i, spec.args(), pattern, image, df, isDirectory)));
        List<DockerfileParser.Instruction> found = candidates.stream().filter(i -> verdicts.get(i).holds()
                && (spec.usesArg() == null || receives(i, spec.usesArg(), df))).toList();
        List<DockerfileParser.Instruction> undecided = candidates.stream().filter(i -> verdicts.get(i).unknown()).toList();
        List<Evidence> evidence = new ArrayList<>();
        found.forEach(i -> evidence.add(Evidence.at(keyword, file, i.line(), verdicts.get(i).describe(describe(i, df)))));
        candidates.stream().filter(i -> !found.contains(i)).forEach(i -> evidence.add(
                Evidence.at(verdicts.get(i).unknown() ? keyword + " whose value is not known" : keyword + " with other arguments",
                        file, i.line(), verdicts.get(i).describe(describe(i, df)))));
        List<Integer> commented = commentedOut(ctx, spec.file(), keyword, spec, pattern);
        commented.forEach(l -> evidence.add(Evidence.at("commented out", file, l, lineText(ctx, spec.file(), l))));
        if (evidence.isEmpty()) {
            evidence.add(Evidence.at("instructions", file, null, LineDrift.count(df.instructions().size(), "instruction")
                    + ", none of them " + keyword));
        }
        List<Integer> lines = found.stream().map(DockerfileParser.Instruction::line).toList();
        String actual = candidates.isEmpty() ? "no " + keyword + " instruction"
                : String.join("; ", (found.isEmpty() ? candidates : found).stream()
                .map(i -> i.text() + " (line " + i.line() + ")").toList());
        if (found.size() < counts.min() && found.size() + undecided.size() >= counts.min()) {
            DockerfileParser.Instruction u = undecided.get(0);
            return Result.warn(file + " may have " + wanted + " at line " + u.line() + ", but it cannot be known before the build: "
                            + verdicts.get(u).why() + ".")
                    .expected(expected).actual(actual).evidence(evidence).build();
        }
        if (found.size() < counts.min()) {
            List<DockerfileParser.Instruction> others = candidates.stream().filter(i -> !found.contains(i)).toList();
            String why = candidates.isEmpty() ? "there is no " + keyword + " instruction"
                    + (commented.isEmpty() ? "" : " (the one at " + LineDrift.lines(commented) + " is commented out)")
                    : others.isEmpty() ? "only " + found.size() + " found, " + counts.min() + " expected"
                    : "found " + String.join(", ", others.stream().map(i -> i.text() + " at line " + i.line()
                    + verdicts.get(i).aside() + (spec.usesArg() == null ? "" : unreachable(i, spec.usesArg(), df))).toList());
            return Result.fail(file + " lacks " + wanted + ": " + why + ".")
                    .expected(expected).actual(actual).evidence(evidence).build();
        }
        if (counts.max() != null && found.size() > counts.max()) {
            return Result.fail(file + " has " + LineDrift.count(found.size(), keyword + " instruction") + " matching, more than the "
                    + counts.max() + " allowed.").expected(expected).actual(actual).evidence(evidence).build();
        }
        Result.Builder pass = Result.pass(found.isEmpty() ? file + " has no " + wanted + ", as expected."
                : file + " has " + wanted + " at " + LineDrift.lines(lines) + ".");
        if (spec.args() != null) {
            found.stream().filter(i -> !i.text().endsWith(" " + DockerfileParser.normalise(spec.args())))
                    .forEach(i -> pass.note("line " + i.line() + ": " + i.text() + " is the same as " + wanted
                            + (verdicts.get(i).how().isEmpty() ? ", written differently." : ": " + verdicts.get(i).how() + ".")));
        }
        return pass.note(LineDrift.note(ctx, file, lines))
                .expected(expected).actual(actual).evidence(evidence).build();
    }

    /** True when the instruction expands {@code $NAME} / {@code ${NAME}} and an ARG declared before it can set it. */
    private static boolean receives(DockerfileParser.Instruction i, String name, DockerfileParser.Dockerfile df) {
        return expands(i, name) && declared(i, name, df);
    }

    private static boolean expands(DockerfileParser.Instruction i, String name) {
        return Pattern.compile("\\$(\\{" + name + "([:}])|" + name + "(?![A-Za-z0-9_]))").matcher(i.arguments()).find();
    }

    private static boolean declared(DockerfileParser.Instruction i, String name, DockerfileParser.Dockerfile df) {
        return (i.keyword().equals("FROM") ? df.globalArgs() : stageArgs(df, i)).containsKey(name);
    }

    /** Why an instruction does not take the build argument, for a FAIL's reason. */
    private static String unreachable(DockerfileParser.Instruction i, String name, DockerfileParser.Dockerfile df) {
        if (!expands(i, name)) {
            return " (it does not use $" + "{" + name + "}, so --build-arg " + name + "=… changes nothing)";
        }
        if (!declared(i, name, df)) {
            return i.keyword().equals("FROM")
                    ? " (no ARG " + name + " is declared before the first FROM, so --build-arg " + name + "=… cannot reach it)"
                    : " (no ARG " + name + " is declared earlier in its stage, so --build-arg " + name + "=… cannot reach it)";
        }
        return "";
    }

    /**
     * Whether a COPY source is a directory in the build context. The context is not in the Dockerfile;
     * the Dockerfile's own folder (where {@code docker build .} beside it and SAM's default
     * {@code DockerContext} put it) is taken, then the checkout's top level.
     */
    private static java.util.function.Predicate<String> contextDirectory(RunContext ctx, String dockerfile) {
        java.nio.file.Path root = ctx.workspace().root();
        java.nio.file.Path parent = java.nio.file.Path.of(dockerfile).getParent();
        java.nio.file.Path beside = parent == null ? root : root.resolve(parent);
        return source -> !source.contains("*") && !source.contains("$") && !source.startsWith("/")
                && (java.nio.file.Files.isDirectory(beside.resolve(source).normalize())
                || java.nio.file.Files.isDirectory(root.resolve(source).normalize()));
    }

    /**
     * COPY/ADD arguments with the sources written as normalised paths (and the destination's trailing
     * {@code /} dropped when the only source is {@code .}); other instructions unchanged.
     */
    static String comparable(String keyword, String normalisedArgs) {
        if (!(keyword.equals("COPY") || keyword.equals("ADD")) || normalisedArgs.startsWith("[")
                || normalisedArgs.contains("<<") || normalisedArgs.contains("\n")) {
            return normalisedArgs;
        }
        String[] words = normalisedArgs.split(" ");
        int first = 0;
        while (first < words.length && words[first].startsWith("--")) {
            first++;
        }
        if (words.length - first < 2) {
            return normalisedArgs;
        }
        List<String> out = new ArrayList<>(List.of(words).subList(0, first));
        boolean onlyContext = words.length - first == 2 && PathText.normalise(words[first], true).equals(".");
        for (int k = first; k < words.length - 1; k++) {
            out.add(PathText.normalise(words[k], true));
        }
        String dest = words[words.length - 1];
        if (onlyContext && dest.length() > 1 && dest.endsWith("/")) {
            dest = dest.substring(0, dest.length() - 1);
        }
        out.add(dest);
        return String.join(" ", out);
    }

    /** {@code ["a", "b"]} as {@code a b}; null when not the exec form. */
    static String execForm(String operands) {
        if (!operands.startsWith("[")) {
            return null;
        }
        try {
            JsonNode n = Json.COMPACT.readTree(operands);
            List<String> parts = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    return null;
                }
                parts.add(e.asText());
            }
            return n.isArray() ? DockerfileParser.normalise(String.join(" ", parts)) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The instruction, and for one using ARG variables (a FROM), what they default to. */
    private static String describe(DockerfileParser.Instruction i, DockerfileParser.Dockerfile df) {
        if (!i.arguments().contains("$")) {
            return i.text();
        }
        Map<String, DockerfileParser.ArgDeclaration> declared = i.keyword().equals("FROM") ? df.globalArgs()
                : stageArgs(df, i);
        Map<String, String> values = new java.util.LinkedHashMap<>();
        List<String> defaults = new ArrayList<>();
        for (DockerfileParser.ArgDeclaration a : declared.values()) {
            if (!i.arguments().contains(a.name())) {
                continue;
            }
            if (a.value() != null) {
                values.put(a.name(), a.value());
                defaults.add(a.name() + " defaults to " + a.value() + " (ARG at line " + a.line() + ")");
            } else {
                defaults.add(a.name() + " has no default (ARG at line " + a.line() + "); it must come from --build-arg");
            }
        }
        if (defaults.isEmpty()) {
            return i.text();
        }
        String expanded = DockerfileParser.expand(i.text(), values);
        return i.text() + (expanded.equals(i.text()) ? "" : " = " + expanded) + " [" + String.join("; ", defaults) + "]";
    }

    private static Map<String, DockerfileParser.ArgDeclaration> stageArgs(DockerfileParser.Dockerfile df, DockerfileParser.Instruction i) {
        Map<String, DockerfileParser.ArgDeclaration> out = new java.util.LinkedHashMap<>();
        df.args().stream().filter(a -> a.stage() == i.stage() && a.line() < i.line()).forEach(a -> out.put(a.name(), a));
        return out;
    }

    /** Comment lines that would match if uncommented: the likely reason for a FAIL. */
    private static List<Integer> commentedOut(RunContext ctx, String rel, String keyword, Spec spec, Pattern pattern) {
        Pattern p = Pattern.compile("^\\s*#+\\s*" + keyword + "\\s+(.*)$");
        List<Integer> out = new ArrayList<>();
        try {
            List<String> lines = ctx.workspace().read(rel).lines();
            for (int l = 1; l <= lines.size(); l++) {
                java.util.regex.Matcher m = p.matcher(lines.get(l - 1));
                if (m.matches() && (spec.args() != null ? DockerfileParser.normalise(m.group(1)).endsWith(DockerfileParser.normalise(spec.args()))
                        : pattern == null || pattern.matcher(m.group(1)).find())) {
                    out.add(l);
                }
            }
        } catch (WorkspaceException e) {
            return out;
        }
        return out;
    }

    private static String lineText(RunContext ctx, String rel, int line) {
        try {
            return ctx.workspace().read(rel).line(line).strip();
        } catch (WorkspaceException e) {
            return "";
        }
    }
}

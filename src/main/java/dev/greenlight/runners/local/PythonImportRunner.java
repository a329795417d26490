package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Python file imports a module, and optionally given names from it. Only import statements in
 * code count: a commented-out import or one quoted in a docstring does not. Relative imports are
 * resolved against the file's package: in {@code backend/src/handlers/utils/x.py},
 * {@code from .universal_sync_core import f} is {@code src.handlers.utils.universal_sync_core}
 * when the package root is {@code backend} — which is inferred (the nearest ancestor directory of
 * the file named like the module's first segment, {@code src}, is the top package; its parent is
 * the root) unless {@code package-root} says otherwise.
 *
 * <p>An import inside {@code try:}/{@code except ImportError:} or a function still counts; the
 * result says so in a note. One under {@code if TYPE_CHECKING:} (also {@code typing.TYPE_CHECKING},
 * {@code if False:}) never runs: when it is the only one, the module is not imported at run time and
 * the check FAILs saying so.
 * A {@code from m import *} satisfies {@code names} with a WARN (the names are not visible).
 * {@code from src.handlers.utils import universal_sync_core} imports the module, not names from
 * it: with {@code names} it is a FAIL that says so (the name is bound to the module object, so a
 * call to it raises TypeError); without {@code names} it satisfies the check.
 *
 * <pre>{@code
 * check:
 *   type: python-import
 *   file: ${backend}/src/handlers/utils/state_data_manager.py
 *   module: src.handlers.utils.universal_sync_core
 *   names: [universal_sync_core, get_default_hydrator]   # optional
 *   package-root: ${backend}                              # optional, inferred from module
 *   line-hint: 38
 * }</pre>
 */
public final class PythonImportRunner implements Runner<PythonImportRunner.Spec> {
    private static final Pattern MODULE = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");

    public record Spec(@JsonProperty(required = true) String file, @JsonProperty(required = true) String module,
                       List<String> names, String packageRoot) {
    }

    @Override
    public String type() {
        return "python-import";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        if (!MODULE.matcher(spec.module()).matches()) {
            return List.of(new SpecProblem("module", "'" + spec.module() + "' is not an absolute dotted module name",
                    "write it as imported from the package root, e.g. src.handlers.utils.universal_sync_core"));
        }
        return List.of();
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        List<SpecProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            return Result.error("The check is misconfigured: " + problems.get(0).message() + ".").build();
        }
        List<String> wanted = spec.names() == null ? List.of() : spec.names();
        String expected = wanted.isEmpty() ? "import of " + spec.module()
                : "from " + spec.module() + " import " + String.join(", ", wanted);
        PythonSource source;
        try {
            source = ctx.workspace().parsed(spec.file(), "python", PythonSource::parse);
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        String file = source.codeLines().file().relPath();
        String root = spec.packageRoot() != null ? spec.packageRoot() : PythonSource.inferPackageRoot(file, spec.module());
        String pkg = PythonSource.packageOf(file, root);

        List<PythonSource.Import> matching = new ArrayList<>();
        List<PythonSource.Import> others = new ArrayList<>();
        for (PythonSource.Import imp : source.imports()) {
            if (imports(imp, spec.module(), pkg, wanted.isEmpty())) {
                matching.add(imp);
            } else if (sameLeaf(imp, spec.module(), pkg)) {
                others.add(imp);
            }
        }
        List<Evidence> evidence = new ArrayList<>();
        // an import that only type checkers see never runs: it does not import anything at run time
        List<PythonSource.Import> typeOnly = matching.stream().filter(i -> neverRuns(i) != null).toList();
        if (!typeOnly.isEmpty() && typeOnly.size() == matching.size()) {
            PythonSource.Import first = typeOnly.get(0);
            typeOnly.forEach(i -> evidence.add(Evidence.at("under '" + neverRuns(i) + ":', never run", file, i.line(),
                    source.codeLines().raw(i.line()).strip())));
            return Result.fail(file + " imports " + spec.module() + " only under '" + neverRuns(first) + ":' (line "
                            + first.line() + "), which is false at run time: the module is never imported when the code runs"
                            + (wanted.isEmpty() ? "" : ", so " + String.join(", ", wanted) + " would raise NameError") + ".")
                    .expected(expected + " that runs")
                    .actual(first.statement() + " (line " + first.line() + ", under '" + neverRuns(first) + ":')")
                    .evidence(evidence).build();
        }
        matching = new ArrayList<>(matching);
        matching.removeAll(typeOnly);
        if (matching.isEmpty()) {
            Result moduleForm = moduleInsteadOfNames(source, file, spec.module(), wanted, pkg, others, expected);
            if (moduleForm != null) {
                return moduleForm;
            }
            others.forEach(i -> evidence.add(Evidence.at("imports another module", file, i.line(), asWritten(source, i, pkg))));
            List<Integer> mentions = mentionsOutsideCode(source.codeLines(), spec.module());
            mentions.forEach(l -> evidence.add(Evidence.at("commented out or in a string", file, l,
                    source.codeLines().raw(l).strip())));
            if (evidence.isEmpty()) {
                evidence.add(Evidence.at("imports", file, null, source.imports().isEmpty() ? "no import statements"
                        : source.imports().size() + " import statements, none of " + spec.module()));
            }
            String why = !others.isEmpty() ? "; " + describe(others.get(0), pkg) + " at line " + others.get(0).line()
                    + " is a different module"
                    : !mentions.isEmpty() ? "; the import at " + LineDrift.lines(mentions) + " is commented out or inside a string"
                    : "";
            return Result.fail(file + " does not import " + spec.module() + why + ".")
                    .expected(expected)
                    .actual(others.isEmpty() ? "no such import" : others.get(0).statement() + " (line " + others.get(0).line() + ")")
                    .evidence(evidence).build();
        }

        Set<String> present = new LinkedHashSet<>();
        for (PythonSource.Import imp : matching) {
            evidence.add(Evidence.at("import", file, imp.line(), source.codeLines().raw(imp.line()).strip()));
            if (imp.from() && imports(imp, spec.module(), pkg, false)) {
                imp.names().forEach(n -> present.add(n.name()));
            }
        }
        boolean star = present.contains("*");
        List<String> missing = wanted.stream().filter(n -> !present.contains(n)).toList();
        String actual = String.join("; ", matching.stream().map(i -> i.statement() + " (line " + i.line() + ")").toList());
        List<Integer> lines = matching.stream().map(PythonSource.Import::line).toList();
        if (!missing.isEmpty() && !star) {
            return Result.fail(file + " imports " + spec.module() + " at " + LineDrift.lines(lines) + " but not "
                            + String.join(", ", missing) + ".")
                    .expected(expected).actual(actual).evidence(evidence).build();
        }
        Result.Builder r = Result.pass(file + " imports " + spec.module()
                + (wanted.isEmpty() ? "" : " (" + String.join(", ", wanted) + ")") + " at " + LineDrift.lines(lines) + ".");
        for (PythonSource.Import imp : matching) {
            if (imp.level() > 0) {
                r.note("line " + imp.line() + ": the relative import '" + imp.statement() + "' resolves to "
                        + imp.absoluteModule(pkg == null ? "" : pkg) + " (package root: " + (root.isEmpty() ? "the checkout root" : root + "/") + ").");
            }
            for (String block : imp.enclosing()) {
                if (block.startsWith("try") || block.startsWith("except")) {
                    r.note("line " + imp.line() + ": the import is inside '" + block + ":'; it counts, but a failing import"
                            + " may be caught there and only show up at run time.");
                } else if (block.startsWith("def") || block.startsWith("async")) {
                    r.note("line " + imp.line() + ": the import is inside '" + block + ":'; it runs only when that function is called.");
                }
            }
        }
        typeOnly.forEach(i -> r.note("line " + i.line() + ": the import under '" + neverRuns(i)
                + ":' does not count; it never runs."));
        if (star && !missing.isEmpty()) {
            r.status(dev.greenlight.engine.Status.WARN).reason(file + " imports * from " + spec.module()
                    + "; whether that includes " + String.join(", ", missing) + " depends on the module.");
        }
        return r.note(LineDrift.note(ctx, file, lines)).expected(expected).actual(actual).evidence(evidence).build();
    }

    /**
     * The block header that keeps an import from ever running ({@code if TYPE_CHECKING},
     * {@code if typing.TYPE_CHECKING}, {@code if False}, {@code if 0}), or null when it runs.
     */
    static String neverRuns(PythonSource.Import imp) {
        for (String block : imp.enclosing()) {
            if (NEVER.matcher(block.replace(" ", "")).matches()) {
                return block;
            }
        }
        return null;
    }

    private static final Pattern NEVER = Pattern.compile("if\\(?(?:(?:typing|t|_typing)\\.)?TYPE_CHECKING\\)?|if\\(?(?:False|0)\\)?");

    /**
     * {@code from src.handlers.utils import universal_sync_core} when the names are wanted from
     * {@code src.handlers.utils.universal_sync_core}: the right module, but bound as a module object,
     * so the names are not imported (and calling the module's name raises TypeError). Null otherwise.
     */
    private static Result moduleInsteadOfNames(PythonSource source, String file, String module, List<String> wanted,
                                               String pkg, List<PythonSource.Import> others, String expected) {
        for (PythonSource.Import imp : others) {
            String abs = !imp.from() || (pkg == null && imp.level() > 0) ? null : imp.absoluteModule(pkg == null ? "" : pkg);
            if (abs == null) {
                continue;
            }
            for (PythonSource.ImportedName n : imp.names()) {
                if (!(abs + "." + n.name()).equals(module)) {
                    continue;
                }
                String bound = n.alias() == null ? n.name() : n.alias();
                StringBuilder why = new StringBuilder(file + " imports the module " + module + " itself ('" + imp.statement()
                        + "' at line " + imp.line() + "), not " + String.join(", ", wanted) + " from it: " + bound
                        + " is bound to the module object");
                if (wanted.contains(bound)) {
                    List<Integer> calls = source.calls(bound).stream().filter(c -> !c.attribute())
                            .map(PythonSource.Call::line).toList();
                    why.append(", so calling ").append(bound).append("(...)")
                            .append(calls.isEmpty() ? "" : " (" + LineDrift.lines(calls) + ")")
                            .append(" raises TypeError: 'module' object is not callable");
                }
                return Result.fail(why + ".").expected(expected)
                        .actual(imp.statement() + " (line " + imp.line() + ")")
                        .evidence(Evidence.at("imports the module, not its names", file, imp.line(), asWritten(source, imp, pkg)))
                        .build();
            }
        }
        return null;
    }

    /** The import line as written, with what a relative import resolves to. */
    private static String asWritten(PythonSource source, PythonSource.Import imp, String pkg) {
        String raw = source.codeLines().raw(imp.line()).strip();
        return imp.from() && imp.level() > 0 ? raw + " (resolves to " + imp.absoluteModule(pkg == null ? "" : pkg) + ")" : raw;
    }

    /** The statement brings in the module: {@code from m import ...}, {@code import m}, or {@code from parent import leaf}. */
    private static boolean imports(PythonSource.Import imp, String module, String pkg, boolean moduleOnly) {
        if (!imp.from()) {
            return imp.names().stream().anyMatch(n -> n.name().equals(module));
        }
        String abs = pkg == null && imp.level() > 0 ? null : imp.absoluteModule(pkg == null ? "" : pkg);
        if (abs == null) {
            return false;
        }
        if (abs.equals(module)) {
            return true;
        }
        return moduleOnly && imp.names().stream().anyMatch(n -> (abs + "." + n.name()).equals(module));
    }

    /** An import of a module with the same last segment: the likely typo or moved module. */
    private static boolean sameLeaf(PythonSource.Import imp, String module, String pkg) {
        String leaf = module.substring(module.lastIndexOf('.') + 1);
        if (!imp.from()) {
            return imp.names().stream().anyMatch(n -> n.name().equals(leaf) || n.name().endsWith("." + leaf));
        }
        String abs = imp.absoluteModule(pkg == null ? "" : pkg);
        String mod = abs == null ? imp.module() : abs;
        return mod.equals(leaf) || mod.endsWith("." + leaf) || imp.names().stream().anyMatch(n -> n.name().equals(leaf));
    }

    private static String describe(PythonSource.Import imp, String pkg) {
        if (!imp.from()) {
            return imp.statement();
        }
        String abs = imp.absoluteModule(pkg == null ? "" : pkg);
        return imp.level() > 0 ? imp.statement() + " (resolves to " + abs + ")" : imp.statement();
    }

    /** Lines whose raw text imports the module's last segment but whose code part does not. */
    private static List<Integer> mentionsOutsideCode(CodeLines code, String module) {
        String leaf = module.substring(module.lastIndexOf('.') + 1);
        Pattern p = Pattern.compile("\\bimport\\b.*\\b" + Pattern.quote(leaf) + "\\b|\\b" + Pattern.quote(leaf) + "\\b.*\\bimport\\b");
        List<Integer> out = new ArrayList<>();
        for (int l = 1; l <= code.size(); l++) {
            if (p.matcher(code.raw(l)).find() && !p.matcher(code.code(l)).find()) {
                out.add(l);
            }
        }
        return out;
    }
}

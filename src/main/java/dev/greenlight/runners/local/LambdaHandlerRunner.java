package dev.greenlight.runners.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Names;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Python Lambda function's handler names a function that exists: the template's
 * {@code ImageConfig.Command} (image functions; else the Dockerfile's CMD) or {@code Handler} (zip
 * functions), as SAM deploys it (Globals included), resolves to a module file of the code that ships
 * — for an image, what the Dockerfile's COPY/ADD put under the task root ({@code LAMBDA_TASK_ROOT},
 * {@code PYTHONPATH}, the WORKDIR) taken from the build context; for a zip, the {@code CodeUri}
 * directory — and that module binds the function at its top level (not commented out, not inside a
 * class). A handler module renamed with {@code git mv} deploys fine and fails every invocation with
 * {@code Runtime.ImportModuleError}; this is the check that sees it before the deploy.
 *
 * <pre>{@code
 * check:
 *   type: lambda-handler
 *   template: ${backend}/template.yaml
 *   resource: InitializeStateDataFunction
 *   equals: src.common.initialize_state_data.lambda_handler   # optional: the handler it must name
 *   dockerfile: ${backend}/src/Dockerfile.lambda              # image functions, unless SAM Metadata says
 *   context: ${backend}/src                                   # the build context of that Dockerfile
 *   line-hint: 556
 * }</pre>
 * Without {@code dockerfile}/{@code context} an image function's SAM {@code Metadata}
 * ({@code DockerContext}, {@code Dockerfile}) is used. FAIL: a different handler, no module file
 * where the image or CodeUri would have it, no top-level function. WARN: a handler, COPY or
 * directory only the build knows.
 */
public final class LambdaHandlerRunner implements Runner<LambdaHandlerRunner.Spec> {

    public record Spec(@JsonProperty(required = true) String template, @JsonProperty(required = true) String resource,
                       JsonNode equals, String dockerfile, String context) {
    }

    @Override
    public String type() {
        return "lambda-handler";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<SpecProblem> validate(Spec spec) {
        if ((spec.dockerfile() == null) != (spec.context() == null)) {
            return List.of(new SpecProblem(spec.dockerfile() == null ? "dockerfile" : "context",
                    "give 'dockerfile' and 'context' together", "the Dockerfile and the build context the image is built from"));
        }
        if (spec.equals() != null && !spec.equals().isTextual() && !(spec.equals().isArray() && spec.equals().size() == 1)) {
            return List.of(new SpecProblem("equals", "'equals' is one handler, e.g. src.app.lambda_handler", null));
        }
        return List.of();
    }

    /** Where the module file is looked for, and the words saying why there. */
    private record Tree(String dir, List<String> notes, List<Evidence> evidence) {
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        List<SpecProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            return Result.error("The check is misconfigured: " + problems.get(0).message() + ".").build();
        }
        String wantHandler = spec.equals() == null ? null : spec.equals().isArray() ? spec.equals().get(0).asText() : spec.equals().asText();
        String expected = (wantHandler == null ? spec.resource() + "'s handler" : wantHandler)
                + ", a top-level function of a module file that ships with the function";
        CfnTemplate t;
        try {
            t = CfnTemplate.load(ctx, spec.template());
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        if (!t.hasResource(spec.resource())) {
            return Result.fail("Resource " + spec.resource() + " not found in template " + t.file() + ".")
                    .expected(expected).actual("no resource " + spec.resource())
                    .evidence(t.evidence("Resources of " + t.file(), t.nearest("/Resources").line()))
                    .note(Names.didYouMean(spec.resource(), t.resourceNames())).build();
        }
        boolean image = t.resourceValue(spec.resource(), List.of("Properties", "PackageType"))
                .map(f -> f.value().asText()).orElse("Zip").equals("Image");
        List<Evidence> evidence = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        // the handler as deployed
        String handler;
        Integer handlerLine;
        String where;
        var found = t.resourceValue(spec.resource(), image ? List.of("Properties", "ImageConfig", "Command")
                : List.of("Properties", "Handler"));
        DockerImage docker = null;
        String dockerfileRel = null;
        String contextRel = null;
        if (image) {
            String[] files = imageFiles(spec, t);
            if (files != null) {
                dockerfileRel = files[0];
                contextRel = files[1];
            }
            if (dockerfileRel != null) {
                try {
                    String file = ctx.workspace().read(dockerfileRel).relPath();
                    DockerfileParser.Dockerfile df = ctx.workspace().parsed(dockerfileRel, "dockerfile", DockerfileParser::parse);
                    dockerfileRel = file;
                    String df0 = file;
                    docker = DockerImage.of(df, base -> DockerBases.resolve(ctx, df0, base));
                } catch (WorkspaceException e) {
                    return e.toResult(expected);
                }
            }
        }
        if (found.isPresent()) {
            JsonNode v = found.get().value();
            JsonNode first = v.isArray() && v.size() > 0 ? v.get(0) : v;
            if (!first.isTextual()) {
                return Result.warn(spec.resource() + "'s handler is " + ValueMatcher.show(v)
                                + ", a value CloudFormation computes; it cannot be resolved to a file before the deploy.")
                        .expected(expected).actual(ValueMatcher.show(v))
                        .evidence(t.evidence((image ? "ImageConfig.Command" : "Handler") + " of " + spec.resource(), found.get().line())).build();
            }
            handler = first.asText().strip();
            // a block list's item is on its own line: point at the handler, not at "Command:"
            handlerLine = v.isArray() ? t.nearest(found.get().pointer() + "/0").line() : found.get().line();
            where = t.file() + ":" + handlerLine;
            evidence.add(t.evidence((image ? "ImageConfig.Command" : "Handler") + " of " + spec.resource()
                    + (found.get().origin() == null ? "" : " (from " + found.get().origin() + ")"), handlerLine));
        } else if (image && docker != null && cmd(docker, dockerfileRel, ctx) != null) {
            DockerfileParser.Instruction c = cmd(docker, dockerfileRel, ctx);
            String exec = DockerfileRunner.execForm(c.operands());
            handler = (exec != null ? exec : c.operands()).split(" ")[0];
            handlerLine = c.line();
            where = dockerfileRel + ":" + c.line();
            evidence.add(Evidence.at("CMD of the image (no ImageConfig.Command)", dockerfileRel, c.line(), c.text()));
        } else {
            return Result.fail(spec.resource() + " has no " + (image ? "ImageConfig.Command (and the image has no CMD)" : "Handler") + ".")
                    .expected(expected).actual("no handler")
                    .evidence(t.evidence(spec.resource(), t.nearest(CfnTemplate.resourcePointer(spec.resource())).line())).build();
        }
        if (wantHandler != null && !wantHandler.equals(handler)) {
            return Result.fail(spec.resource() + "'s handler is " + handler + " (" + where + "), not " + wantHandler + ".")
                    .expected(wantHandler).actual(handler).evidence(evidence)
                    .note(handlerLine == null ? null : LineDrift.note(ctx, t.file(), handlerLine,
                            List.of(t.nearest(CfnTemplate.resourcePointer(spec.resource())).line()))).build();
        }
        int dot = handler.lastIndexOf('.');
        if (dot <= 0 || dot == handler.length() - 1) {
            return Result.fail(spec.resource() + "'s handler " + handler + " (" + where + ") is not module.function: the Python"
                    + " runtime cannot split it.").expected(expected).actual(handler).evidence(evidence).build();
        }
        String module = handler.substring(0, dot).replace('/', '.');
        String function = handler.substring(dot + 1);
        String modulePath = module.replace('.', '/');

        // where the module file comes from
        Tree tree;
        List<String> imagePaths = new ArrayList<>();
        if (image) {
            if (docker == null) {
                return Result.warn(spec.resource() + " is an image function, and neither the check ('dockerfile', 'context') nor the"
                                + " template's Metadata (DockerContext, Dockerfile) says how its image is built, so where " + module
                                + " comes from cannot be checked.").expected(expected).actual(handler).evidence(evidence).build();
            }
            ImageSource src = ImageSource.find(docker, dockerfileRel, contextRel, modulePath, ctx);
            if (src.unknown() != null) {
                return Result.warn(spec.resource() + "'s handler " + handler + ": " + src.unknown() + ".")
                        .expected(expected).actual(handler).evidence(evidence).evidence(src.evidence()).build();
            }
            imagePaths.addAll(src.imagePaths());
            if (src.contextPath() == null) {
                return Result.fail(spec.resource() + "'s handler " + handler + " (" + where + ") needs " + String.join(" or ", src.imagePaths())
                                + " in the image, and no COPY or ADD of " + dockerfileRel + " puts a file there from the build context "
                                + contextRel + ".")
                        .expected(expected).actual("no " + modulePath + ".py in the image").evidence(evidence).evidence(src.evidence()).build();
            }
            tree = new Tree(src.contextPath(), src.notes(), src.evidence());
        } else {
            String codeUri = t.resourceValue(spec.resource(), List.of("Properties", "CodeUri")).map(f -> f.value().isTextual()
                    ? f.value().asText() : null).orElse(".");
            if (codeUri == null || codeUri.contains("://")) {
                return Result.skip(spec.resource() + "'s code is not a directory of the checkout (CodeUri), so " + module
                        + " cannot be looked for.").expected(expected).actual(handler).evidence(evidence).build();
            }
            String dir = PathText.normalise(t.besideTemplate(codeUri), false);
            tree = new Tree(dir, List.of(), List.of());
        }

        // the module file: module.py, or a package's __init__.py
        String base = tree.dir().isEmpty() || tree.dir().equals(".") ? modulePath : tree.dir() + "/" + modulePath;
        String moduleFile = null;
        for (String candidate : List.of(base + ".py", base + "/__init__.py")) {
            if (isFile(ctx, candidate)) {
                moduleFile = candidate;
                break;
            }
        }
        evidence.addAll(tree.evidence());
        if (moduleFile == null) {
            String leaf = modulePath.substring(modulePath.lastIndexOf('/') + 1) + ".py";
            List<String> elsewhere = elsewhere(ctx, tree.dir(), leaf);
            return Result.fail(spec.resource() + "'s handler " + handler + " (" + where + ") names module " + module + ", but "
                            + base + ".py does not exist" + (image ? " (the image would have it at " + String.join(" or ", imagePaths) + ")" : "")
                            + (elsewhere.isEmpty() ? "" : "; " + leaf + " is at " + String.join(", ", elsewhere)) + ".")
                    .expected(expected).actual("no module file " + base + ".py").evidence(evidence).notes(tree.notes()).build();
        }
        PythonSource py;
        try {
            py = ctx.workspace().parsed(moduleFile, "python", PythonSource::parse);
        } catch (WorkspaceException e) {
            return e.toResult(expected);
        }
        String moduleRel = moduleFile;
        List<PythonDefinitions.Binding> bindings = PythonDefinitions.of(py.codeLines(), function);
        PythonDefinitions.Binding top = bindings.stream().filter(b -> b.topLevel() && !b.commented()).findFirst().orElse(null);
        bindings.stream().filter(b -> b != top).forEach(b -> evidence.add(Evidence.at(b.commented() ? "commented out"
                : "not at module level", moduleRel, b.line(), b.text())));
        if (top == null) {
            String why = bindings.isEmpty() ? "" : bindings.get(0).commented() ? "; the def at line " + bindings.get(0).line()
                    + " is commented out" : "; the one at line " + bindings.get(0).line() + " is inside a class or function";
            if (bindings.isEmpty()) {
                evidence.add(Evidence.at("module file", moduleFile, null, py.codeLines().size() + " lines, no " + function));
            }
            return Result.fail(spec.resource() + "'s handler " + handler + ": " + moduleFile + " defines no top-level " + function + why + ".")
                    .expected(expected).actual("no " + function + " in " + moduleFile).evidence(evidence).notes(tree.notes()).build();
        }
        evidence.add(Evidence.at(function, moduleFile, top.line(), top.text()));
        return Result.pass(spec.resource() + "'s handler " + handler + " resolves to " + moduleFile
                        + (image ? " (" + imagePaths.get(0) + " in the image)" : "") + ", which defines " + function + " at line " + top.line() + ".")
                .expected(expected).actual(handler).evidence(evidence).notes(tree.notes())
                .note(handlerLine == null || !where.startsWith(t.file()) ? null : LineDrift.note(ctx, t.file(), handlerLine,
                        List.of(t.nearest(CfnTemplate.resourcePointer(spec.resource())).line()))).build();
    }

    /** The Dockerfile and context: the check's, else SAM's Metadata (DockerContext beside the template, Dockerfile inside it). */
    private static String[] imageFiles(Spec spec, CfnTemplate t) {
        if (spec.dockerfile() != null) {
            return new String[]{spec.dockerfile(), PathText.normalise(spec.context(), false)};
        }
        JsonNode meta = t.root().at(CfnTemplate.resourcePointer(spec.resource()) + "/Metadata");
        if (!meta.path("DockerContext").isTextual()) {
            return null;
        }
        String context = PathText.normalise(t.besideTemplate(meta.path("DockerContext").asText()), false);
        String dockerfile = meta.path("Dockerfile").asText("Dockerfile");
        return new String[]{(context.isEmpty() || context.equals(".") ? "" : context + "/") + dockerfile, context};
    }

    private static DockerfileParser.Instruction cmd(DockerImage docker, String dockerfile, RunContext ctx) {
        try {
            List<DockerfileParser.Instruction> cmds = ctx.workspace().parsed(dockerfile, "dockerfile", DockerfileParser::parse)
                    .instructions("CMD");
            return cmds.isEmpty() ? null : cmds.get(cmds.size() - 1);
        } catch (WorkspaceException e) {
            return null;
        }
    }

    static boolean isFile(RunContext ctx, String rel) {
        try {
            return Files.isRegularFile(ctx.workspace().resolve(rel));
        } catch (WorkspaceException e) {
            return false;
        }
    }

    /** Other files of the same name under the directory: where a moved module went. */
    private static List<String> elsewhere(RunContext ctx, String dir, String leaf) {
        List<String> out = new ArrayList<>();
        try (var s = Files.walk(ctx.workspace().resolve(dir.isEmpty() ? "." : dir), 8)) {
            s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(leaf) && Files.isRegularFile(p))
                    .limit(5).forEach(p -> out.add(ctx.workspace().relativize(p)));
        } catch (Exception e) {
            return out;
        }
        return out;
    }

    /**
     * Where the image has the module, and where in the build context that file comes from.
     * {@code contextPath} is the checkout directory that stands for the task root's module tree.
     */
    private record ImageSource(List<String> imagePaths, String contextPath, String unknown, List<String> notes,
                               List<Evidence> evidence) {

        static ImageSource find(DockerImage docker, String dockerfile, String context, String modulePath, RunContext ctx) {
            List<String> notes = new ArrayList<>();
            List<Evidence> evidence = new ArrayList<>();
            Set<String> roots = new LinkedHashSet<>();
            DockerImage.Var taskRoot = docker.finalEnv().get("LAMBDA_TASK_ROOT");
            if (taskRoot != null && taskRoot.known()) {
                roots.add(taskRoot.value());
                notes.add("${LAMBDA_TASK_ROOT} = " + taskRoot.value() + " (" + taskRoot.origin() + ").");
            } else if (taskRoot != null) {
                return new ImageSource(List.of(), null, "the task root the runtime imports it from is not known: LAMBDA_TASK_ROOT "
                        + taskRoot.origin(), notes, evidence);
            } else {
                roots.add("/var/task");
            }
            DockerImage.Var pythonPath = docker.finalEnv().get("PYTHONPATH");
            if (pythonPath != null && pythonPath.known()) {
                for (String p : pythonPath.value().split(":")) {
                    if (p.startsWith("/")) {
                        roots.add(p);
                    }
                }
            }
            List<String> imagePaths = new ArrayList<>();
            for (String root : roots) {
                imagePaths.add(DockerImage.join(root, modulePath + ".py"));
            }
            for (String root : roots) {
                for (String wanted : List.of(DockerImage.join(root, modulePath + ".py"), DockerImage.join(root, modulePath + "/__init__.py"))) {
                    for (DockerfileParser.Instruction c : finalCopies(docker)) {
                        DockerImage.Expanded e = docker.expand(c);
                        String ops = DockerfileRunner.execForm(e.text());
                        String[] words = (ops != null ? ops : DockerfileParser.normalise(e.text())).split(" ");
                        if (words.length < 2 || c.arguments().contains("<<")) {
                            continue;
                        }
                        String dest = words[words.length - 1];
                        if (!e.known() || !dest.startsWith("/") && docker.workdir(c) == null) {
                            if (!e.known() && e.text().contains("$")) {
                                evidence.add(Evidence.at("COPY whose destination is not known", dockerfile, c.line(), c.text()));
                            }
                            continue;
                        }
                        if (!dest.startsWith("/")) {
                            dest = DockerImage.join(docker.workdir(c), dest);
                        }
                        for (int k = 0; k < words.length - 1; k++) {
                            String src = PathText.normalise(words[k], false);
                            String inContext = mapped(src, dest, wanted, words.length > 2, context, ctx);
                            if (inContext != null) {
                                evidence.add(Evidence.at("copies the module into the image", dockerfile, c.line(),
                                        c.text() + (e.used().isEmpty() ? "" : " [" + e.explain() + "]")));
                                String rel = modulePath + (wanted.endsWith("/__init__.py") ? "/__init__.py" : ".py");
                                String dir = inContext.substring(0, inContext.length() - rel.length());
                                dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
                                List<String> paths = new ArrayList<>(imagePaths);
                                paths.remove(wanted);
                                paths.add(0, wanted);
                                return new ImageSource(paths, inContext.endsWith(rel) ? dir : null, null, notes, evidence);
                            }
                        }
                    }
                }
            }
            boolean unknownCopies = !evidence.isEmpty();
            for (DockerfileParser.Instruction c : finalCopies(docker)) {
                evidence.add(Evidence.at("copies elsewhere", dockerfile, c.line(), c.text()));
            }
            return new ImageSource(imagePaths, null, unknownCopies ? "a COPY whose destination only the build knows may put it"
                    + " there" : null, notes, evidence);
        }

        /**
         * The checkout path that a COPY of {@code src} to {@code dest} puts at image path {@code wanted}, or null.
         * The module need not exist: the path is where it would have to be.
         */
        private static String mapped(String src, String dest, String wanted, boolean many, String context, RunContext ctx) {
            String ctxDir = context == null || context.isEmpty() || context.equals(".") ? "" : context;
            String srcRel = src.equals(".") ? ctxDir : ctxDir.isEmpty() ? src : ctxDir + "/" + src;
            boolean srcIsDir = src.equals(".") || isDir(ctx, srcRel);
            String d = dest.length() > 1 && dest.endsWith("/") ? dest.substring(0, dest.length() - 1) : dest;
            if (srcIsDir) {
                // a directory's contents land in dest
                if (wanted.startsWith(d + "/")) {
                    String rest = wanted.substring(d.length() + 1);
                    return srcRel.isEmpty() ? rest : srcRel + "/" + rest;
                }
                return null;
            }
            String name = src.substring(src.lastIndexOf('/') + 1);
            String target = dest.endsWith("/") || many ? d + "/" + name : d;
            return target.equals(wanted) ? srcRel : null;
        }

        private static boolean isDir(RunContext ctx, String rel) {
            try {
                return Files.isDirectory(ctx.workspace().resolve(rel.isEmpty() ? "." : rel));
            } catch (WorkspaceException e) {
                return false;
            }
        }

        /** COPY/ADD from the build context into the final image: the final stage and the stages it is built on. */
        private static List<DockerfileParser.Instruction> finalCopies(DockerImage docker) {
            Set<Integer> chain = new LinkedHashSet<>();
            for (DockerImage.Stage s = docker.finalStage(); s != null; s = s.parent() < 0 ? null : docker.stages().get(s.parent())) {
                chain.add(s.index());
            }
            List<DockerfileParser.Instruction> out = new ArrayList<>();
            for (DockerImage.Stage s : docker.stages()) {
                if (!chain.contains(s.index())) {
                    continue;
                }
                out.addAll(docker.instructions(s).stream()
                        .filter(i -> (i.keyword().equals("COPY") || i.keyword().equals("ADD"))
                                && i.flags().stream().noneMatch(f -> f.startsWith("--from=")))
                        .toList());
            }
            // the last COPY to a path wins in the image
            java.util.Collections.reverse(out);
            return out;
        }
    }
}

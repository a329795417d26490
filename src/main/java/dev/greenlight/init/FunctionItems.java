package dev.greenlight.init;

import dev.greenlight.runners.local.SamCheckout;
import dev.greenlight.runners.local.SamWorkflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.greenlight.init.GenItem.lit;

/**
 * Items for a function: its handler resolves to code that ships (Python through the
 * {@code lambda-handler} runner, Node through the module file and its export), and for an image
 * function, the image is built from a Dockerfile that exists, for the architecture the template
 * declares. A runtime Greenlight cannot read gets a manual item, never a guess that could FAIL.
 */
final class FunctionItems {
    private static final String HANDLER_SYMPTOMS = "Runtime\\.ImportModuleError|Runtime\\.HandlerNotFound|Cannot find module";

    private FunctionItems() {
    }

    static List<GenItem> of(SamCheckout co, SamCheckout.Template t, SamCheckout.Function f, String prefix) {
        List<GenItem> out = new ArrayList<>();
        String id = prefix + GenItem.slug(f.logicalId());
        String tpl = lit(t.file());
        if (f.inlineCode()) {
            out.add(new GenItem(id + "-handler", f.logicalId() + "'s inline code defines its handler " + lit(String.valueOf(f.handler())))
                    .why("The code is written inside the template (InlineCode / Code.ZipFile); a person checks that it defines the handler.")
                    .manual()
                    .fix("The function in the template", null, "grep -n -A15 '" + f.logicalId() + ":' " + tpl));
        } else if (f.image()) {
            image(co, t, f, id, tpl, out);
        } else if (f.python() && f.type().equals("AWS::Serverless::Function")) {
            out.add(pythonHandler(f, id, tpl, null));
        } else if (f.node() && f.handler() != null && f.type().equals("AWS::Serverless::Function")) {
            node(co, f, id, tpl, out);
        } else {
            out.add(new GenItem(id + "-handler", f.logicalId() + "'s handler " + lit(String.valueOf(f.handler()))
                    + " is the right entry point" + (f.runtime() == null ? "" : " (" + f.runtime() + ")"))
                    .why("Greenlight reads the handlers of SAM Python and Node functions; for " + (f.runtime() == null ? "this function"
                            : f.runtime() + (f.type().equals("AWS::Serverless::Function") ? "" : " (" + f.type() + ")"))
                            + " a person checks that the handler names a class or function the build ships.")
                    .manual()
                    .fix("The handler and runtime in the template", null, "grep -n -E 'Handler|Runtime|CodeUri' " + tpl));
        }
        return out;
    }

    private static GenItem pythonHandler(SamCheckout.Function f, String id, String tpl, SamWorkflows.ImageBuild build) {
        GenItem item = new GenItem(id + "-handler", f.logicalId() + "'s handler resolves to a module and a top-level function"
                + (f.image() ? " the image ships" : " in its CodeUri"))
                .why("A renamed module or function deploys fine and fails every invocation with Runtime.ImportModuleError"
                        + " or Runtime.HandlerNotFound.")
                .check("lambda-handler").with("template", tpl).with("resource", f.logicalId());
        if (build != null) {
            item.with("dockerfile", lit(build.dockerfile())).with("context", lit(build.context().isEmpty() ? "." : build.context()));
        }
        return item.symptoms(HANDLER_SYMPTOMS)
                .fix("The handler in the template", "handler|Handler|Command|module", "grep -n -E 'Handler|Command' " + tpl)
                .fix("Where the module file is", "module|does not exist|no module file",
                        "git ls-files '*" + lit(leafModule(f.handler())) + ".py'");
    }

    private static void image(SamCheckout co, SamCheckout.Template t, SamCheckout.Function f, String id, String tpl, List<GenItem> out) {
        SamWorkflows.ImageBuild build = f.dockerfile() == null ? workflowBuild(co, t, f) : null;
        String dockerfile = f.dockerfile() != null ? f.dockerfile() : build == null ? null : build.dockerfile();
        if (dockerfile == null) {
            out.add(new GenItem(id + "-image-source", f.logicalId() + "'s image is built from the code this checkout holds")
                    .why("Neither the template's Metadata (DockerContext, Dockerfile) nor a workflow step that builds an image"
                            + " says where this function's image comes from; a person checks the build that pushes it.")
                    .manual()
                    .fix("How the template names the image", null, "grep -n -E 'ImageUri|PackageType|DockerContext' " + tpl));
            return;
        }
        String shownDf = lit(dockerfile);
        out.add(new GenItem(id + "-dockerfile", f.logicalId() + "'s Dockerfile " + shownDf + " exists")
                .why((f.dockerfile() != null ? "The template's Metadata names it: sam build builds the image from it."
                        : "The workflow builds the image from it (" + lit(build.workflow()) + ":" + build.line() + ")."))
                .check("file-exists").with("paths", List.of(shownDf))
                .fix("The Dockerfiles of the checkout", "missing|not found", "git ls-files '*Dockerfile*'"));
        if (pythonImage(co, f, dockerfile)) {
            GenItem h = pythonHandler(f, id, tpl, build);
            h.why("The handler (ImageConfig.Command, else the image's CMD) must name a module the Dockerfile's COPY puts"
                    + " under the task root, with a top-level function; otherwise every invocation fails with"
                    + " Runtime.ImportModuleError or Runtime.HandlerNotFound.");
            out.add(h);
        } else {
            out.add(new GenItem(id + "-handler", f.logicalId() + "'s image command names an entry point the image ships")
                    .why("Greenlight reads Python images; for this image a person checks that ImageConfig.Command (or CMD)"
                            + " names code the Dockerfile copies in.")
                    .manual()
                    .fix("COPY and CMD of the Dockerfile", null, "grep -n -E '^(COPY|ADD|CMD|ENTRYPOINT)' " + shownDf));
        }
        architecture(f, id, build, out);
    }

    /** The architecture the template declares, as the image build must target it. */
    private static void architecture(SamCheckout.Function f, String id, SamWorkflows.ImageBuild build, List<GenItem> out) {
        String platform = "arm64".equals(f.architecture()) ? "linux/arm64" : "linux/amd64";
        if (build == null) {
            return; // sam build builds the image for the function's Architectures itself
        }
        if (build.platforms() == null && platform.equals("linux/amd64")) {
            return; // an unset platform builds for the hosted runner, which is amd64
        }
        GenItem item = new GenItem(id + "-image-platform", f.logicalId() + "'s image is built for " + platform
                + " (the template's Architectures: " + f.architecture() + ")")
                .why("Lambda runs the image on the architecture the template declares; an image built for the other one fails"
                        + " every invocation with \"exec format error\" (Runtime.InvalidEntrypoint).")
                .symptoms("exec format error", "Runtime\\.InvalidEntrypoint");
        if (build.uses() != null) {
            item.check("workflow-step").with("file", lit(build.workflow())).with("job", build.job());
            if (build.stepName() != null) {
                item.with("step", lit(build.stepName()));
            } else {
                item.with("uses", "docker/build-push-action");
            }
            item.with("with-contains", Map.of("platforms", List.of(platform)));
        } else {
            item.check("workflow-run").with("file", lit(build.workflow())).with("job", build.job());
            if (build.stepName() != null) {
                item.with("step", lit(build.stepName()));
            }
            item.with("command", "docker build").with("flag-includes", Map.of("--platform", List.of(platform)));
        }
        out.add(item.fix("The image build of the workflow", "platform|missing", "grep -n -B3 -A12 -E 'build-push-action|docker (buildx )?build' "
                + lit(build.workflow())));
    }

    /**
     * The workflow build of this function's image: with one image build, that one; with more, the
     * one the handler can be traced through (a base image build copies no handler), else the last
     * one (images are built on the ones before them).
     */
    static SamWorkflows.ImageBuild workflowBuild(SamCheckout co, SamCheckout.Template t, SamCheckout.Function f) {
        List<SamWorkflows.ImageBuild> builds = co.workflows().images().stream()
                .filter(b -> b.dockerfile() != null && b.context() != null && co.isFile(b.dockerfile())).toList();
        if (builds.size() <= 1) {
            return builds.isEmpty() ? null : builds.get(0);
        }
        for (SamWorkflows.ImageBuild b : builds) {
            if (co.handlerShipsIn(t.file(), f.logicalId(), b.dockerfile(), b.context())) {
                return b;
            }
        }
        return builds.get(builds.size() - 1);
    }

    private static boolean pythonImage(SamCheckout co, SamCheckout.Function f, String dockerfile) {
        try {
            String text = Files.readString(co.root().resolve(dockerfile)).toLowerCase(Locale.ROOT);
            return text.lines().anyMatch(l -> l.strip().startsWith("from") && l.contains("python"))
                    || text.contains("pip install") || text.contains("requirements.txt");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void node(SamCheckout co, SamCheckout.Function f, String id, String tpl, List<GenItem> out) {
        String handler = f.handler();
        int dot = handler.lastIndexOf('.');
        String dir = f.codeDir() == null ? null : f.codeDir();
        if (dot <= 0 || dir == null || !co.isDirectory(dir)) {
            out.add(new GenItem(id + "-handler", f.logicalId() + "'s handler " + lit(handler) + " names a module and an export that ship")
                    .why("The code is not a directory of this checkout (CodeUri), so a person checks the handler against the build.")
                    .manual().fix("The handler and CodeUri in the template", null, "grep -n -E 'Handler|CodeUri' " + tpl));
            return;
        }
        String module = handler.substring(0, dot);
        String function = handler.substring(dot + 1);
        String base = (dir.isEmpty() ? "" : dir + "/") + module;
        List<String> candidates = new ArrayList<>();
        if (!f.entryPoints().isEmpty()) {
            f.entryPoints().forEach(e -> candidates.add((dir.isEmpty() ? "" : dir + "/") + e));
        } else {
            for (String ext : List.of(".js", ".mjs", ".cjs", ".ts", ".mts")) {
                candidates.add(base + ext);
            }
        }
        List<String> present = candidates.stream().filter(co::isFile).toList();
        if (present.isEmpty() && built(co, f, dir, module)) {
            out.add(new GenItem(id + "-handler", f.logicalId() + "'s handler " + lit(handler) + " names a module the build produces")
                    .why("The module is built (" + (f.buildMethod() != null ? "BuildMethod " + f.buildMethod() : "TypeScript")
                            + "), not committed, so a person checks that the build writes " + lit(module) + " exporting " + function + ".")
                    .manual().fix("The handler and build settings", null, "grep -n -E 'Handler|CodeUri|BuildMethod|EntryPoints' " + tpl));
            return;
        }
        String glob = f.entryPoints().isEmpty() ? base + ".*" : candidates.get(0);
        out.add(new GenItem(id + "-handler-module", f.logicalId() + "'s handler module " + lit(module) + " exists in " + lit(dir.isEmpty() ? "." : dir))
                .why("Node loads " + lit(module) + " from the code directory; a renamed or moved file deploys fine and fails every"
                        + " invocation with Runtime.ImportModuleError (\"Cannot find module\").")
                .check("file-exists").with("paths", List.of(lit(glob)))
                .symptoms(HANDLER_SYMPTOMS)
                .fix("The handler in the template", "missing|not found|match", "grep -n Handler " + tpl)
                .fix("The files of the code directory", "missing|not found|match", "git ls-files " + lit(dir.isEmpty() ? "." : dir)));
        if (present.size() == 1) {
            String file = lit(present.get(0));
            String fn = function.replace("$", "\\$");
            out.add(new GenItem(id + "-handler-export", present.get(0).substring(present.get(0).lastIndexOf('/') + 1)
                    + " exports " + function)
                    .why("Node calls the export the handler names; without it every invocation fails with Runtime.HandlerNotFound.")
                    .check("text").with("file", file)
                    .with("pattern", "(exports\\." + fn + "\\s*=|export\\s+(default\\s+)?(async\\s+)?(const|let|var|function\\*?)\\s+"
                            + fn + "\\b|export\\s*\\{[^}]*\\b" + fn + "\\b|module\\.exports\\s*=)")
                    .symptoms("Runtime\\.HandlerNotFound")
                    .fix("The exports of the module", "fewer|not found|missing", "grep -n -E 'export|module.exports' " + file));
        }
    }

    /**
     * Signs that the handler's module is build output rather than a committed file: a SAM BuildMethod,
     * a tsconfig.json in the code directory or above it, a package.json with a build script, or a
     * module under dist/, build/, out/ or lib/.
     */
    private static boolean built(SamCheckout co, SamCheckout.Function f, String dir, String module) {
        if (f.buildMethod() != null || module.matches("(dist|build|out|lib|\\.build)/.*")) {
            return true;
        }
        String d = dir;
        while (true) {
            if (co.isFile((d.isEmpty() ? "" : d + "/") + "tsconfig.json")) {
                return true;
            }
            if (d.isEmpty()) {
                break;
            }
            d = d.contains("/") ? d.substring(0, d.lastIndexOf('/')) : "";
        }
        try {
            String pkg = java.nio.file.Files.readString(co.root().resolve((dir.isEmpty() ? "" : dir + "/") + "package.json"));
            return pkg.matches("(?s).*\"scripts\"\\s*:\\s*\\{[^}]*\"build\"\\s*:.*");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String leafModule(String handler) {
        if (handler == null || handler.lastIndexOf('.') <= 0) {
            return "*";
        }
        String module = handler.substring(0, handler.lastIndexOf('.'));
        return module.substring(Math.max(module.lastIndexOf('.'), module.lastIndexOf('/')) + 1);
    }
}

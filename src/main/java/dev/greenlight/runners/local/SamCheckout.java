package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Workspace;
import dev.greenlight.engine.WorkspaceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a SAM/CloudFormation checkout holds, read the way its consumers read it, for writing a
 * checklist about it ({@code greenlight init}): its templates (found by name, by samconfig.toml's
 * {@code template_file} and by the {@code sam build -t} of its workflows) with their state
 * machines, functions (SAM Globals applied), required parameters and the capabilities a deploy
 * needs; and the {@code sam} and {@code docker} commands its GitHub Actions workflows run
 * ({@link SamWorkflows}). It uses the same models as the runners, so a generated item asks a
 * runner about what the runner itself would find.
 */
public final class SamCheckout {
    /** Directories whose templates are build output or dependencies, never the source of a deploy. */
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".aws-sam", "node_modules", "cdk.out", ".venv", "venv",
            "__pycache__", ".terraform", ".serverless", "dist", "build", "target", ".idea", ".vscode");
    private static final java.util.regex.Pattern EXAMPLE_DIR = java.util.regex.Pattern.compile(
            "/(tests?|examples?|samples?|fixtures?|testdata|docs?|demo)/", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final Set<String> TEMPLATE_NAMES = Set.of("template.yaml", "template.yml", "template.json");
    private static final Set<String> IAM_TYPES = Set.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
            "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::InstanceProfile", "AWS::IAM::AccessKey",
            "AWS::IAM::UserToGroupAddition", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy",
            "AWS::Serverless::Connector");
    /** The property that gives an IAM resource a custom name, which needs CAPABILITY_NAMED_IAM. */
    private static final java.util.Map<String, String> IAM_NAME = java.util.Map.of("AWS::IAM::Role", "RoleName",
            "AWS::IAM::ManagedPolicy", "ManagedPolicyName", "AWS::IAM::User", "UserName", "AWS::IAM::Group", "GroupName",
            "AWS::IAM::InstanceProfile", "InstanceProfileName");

    /** A state machine; {@code definitionFile} is checkout-relative, null for an inline or S3 definition. */
    public record StateMachine(String logicalId, String type, String definitionProperty, String definitionFile,
                               boolean substitutions, int line) {
    }

    /**
     * A function as SAM deploys it. {@code handler} is {@code Handler} (zip) or the first word of
     * {@code ImageConfig.Command} (image), null when neither says (an image's CMD then decides).
     * {@code dockerfile}/{@code context} come from SAM's Metadata; {@code architecture} is x86_64
     * unless {@code Architectures} says arm64.
     */
    public record Function(String logicalId, String type, boolean image, String runtime, String handler, String codeDir,
                           String dockerfile, String context, String architecture, String buildMethod,
                           List<String> entryPoints, boolean inlineCode, int line) {
        public boolean python() {
            return runtime != null && runtime.startsWith("python");
        }

        public boolean node() {
            return runtime != null && runtime.startsWith("nodejs");
        }
    }

    public record Parameter(String name, boolean noEcho, int line) {
    }

    /**
     * A template and what it asks of a deploy.
     *
     * @param capabilities CAPABILITY_IAM (IAM resources, or roles SAM generates), CAPABILITY_NAMED_IAM (IAM
     *                     resources with a custom name), CAPABILITY_AUTO_EXPAND (nested applications)
     * @param capabilityReasons one phrase per capability: which resource needs it
     */
    public record Template(String file, List<StateMachine> stateMachines, List<Function> functions,
                           List<Parameter> requiredParameters, List<String> capabilities, List<String> capabilityReasons) {
        public boolean hasImageFunctions() {
            return functions.stream().anyMatch(Function::image);
        }

        public String directory() {
            int slash = file.lastIndexOf('/');
            return slash < 0 ? "" : file.substring(0, slash);
        }
    }

    private final Path root;
    private final List<Template> templates;
    private final SamWorkflows workflows;
    private final List<String> notes;

    private SamCheckout(Path root, List<Template> templates, SamWorkflows workflows, List<String> notes) {
        this.root = root;
        this.templates = templates;
        this.workflows = workflows;
        this.notes = notes;
    }

    public Path root() {
        return root;
    }

    public List<Template> templates() {
        return templates;
    }

    public SamWorkflows workflows() {
        return workflows;
    }

    /** What could not be read (a template that does not parse, a workflow that is not YAML). */
    public List<String> notes() {
        return notes;
    }

    /** Reads the checkout; never throws for what is in it (unreadable files become notes). */
    public static SamCheckout read(Path root) {
        RunContext ctx = new RunContext(null, new Workspace(root), null, null, RunOptions.defaults(root), () -> false);
        List<String> notes = new ArrayList<>();
        SamWorkflows workflows = SamWorkflows.read(ctx, notes);
        Set<String> referenced = new LinkedHashSet<>(workflows.templateFiles());
        referenced.addAll(SamWorkflows.samconfigTemplates(ctx, root));
        Set<String> candidates = new LinkedHashSet<>();
        for (String file : byName(root)) {
            // a template under tests/ or examples/ is a fixture, not a deploy, unless a workflow or samconfig.toml names it
            if (referenced.contains(file) || !EXAMPLE_DIR.matcher("/" + file).find()) {
                candidates.add(file);
            }
        }
        candidates.addAll(referenced);
        List<Template> templates = new ArrayList<>();
        for (String file : candidates) {
            try {
                CfnTemplate t = CfnTemplate.load(ctx, file);
                if (!t.root().path("Resources").isObject()) {
                    continue;
                }
                Template read = template(t);
                if (!read.stateMachines().isEmpty() || !read.functions().isEmpty()) {
                    templates.add(read);
                }
            } catch (WorkspaceException | RuntimeException e) {
                notes.add(file + " could not be read as a template: " + e.getMessage());
            }
        }
        return new SamCheckout(root, List.copyOf(templates), workflows, List.copyOf(notes));
    }

    private static List<String> byName(Path root) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, 8)) {
            s.filter(p -> !skipped(root, p) && Files.isRegularFile(p) && TEMPLATE_NAMES.contains(p.getFileName().toString()))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted(SamCheckout::byDepth).forEach(out::add);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** Shallow files first, so the top-level template comes before the examples nested under it. */
    private static int byDepth(String a, String b) {
        int da = a.split("/").length;
        int db = b.split("/").length;
        return da != db ? Integer.compare(da, db) : a.compareTo(b);
    }

    private static boolean skipped(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static Template template(CfnTemplate t) {
        List<StateMachine> machines = new ArrayList<>();
        List<Function> functions = new ArrayList<>();
        Set<String> caps = new LinkedHashSet<>();
        List<String> reasons = new ArrayList<>();
        for (String id : t.resourceNames()) {
            String type = t.resourceType(id);
            int line = t.nearest(CfnTemplate.resourcePointer(id)).line();
            JsonNode props = t.root().at(CfnTemplate.resourcePointer(id) + "/Properties");
            if ("AWS::Serverless::StateMachine".equals(type) || "AWS::StepFunctions::StateMachine".equals(type)) {
                machines.add(stateMachine(t, id, type, props, line));
                if ("AWS::Serverless::StateMachine".equals(type) && (!props.has("Role") || props.has("Events"))) {
                    need(caps, reasons, "CAPABILITY_IAM", id + " (SAM creates its role)");
                }
            } else if ("AWS::Serverless::Function".equals(type) || "AWS::Lambda::Function".equals(type)) {
                functions.add(function(t, id, type, line));
                if ("AWS::Serverless::Function".equals(type) && !props.has("Role")) {
                    need(caps, reasons, "CAPABILITY_IAM", id + " (SAM creates its role)");
                }
            } else if (IAM_TYPES.contains(type)) {
                String nameProp = IAM_NAME.get(type);
                if (nameProp != null && props.has(nameProp)) {
                    need(caps, reasons, "CAPABILITY_NAMED_IAM", id + " (" + type + " with " + nameProp + ")");
                } else {
                    need(caps, reasons, "CAPABILITY_IAM", id + " (" + type + ")");
                }
            } else if ("AWS::Serverless::Application".equals(type)) {
                need(caps, reasons, "CAPABILITY_AUTO_EXPAND", id + " (a nested application)");
            }
        }
        List<Parameter> required = new ArrayList<>();
        JsonNode params = t.root().path("Parameters");
        for (String name : t.parameterNames()) {
            JsonNode p = params.path(name);
            if (p.isObject() && !p.has("Default")) {
                required.add(new Parameter(name, p.path("NoEcho").asText("false").equalsIgnoreCase("true"),
                        t.nearest("/Parameters/" + dev.greenlight.yaml.LocatedTree.segment(name)).line()));
            }
        }
        return new Template(t.file(), List.copyOf(machines), List.copyOf(functions), List.copyOf(required),
                List.copyOf(caps), List.copyOf(reasons));
    }

    private static void need(Set<String> caps, List<String> reasons, String cap, String why) {
        if (caps.add(cap)) {
            reasons.add(cap + ": " + why);
        }
    }

    private static StateMachine stateMachine(CfnTemplate t, String id, String type, JsonNode props, int line) {
        boolean sam = type.startsWith("AWS::Serverless");
        String prop = sam ? "DefinitionUri" : "DefinitionS3Location";
        JsonNode uri = props.path(prop);
        String file = null;
        String kind = null;
        if (uri.isTextual() && !uri.asText().startsWith("s3://") && !uri.asText().contains("${")) {
            file = PathText.normalise(t.besideTemplate(uri.asText()), false);
            kind = prop;
        } else if (!uri.isMissingNode()) {
            kind = prop;
        } else if (props.has("Definition")) {
            kind = "Definition";
        } else if (props.has("DefinitionString")) {
            kind = "DefinitionString";
        }
        return new StateMachine(id, type, kind, file, props.has("DefinitionSubstitutions"), line);
    }

    private static Function function(CfnTemplate t, String id, String type, int line) {
        boolean sam = type.startsWith("AWS::Serverless");
        boolean image = text(t, id, "PackageType").map(p -> p.equalsIgnoreCase("Image")).orElse(false);
        String runtime = text(t, id, "Runtime").map(r -> r.toLowerCase(Locale.ROOT)).orElse(null);
        String handler;
        if (image) {
            handler = t.resourceValue(id, List.of("Properties", "ImageConfig", "Command"))
                    .map(f -> f.value().isArray() && f.value().size() > 0 ? f.value().get(0) : f.value())
                    .filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
        } else {
            handler = text(t, id, "Handler").orElse(null);
        }
        String codeDir = null;
        if (!image) {
            JsonNode code = t.resourceValue(id, List.of("Properties", sam ? "CodeUri" : "Code")).map(CfnTemplate.Found::value).orElse(null);
            if (code == null && sam) {
                codeDir = PathText.normalise(t.besideTemplate("."), false);
            } else if (code != null && code.isTextual() && !code.asText().startsWith("s3://")) {
                codeDir = PathText.normalise(t.besideTemplate(code.asText()), false);
            }
        }
        JsonNode meta = t.root().at(CfnTemplate.resourcePointer(id) + "/Metadata");
        String dockerfile = null;
        String context = null;
        if (image && meta.path("DockerContext").isTextual()) {
            context = PathText.normalise(t.besideTemplate(meta.path("DockerContext").asText()), false);
            String df = meta.path("Dockerfile").asText("Dockerfile");
            dockerfile = (context.isEmpty() || context.equals(".") ? "" : context + "/") + df;
        }
        String arch = t.resourceValue(id, List.of("Properties", "Architectures"))
                .map(f -> f.value().isArray() && f.value().size() > 0 ? f.value().get(0).asText() : f.value().asText())
                .orElse("x86_64");
        List<String> entryPoints = new ArrayList<>();
        meta.path("BuildProperties").path("EntryPoints").forEach(e -> entryPoints.add(e.asText()));
        String buildMethod = meta.path("BuildMethod").isTextual() ? meta.path("BuildMethod").asText() : null;
        boolean inline = t.resourceValue(id, List.of("Properties", "InlineCode")).isPresent()
                || t.root().at(CfnTemplate.resourcePointer(id) + "/Properties/Code/ZipFile").isValueNode();
        return new Function(id, type, image, runtime, handler, codeDir, dockerfile, context, arch, buildMethod,
                List.copyOf(entryPoints), inline, line);
    }

    private static Optional<String> text(CfnTemplate t, String id, String property) {
        return t.resourceValue(id, List.of("Properties", property)).map(CfnTemplate.Found::value)
                .filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /**
     * Whether the lambda-handler runner traces the function's handler through this Dockerfile and
     * build context: how {@code init} tells the image build of a function from a base-image build.
     */
    public boolean handlerShipsIn(String template, String function, String dockerfile, String context) {
        try {
            RunContext ctx = new RunContext(null, new Workspace(root), null, null, RunOptions.defaults(root), () -> false);
            var r = new LambdaHandlerRunner().run(new LambdaHandlerRunner.Spec(template, function, null, dockerfile,
                    context == null || context.isEmpty() ? "." : context), ctx);
            return r.status() == dev.greenlight.engine.Status.PASS || r.status() == dev.greenlight.engine.Status.WARN;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** True when the checkout-relative path is a regular file. */
    public boolean isFile(String rel) {
        return rel != null && Files.isRegularFile(root.resolve(rel.isEmpty() ? "." : rel));
    }

    public boolean isDirectory(String rel) {
        return rel != null && Files.isDirectory(root.resolve(rel.isEmpty() ? "." : rel));
    }
}

package dev.greenlight.runners.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as docker builds it, as far as checks need: the stages, and at every instruction the
 * variables in scope with where each value came from — {@code ARG} defaults (global ones only in
 * {@code FROM}, or in a stage that declares them again), {@code ENV}, and the environment the base
 * image defines (the AWS Lambda base images set {@code LAMBDA_TASK_ROOT=/var/task}), inherited
 * from stage to stage — and {@code WORKDIR}. A value that cannot be known before the build (an
 * {@code ARG} without default, an unknown base image) is said to be unknown, not guessed.
 */
public final class DockerImage {

    /** A variable's value ({@code null} when unknown) and a phrase saying where it came from. */
    public record Var(String name, String value, String origin) {
        public boolean known() {
            return value != null;
        }
    }

    /**
     * An instruction's operands with variables expanded (docker expands them in FROM, COPY, ADD,
     * ENV, WORKDIR, …, not in RUN/CMD, which the shell reads). {@code unknown} lists variables whose
     * values cannot be known; {@code used} the known ones, for evidence.
     */
    public record Expanded(String text, List<Var> used, List<Var> unknown) {
        public boolean known() {
            return unknown.isEmpty();
        }

        /** {@code ${LAMBDA_TASK_ROOT} = /var/task (set by base image …)}; empty when no variable was used. */
        public String explain() {
            List<String> parts = new ArrayList<>();
            used.forEach(v -> parts.add("${" + v.name() + "} = " + v.value() + " (" + v.origin() + ")"));
            unknown.forEach(v -> parts.add("${" + v.name() + "} is unknown (" + v.origin() + ")"));
            return String.join("; ", parts);
        }
    }

    /**
     * One build stage. {@code base} is the FROM image as expanded; {@code parent} the index of the
     * stage it builds on ({@code FROM builder}), or -1 for an image.
     */
    public record Stage(int index, String name, String base, int parent, int line) {
    }

    /** The environment the AWS Lambda base images define, as AWS documents it for every runtime. */
    static final Map<String, String> LAMBDA_ENV = Map.of("LAMBDA_TASK_ROOT", "/var/task", "LAMBDA_RUNTIME_DIR", "/var/runtime");
    private static final Pattern LAMBDA_IMAGE = Pattern.compile(
            "(?:public\\.ecr\\.aws/lambda|amazon/aws-lambda-[a-z0-9]+|(?:[0-9]+\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/)?lambda)/?[a-z0-9.\\-]*(?::[\\w.\\-]+)?(?:@sha256:[0-9a-f]+)?");
    private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_]\\w*)(?:(:?[-+])([^}]*))?}|([A-Za-z_]\\w*))");
    private static final Set<String> EXPANDS = Set.of("ADD", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL", "USER",
            "VOLUME", "WORKDIR", "ONBUILD", "ARG");

    private final DockerfileParser.Dockerfile file;
    private final List<Stage> stages = new ArrayList<>();
    /** Variables in scope just before each instruction, keyed by the instruction's line. */
    private final Map<Integer, Map<String, Var>> scopeAt = new LinkedHashMap<>();
    private final Map<Integer, String> workdirAt = new LinkedHashMap<>();
    private final Map<Integer, String> workdirOrigin = new LinkedHashMap<>();

    private DockerImage(DockerfileParser.Dockerfile file) {
        this.file = file;
    }

    /**
     * The model of a parsed Dockerfile. {@code baseEnv} gives the environment of a base image that is
     * not a stage ({@code null} when unknown); {@link #knownBaseEnv} knows the Lambda images.
     */
    public static DockerImage of(DockerfileParser.Dockerfile file, Function<String, BaseImage> baseEnv) {
        DockerImage m = new DockerImage(file);
        m.build(baseEnv);
        return m;
    }

    /** A base image's environment and working directory, and what to call it in evidence. */
    public record BaseImage(Map<String, String> env, String workdir, String described) {
    }

    /** The Lambda base images (public.ecr.aws/lambda/python:3.12, amazon/aws-lambda-nodejs:20, …); null for others. */
    public static BaseImage knownBaseEnv(String image) {
        if (image == null || !LAMBDA_IMAGE.matcher(image.toLowerCase(Locale.ROOT)).matches()) {
            return null;
        }
        return new BaseImage(LAMBDA_ENV, "/var/task", "base image " + image);
    }

    public List<Stage> stages() {
        return stages;
    }

    public Stage finalStage() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }

    public Stage stageOf(DockerfileParser.Instruction i) {
        return i.stage() < 0 || i.stage() >= stages.size() ? null : stages.get(i.stage());
    }

    /** The stage named (case-insensitively) or numbered {@code ref}, or null when {@code ref} is an image. */
    public Stage stage(String ref) {
        for (Stage s : stages) {
            if (s.name() != null && s.name().equalsIgnoreCase(ref) || String.valueOf(s.index()).equals(ref)) {
                return s;
            }
        }
        return null;
    }

    /** The COPY/ADD instructions whose {@code --from} names this stage (by name or number). */
    public List<DockerfileParser.Instruction> copiesFrom(Stage s) {
        List<DockerfileParser.Instruction> out = new ArrayList<>();
        for (DockerfileParser.Instruction i : file.instructions()) {
            if (!(i.keyword().equals("COPY") || i.keyword().equals("ADD"))) {
                continue;
            }
            for (String f : i.flags()) {
                String ref = f.startsWith("--from=") ? f.substring(7) : null;
                if (ref != null && (ref.equalsIgnoreCase(s.name() == null ? "" : s.name()) || ref.equals(String.valueOf(s.index())))) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** The instructions of one stage, in order (its FROM included). */
    public List<DockerfileParser.Instruction> instructions(Stage s) {
        return file.instructions().stream().filter(i -> i.stage() == s.index()).toList();
    }

    /** The variables the final image runs with (its ENV, the base image's), with where each came from. */
    public Map<String, Var> finalEnv() {
        return stageEnv.isEmpty() ? Map.of() : stageEnv.get(stageEnv.size() - 1);
    }

    /** The image the final stage is built on, following {@code FROM stage} back to an image; null when unknown. */
    public String finalBaseImage() {
        Stage s = finalStage();
        while (s != null && s.parent() >= 0) {
            s = stages.get(s.parent());
        }
        return s == null ? null : s.base();
    }

    /** The working directory an instruction runs in ({@code null} when unknown), and where it was set. */
    public String workdir(DockerfileParser.Instruction i) {
        return workdirAt.get(i.line());
    }

    public String workdirOrigin(DockerfileParser.Instruction i) {
        return workdirOrigin.get(i.line());
    }

    /** The instruction's operands with the variables in scope expanded; RUN/CMD and the like as written. */
    public Expanded expand(DockerfileParser.Instruction i) {
        if (!EXPANDS.contains(i.keyword())) {
            return new Expanded(i.operands(), List.of(), List.of());
        }
        return expand(i.operands(), scopeAt.getOrDefault(i.line(), Map.of()));
    }

    private void build(Function<String, BaseImage> baseEnv) {
        Map<String, Var> globals = new LinkedHashMap<>();
        Map<String, Var> scope = new LinkedHashMap<>();
        String workdir = null;
        String wdOrigin = null;
        for (DockerfileParser.Instruction i : file.instructions()) {
            if (i.keyword().equals("FROM")) {
                scopeAt.put(i.line(), new LinkedHashMap<>(globals));
                Expanded from = expand(i.operands(), globals);
                String[] words = DockerfileParser.normalise(from.text()).split(" ");
                String image = words.length > 0 ? words[0] : "";
                String name = words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
                Stage parent = from.known() ? stage(image) : null;
                stages.add(new Stage(stages.size(), name, from.known() ? image : null, parent == null ? -1 : parent.index(), i.line()));
                scope = new LinkedHashMap<>();
                if (parent != null) {
                    scope.putAll(stageEnv.get(parent.index()));
                    workdir = stageWorkdir.get(parent.index());
                    wdOrigin = "inherited from stage " + (parent.name() == null ? parent.index() : parent.name());
                } else {
                    BaseImage base = from.known() ? baseEnv.apply(image) : null;
                    String described = from.known() ? "base image " + image + (from.used().isEmpty() ? "" : " (" + from.explain() + ")")
                            : "base image " + i.operands() + " (" + from.explain() + ")";
                    if (base != null) {
                        for (Map.Entry<String, String> kv : base.env().entrySet()) {
                            scope.put(kv.getKey(), new Var(kv.getKey(), kv.getValue(), "set by " + base.described()
                                    + (from.used().isEmpty() ? "" : ", from " + from.explain())));
                        }
                        workdir = base.workdir();
                        wdOrigin = "WORKDIR of " + base.described();
                    } else {
                        // what the base defines is not known: its variables are unknown, not unset
                        for (String k : LAMBDA_ENV.keySet()) {
                            scope.put(k, new Var(k, null, "would be set by " + described + ", which Greenlight does not know"));
                        }
                        workdir = null;
                        wdOrigin = "the WORKDIR of " + described + " is not known";
                    }
                }
                // a global ARG is visible in FROM lines only: in a stage it is empty until declared again
                for (Var g : globals.values()) {
                    scope.putIfAbsent(g.name(), new Var(g.name(), "", "the ARG " + g.name() + " before the first FROM is only"
                            + " visible in FROM lines; in this stage it is empty unless declared again"));
                }
                stageEnv.add(scope);
                stageWorkdir.add(workdir);
                continue;
            }
            scopeAt.put(i.line(), new LinkedHashMap<>(scope));
            workdirAt.put(i.line(), workdir);
            workdirOrigin.put(i.line(), wdOrigin);
            if (i.stage() < 0) {
                if (i.keyword().equals("ARG")) {
                    declareArgs(i, globals, Map.of(), true);
                }
                continue;
            }
            switch (i.keyword()) {
                case "ARG" -> declareArgs(i, scope, globals, false);
                case "ENV" -> declareEnv(i, scope);
                case "WORKDIR" -> {
                    Expanded wd = expand(i.operands(), scope);
                    String dir = DockerfileParser.normalise(wd.text());
                    if (!wd.known()) {
                        workdir = null;
                        wdOrigin = "WORKDIR at line " + i.line() + " uses " + wd.explain();
                    } else if (dir.startsWith("/")) {
                        workdir = dir;
                        wdOrigin = "WORKDIR at line " + i.line();
                    } else if (workdir != null) {
                        workdir = join(workdir, dir);
                        wdOrigin = "WORKDIR at line " + i.line() + ", relative to the one before";
                    }
                }
                default -> {
                }
            }
            stageEnv.set(stageEnv.size() - 1, scope);
            stageWorkdir.set(stageWorkdir.size() - 1, workdir);
        }
    }

    private final List<Map<String, Var>> stageEnv = new ArrayList<>();
    private final List<String> stageWorkdir = new ArrayList<>();

    private void declareArgs(DockerfileParser.Instruction i, Map<String, Var> into, Map<String, Var> globals, boolean global) {
        for (DockerfileParser.ArgDeclaration a : file.args()) {
            if (a.line() != i.line()) {
                continue;
            }
            if (into.containsKey(a.name()) && into.get(a.name()).origin().startsWith("ENV at")) {
                continue; // an ENV of the same name wins over the ARG
            }
            if (a.value() != null) {
                Expanded v = expand(a.value(), into);
                into.put(a.name(), new Var(a.name(), v.known() ? v.text() : null, (global ? "global " : "") + "ARG default at line "
                        + a.line() + (v.known() ? "; a --build-arg " + a.name() + " would override it" : ", itself using " + v.explain())));
            } else if (!global && globals.get(a.name()) != null && globals.get(a.name()).known()) {
                Var g = globals.get(a.name());
                into.put(a.name(), new Var(a.name(), g.value(), g.origin() + ", declared again at line " + a.line()));
            } else {
                into.put(a.name(), new Var(a.name(), null, "ARG at line " + a.line() + " has no default: its value comes from --build-arg"));
            }
        }
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_]\\w*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S*)");

    private void declareEnv(DockerfileParser.Instruction i, Map<String, Var> scope) {
        String ops = i.operands().strip();
        Matcher pair = ENV_PAIR.matcher(ops);
        List<String[]> pairs = new ArrayList<>();
        if (pair.lookingAt()) {
            pair.reset();
            while (pair.find()) {
                pairs.add(new String[]{pair.group(1), unquote(pair.group(2))});
            }
        } else {
            String[] kv = ops.split("\\s+", 2); // legacy form: ENV NAME value with spaces
            if (kv.length == 2) {
                pairs.add(new String[]{kv[0], kv[1].strip()});
            }
        }
        Map<String, Var> before = new LinkedHashMap<>(scope); // one ENV line expands against the scope before it
        for (String[] p : pairs) {
            Expanded v = expand(p[1], before);
            scope.put(p[0], new Var(p[0], v.known() ? v.text() : null, "ENV at line " + i.line()
                    + (v.known() ? "" : ", using " + v.explain())));
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /**
     * Docker's substitution: {@code $X}, {@code ${X}}, {@code ${X:-word}} (X, or word when X is unset or
     * empty), {@code ${X:+word}} (word when X is set and not empty), and the forms without the colon
     * (unset only). {@code \$} is a literal dollar.
     */
    static Expanded expand(String text, Map<String, Var> scope) {
        Set<Var> used = new LinkedHashSet<>();
        Set<Var> unknown = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        Matcher m = VAR.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > 0 && text.charAt(m.start() - 1) == '\\') {
                out.append(text, last, m.start() - 1).append(m.group());
                last = m.end();
                continue;
            }
            out.append(text, last, m.start());
            last = m.end();
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String op = m.group(2);
            Var v = scope.get(name);
            if (v != null && !v.known()) {
                unknown.add(v);
                out.append(m.group());
                continue;
            }
            String value = v == null ? null : v.value();
            boolean set = value != null;
            boolean nonEmpty = set && !value.isEmpty();
            if (op == null) {
                if (v == null) {
                    // unset in docker expands to "", but a variable no line defines is more likely a mistake: say so
                    unknown.add(new Var(name, null, "not defined by any ARG, ENV or known base image"));
                    out.append(m.group());
                    continue;
                }
                used.add(v);
                out.append(value);
            } else {
                boolean useVar = op.startsWith(":") ? nonEmpty : set;
                // the word is expanded in turn: ${APP_DIR:-$LAMBDA_TASK_ROOT}
                Expanded word = expand(m.group(3), scope);
                if (op.endsWith("-")) {
                    if (useVar) {
                        used.add(v);
                    } else {
                        used.addAll(word.used());
                        unknown.addAll(word.unknown());
                    }
                    out.append(useVar ? value : word.text());
                } else {
                    if (v != null) {
                        used.add(v);
                    }
                    if (useVar) {
                        used.addAll(word.used());
                        unknown.addAll(word.unknown());
                    }
                    out.append(useVar ? word.text() : "");
                }
            }
        }
        out.append(text.substring(last));
        return new Expanded(out.toString(), List.copyOf(used), List.copyOf(unknown));
    }

    /** {@code /var/task} + {@code src/} → {@code /var/task/src/}; lexical, as docker resolves WORKDIR and COPY destinations. */
    static String join(String dir, String relative) {
        String r = relative;
        while (r.startsWith("./")) {
            r = r.substring(2);
        }
        if (r.equals(".")) {
            return dir;
        }
        return (dir.endsWith("/") ? dir : dir + "/") + r;
    }
}

package dev.greenlight.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.RunnerRegistry;

import java.util.Map;

/**
 * The runner reference of docs/checklist-format.md, generated from each runner's spec record and its
 * {@link RunnerReference}: a section per runner with every parameter (kind, required, default,
 * allowed values, meaning) and its tested examples with their fixtures and verdicts.
 */
public final class RunnerReferenceMarkdown {
    public static final String BEGIN = "<!-- runner reference: generated from src/main/resources/runners/*.yaml by RunnerReferenceTest; do not edit -->";
    public static final String END = "<!-- end of runner reference -->";

    private RunnerReferenceMarkdown() {
    }

    public static String generate(RunnerRegistry registry) {
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        md.append("| type | checks |\n|---|---|\n");
        for (Runner<?> r : registry.all()) {
            RunnerReference ref = RunnerReference.load(r.type()).orElse(null);
            md.append("| [`").append(r.type()).append("`](#").append(r.type()).append(") | ")
                    .append(cell(ref == null ? "" : firstSentence(ref.summary()))).append(" |\n");
        }
        for (Runner<?> r : registry.all()) {
            RunnerReference ref = RunnerReference.load(r.type()).orElse(null);
            md.append("\n### ").append(r.type()).append("\n\n");
            if (ref == null) {
                md.append("(no reference yet)\n");
                continue;
            }
            md.append(ref.summary()).append("\n\n");
            if (r.access() != Runner.Access.READ) {
                md.append("Runs only with ").append(r.access() == Runner.Access.INVOKE ? "`--allow-invoke`" : "`--allow-commands`")
                        .append(" (or the person's confirmation in the app).\n\n");
            }
            md.append("| parameter | kind | required | default | allowed values | meaning |\n|---|---|---|---|---|---|\n");
            Map<String, ParameterKinds.Declared> declared = ParameterKinds.of(r.specType());
            for (ParameterKinds.Declared d : declared.values()) {
                RunnerReference.Param p = ref.parameters().get(d.key());
                md.append("| `").append(d.key()).append("` | ").append(ParameterKinds.words(d.type())).append(" | ")
                        .append(d.required() ? "yes" : "no").append(" | ")
                        .append(p == null || p.defaultValue() == null ? "" : "`" + show(p.defaultValue()) + "`").append(" | ")
                        .append(p == null || p.values().isEmpty() ? "" : "`" + String.join("`, `", p.values()) + "`").append(" | ")
                        .append(cell(p == null ? "" : p.description())).append(" |\n");
            }
            md.append("\nEvery check also takes `timeout`, `fail-as` and `line-hint` (above).\n");
            int n = 0;
            for (RunnerReference.Example x : ref.examples()) {
                n++;
                md.append("\n**Example ").append(n).append(": ").append(x.title()).append("** — verdict **")
                        .append(x.verdict()).append("**").append(x.reason() == null ? "" : ", reason names \"" + x.reason() + "\"")
                        .append("\n\n");
                if (x.deployment() != null) {
                    md.append("Against the test AWS deployment (the project's local endpoint): ")
                            .append(x.deployment().equals("good") ? "a good deploy" : x.deployment()).append(".\n\n");
                }
                if (!x.vars().isEmpty()) {
                    md.append("Variables: ");
                    x.vars().forEach((k, v) -> md.append("`").append(k).append("=").append(v).append("` "));
                    md.append("\n\n");
                }
                files(md, "Checkout (committed)", x.files());
                files(md, "Staged, not committed", x.staged());
                files(md, "Untracked", x.untracked());
                md.append("```yaml\n").append(x.check().strip()).append("\n```\n");
            }
        }
        return md.append('\n').append(END).append('\n').toString();
    }

    /** Puts the generated reference between the markers of {@code doc} (appended when missing). */
    public static String splice(String doc, String reference) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        if (b < 0 || e < b) {
            return doc + "\n" + reference;
        }
        return doc.substring(0, b) + reference + doc.substring(e + END.length() + (doc.startsWith("\n", e + END.length()) ? 1 : 0));
    }

    private static void files(StringBuilder md, String label, Map<String, String> files) {
        for (Map.Entry<String, String> f : files.entrySet()) {
            md.append(label).append(": `").append(f.getKey()).append("`\n\n```").append(language(f.getKey())).append('\n')
                    .append(f.getValue().stripTrailing()).append("\n```\n\n");
        }
    }

    private static String language(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return "yaml";
        }
        if (name.endsWith(".py")) {
            return "python";
        }
        if (name.endsWith(".json")) {
            return "json";
        }
        if (name.endsWith(".sh")) {
            return "bash";
        }
        if (name.startsWith("Dockerfile")) {
            return "dockerfile";
        }
        if (name.endsWith(".toml")) {
            return "toml";
        }
        return "";
    }

    private static String show(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        return dot < 0 ? s : s.substring(0, dot + 1);
    }

    private static String cell(String s) {
        return s.replace("\r", "").replace("\n", " ").replace("|", "\\|").strip();
    }
}

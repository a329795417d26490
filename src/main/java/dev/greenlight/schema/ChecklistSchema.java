package dev.greenlight.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.json.Json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of checklist files, generated from the runners' spec records so it can never
 * drift from what the loader accepts. Editors with a YAML language server autocomplete checklist
 * files from it ({@code # yaml-language-server: $schema=...}).
 */
public final class ChecklistSchema {
    private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB = new PropertyNamingStrategies.KebabCaseStrategy();

    private ChecklistSchema() {
    }

    public static ObjectNode generate(RunnerRegistry registry) {
        ObjectNode root = Json.COMPACT.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://greenlight.dev/schema/checklist.schema.json");
        root.put("title", "Greenlight checklist");
        root.put("type", "object");
        root.put("additionalProperties", false);
        root.putArray("required").add("id").add("title").add("sections");
        ObjectNode props = root.putObject("properties");
        props.putObject("id").put("type", "string").put("pattern", "^[a-z0-9][a-z0-9._-]*$");
        props.putObject("title").put("type", "string");
        props.putObject("version").put("type", "string");
        props.putObject("description").put("type", "string");
        ObjectNode vars = props.putObject("vars");
        vars.put("type", "object").put("description", "Variables with defaults; ${name} anywhere else, $${x} for a literal ${x}.");
        vars.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
        ObjectNode requires = props.putObject("requires");
        requires.put("type", "array").put("description", "What a GO must rest on: post-deploy makes a run that checked no"
                + " AWS item NO-GO instead of 'GO (local only ...)'.");
        requires.putObject("items").putArray("enum").add("post-deploy");
        ObjectNode sections = props.putObject("sections");
        sections.put("type", "array").put("minItems", 1);
        sections.putObject("items").put("$ref", "#/$defs/section");

        ObjectNode defs = root.putObject("$defs");
        ObjectNode section = defs.putObject("section");
        section.put("type", "object").put("additionalProperties", false);
        section.putArray("required").add("id").add("title").add("items");
        ObjectNode sp = section.putObject("properties");
        sp.putObject("id").put("type", "string");
        sp.putObject("title").put("type", "string");
        sp.putObject("description").put("type", "string");
        sp.putObject("items").put("type", "array").putObject("items").put("$ref", "#/$defs/item");

        ObjectNode item = defs.putObject("item");
        item.put("type", "object").put("additionalProperties", false);
        item.putArray("required").add("id").add("title");
        ObjectNode ip = item.putObject("properties");
        ip.putObject("id").put("type", "string").put("pattern", "^[a-z0-9][a-z0-9._-]*$");
        ip.putObject("title").put("type", "string");
        ip.putObject("why").put("type", "string").put("description", "Why the item matters.");
        ip.putObject("description").put("type", "string");
        ip.putObject("manual").put("type", "boolean").put("description", "A person signs it off; no check.");
        ip.putObject("one-of").put("type", "string").put("pattern", "^[a-z0-9][a-z0-9._-]*$")
                .put("description", "A group of alternatives (e.g. the ways to trigger a deploy): items with the same"
                        + " one-of id are one requirement, met when any one of them holds or is signed off.");
        ip.putObject("gate").put("type", "boolean").put("default", true)
                .put("description", "false: a watching item. It runs and is recorded but never blocks the go/no-go or the"
                        + " exit code; history suggests gating it after N green complete runs.");
        ip.putObject("needs").put("type", "array").putObject("items").put("type", "string");
        lineHint(ip.putObject("line-hint"))
                .put("description", "The line (or range, \"809-816\") the source document quotes: the start of the block it"
                        + " quotes. A note reports drift only when that block moved.");
        ip.putObject("symptoms").put("type", "array").put("description", "Regexes of error messages this item explains.")
                .putObject("items").put("type", "string").put("format", "regex");
        ip.putObject("troubleshoot").put("type", "array").putObject("items").put("$ref", "#/$defs/troubleshoot");
        ip.putObject("logs").put("type", "array").putObject("items").put("$ref", "#/$defs/log");
        ArrayNode oneOf = ip.putObject("check").putArray("oneOf");

        ObjectNode ts = defs.putObject("troubleshoot");
        ts.put("type", "object").put("additionalProperties", false);
        ts.putArray("required").add("title");
        ObjectNode tp = ts.putObject("properties");
        tp.putObject("title").put("type", "string");
        tp.putObject("when").put("type", "string").put("format", "regex");
        tp.putObject("run").put("type", "string");
        tp.putObject("note").put("type", "string");
        tp.putObject("local").put("type", "boolean");
        tp.putObject("mutating").put("type", "boolean");

        ObjectNode log = defs.putObject("log");
        ArrayNode logOneOf = log.putArray("oneOf");
        logOneOf.addObject().put("type", "string");
        ObjectNode logObject = logOneOf.addObject();
        logObject.put("type", "object").put("additionalProperties", false);
        ObjectNode lp = logObject.putObject("properties");
        lp.putObject("group").put("type", "string");
        lp.putObject("function").put("type", "string");
        lp.putObject("filter").put("type", "string");

        for (Runner<?> runner : registry.all()) {
            String name = "check-" + runner.type();
            oneOf.addObject().put("$ref", "#/$defs/" + name);
            ObjectNode check = defs.putObject(name);
            check.put("type", "object").put("additionalProperties", false);
            RunnerReference ref = RunnerReference.load(runner.type()).orElse(null);
            check.put("description", (ref == null ? runner.type() + " runner" : ref.summary().replaceAll("\\s+", " "))
                    + (runner.access() == Runner.Access.READ ? ""
                    : " (needs " + (runner.access() == Runner.Access.INVOKE ? "--allow-invoke" : "--allow-commands") + ")"));
            ArrayNode required = check.putArray("required").add("type");
            ObjectNode cp = check.putObject("properties");
            cp.putObject("type").put("const", runner.type());
            lineHint(cp.putObject("line-hint"));
            cp.putObject("timeout").put("type", "integer").put("minimum", 1).put("description", "Seconds.");
            ObjectNode failAs = cp.putObject("fail-as");
            failAs.put("description", "warn: the item checks a premise of the procedure, not the deploy; a FAIL is reported as WARN.");
            failAs.putArray("enum").add("warn");
            ObjectNode onNoData = cp.putObject("on-no-data");
            onNoData.put("description", "block: a NO DATA verdict (nothing to evaluate) keeps the release from a GO and the"
                    + " CLI from exit 0; warn: it is a caveat. Default for this runner: "
                    + (runner.noDataBlocksByDefault() ? "block" : "warn") + ".");
            onNoData.putArray("enum").add("block").add("warn");
            Class<?> spec = runner.specType();
            if (spec.isRecord()) {
                for (RecordComponent c : spec.getRecordComponents()) {
                    String key = KEBAB.translate(c.getName());
                    ObjectNode prop = typeOf(c.getGenericType());
                    RunnerReference.Param param = ref == null ? null : ref.parameters().get(key);
                    if (param != null) {
                        prop.put("description", param.description().replaceAll("\\s+", " "));
                        if (param.defaultValue() != null) {
                            prop.set("default", param.defaultValue());
                        }
                        if (!param.values().isEmpty()) {
                            ArrayNode allowed = prop.putArray("enum");
                            param.values().forEach(allowed::add);
                        }
                    }
                    cp.set(key, prop);
                    JsonProperty jp = c.getAccessor().getAnnotation(JsonProperty.class);
                    if (jp == null) {
                        try {
                            jp = spec.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
                        } catch (NoSuchFieldException ignored) {
                            // a record always has the field; keep going without the annotation
                        }
                    }
                    if (jp != null && jp.required()) {
                        required.add(key);
                    }
                }
            }
            if (ref != null && !ref.examples().isEmpty()) {
                ArrayNode examples = check.putArray("examples");
                ref.examples().forEach(x -> examples.add(x.checkTree()));
            }
        }
        return root;
    }

    private static ObjectNode typeOf(Type t) {
        ObjectNode n = Json.COMPACT.createObjectNode();
        Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : t instanceof Class<?> c ? c : Object.class;
        if (raw == String.class) {
            n.put("type", "string");
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            n.put("type", "integer");
        } else if (raw == Double.class || raw == double.class) {
            n.put("type", "number");
        } else if (raw == Boolean.class || raw == boolean.class) {
            n.put("type", "boolean");
        } else if (List.class.isAssignableFrom(raw)) {
            n.put("type", "array");
            if (t instanceof ParameterizedType p) {
                n.set("items", typeOf(p.getActualTypeArguments()[0]));
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            n.put("type", "object");
            if (t instanceof ParameterizedType p) {
                n.set("additionalProperties", typeOf(p.getActualTypeArguments()[1]));
            }
        }
        return n;
    }

    public static String generateText(RunnerRegistry registry) {
        try {
            return Json.COMPACT.writerWithDefaultPrettyPrinter().writeValueAsString(generate(registry)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode lineHint(ObjectNode node) {
        ArrayNode any = node.putArray("oneOf");
        any.addObject().put("type", "integer").put("minimum", 0);
        any.addObject().put("type", "string").put("pattern", "^\\s*\\d+\\s*(-\\s*\\d+\\s*)?$");
        return node;
    }
}

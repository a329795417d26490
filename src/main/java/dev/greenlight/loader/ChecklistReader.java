package dev.greenlight.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.Names;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.CheckSpec;
import dev.greenlight.model.CheckTypes;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.LogSource;
import dev.greenlight.model.Problem;
import dev.greenlight.model.Section;
import dev.greenlight.model.Troubleshoot;
import dev.greenlight.yaml.LocatedTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One pass over one checklist file's tree, collecting every problem with its location. */
final class ChecklistReader {
    private final CheckTypes types;
    private final String file;
    private final LocatedTree tree;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> itemIds = new HashMap<>();
    private Map<String, String> vars = new LinkedHashMap<>();
    private int dropped;

    ChecklistReader(CheckTypes types, String file, LocatedTree tree) {
        this.types = types;
        this.file = file;
        this.tree = tree;
    }

    private void problem(String pointer, String message, String suggestion) {
        lazyProblem(pointer, message, () -> suggestion);
    }

    /** The suggestion is worked out only for problems that are listed. */
    private void lazyProblem(String pointer, String message, java.util.function.Supplier<String> suggestion) {
        if (problems.size() >= ChecklistLoader.MAX_PROBLEMS) {
            dropped++;
            return;
        }
        problems.add(new Problem(file, tree.nearest(pointer), message, suggestion.get()));
    }

    private List<Problem> listed() {
        if (dropped == 0) {
            return problems;
        }
        List<Problem> all = new ArrayList<>(problems);
        all.add(new Problem(file, null, dropped + " more problems not listed (only the first " + ChecklistLoader.MAX_PROBLEMS
                + " are shown)", "fix these and load the file again"));
        return all;
    }

    LoadResult read() {
        for (String dup : tree.duplicateKeys()) {
            problem(dup, "duplicate key '" + dup.substring(dup.lastIndexOf('/') + 1) + "'", "the last one would win; remove one");
        }
        JsonNode root = tree.root();
        if (!root.isObject()) {
            problem("", "a checklist must be a mapping with id, title and sections", null);
            return new LoadResult(Optional.empty(), listed());
        }
        unknownKeys(root, "", ChecklistLoader.TOP_KEYS);
        String id = requiredText(root, "", "id");
        if (id != null && !ChecklistLoader.ID.matcher(id).matches()) {
            problem("/id", "checklist id '" + id + "' must be lower-case letters, digits, '.', '_' or '-'", null);
        }
        String title = requiredText(root, "", "title");
        vars = readVars(root.get("vars"));
        List<Section> sections = new ArrayList<>();
        JsonNode sectionsNode = root.get("sections");
        if (sectionsNode == null || !sectionsNode.isArray() || sectionsNode.isEmpty()) {
            problem(sectionsNode == null ? "" : "/sections", "a checklist needs a non-empty list of 'sections'", null);
        } else {
            Set<String> sectionIds = new HashSet<>();
            for (int i = 0; i < sectionsNode.size(); i++) {
                Section s = readSection(sectionsNode.get(i), "/sections/" + i);
                if (s != null) {
                    if (!sectionIds.add(s.id())) {
                        problem("/sections/" + i + "/id", "duplicate section id '" + s.id() + "'", null);
                    }
                    sections.add(s);
                }
            }
        }
        checkNeeds(sections);
        checkGroups(sections);
        List<String> requires = stringList(root.get("requires"), "/requires");
        for (int i = 0; i < requires.size(); i++) {
            if (!requires.get(i).equals(Checklist.POST_DEPLOY)) {
                problem("/requires/" + i, "'requires' knows only '" + Checklist.POST_DEPLOY + "', not '" + requires.get(i) + "'",
                        "write requires: [post-deploy] for a walkthrough whose GO must rest on the deployed system");
            }
        }
        if (!problems.isEmpty()) {
            return new LoadResult(Optional.empty(), listed());
        }
        Checklist c = new Checklist(id, title, text(root, "version"), text(root, "description"), vars, sections, file, requires);
        return new LoadResult(Optional.of(c), problems);
    }

    /**
     * A one-of group is one requirement: a group of one is a typo, and a group id that is also an
     * item id would make "deploy-trigger: waiting" ambiguous in records.
     */
    private void checkGroups(List<Section> sections) {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        sections.stream().flatMap(s -> s.items().stream()).filter(i -> i.oneOf() != null)
                .forEach(i -> groups.computeIfAbsent(i.oneOf(), k -> new ArrayList<>()).add(i));
        groups.forEach((g, members) -> {
            String ptr = itemIds.get(members.get(0).id());
            if (members.size() < 2) {
                problem(ptr + "/one-of", "one-of group '" + g + "' has only one item (" + members.get(0).id() + ")",
                        "give the alternatives the same one-of id, or remove it");
            }
            if (itemIds.containsKey(g)) {
                problem(ptr + "/one-of", "one-of group '" + g + "' has the id of an item", "name the group differently");
            }
        });
    }

    private Map<String, String> readVars(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problem("/vars", "'vars' must be a mapping of names to values", null);
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problem("/vars/" + LocatedTree.segment(e.getKey()), "variable '" + e.getKey() + "' must have a plain value", null);
                continue;
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        for (Map.Entry<String, String> e : out.entrySet()) {
            checkReferences(e.getValue(), "/vars/" + LocatedTree.segment(e.getKey()), out);
        }
        return out;
    }

    private Section readSection(JsonNode node, String ptr) {
        if (!node.isObject()) {
            problem(ptr, "a section must be a mapping with id, title and items", null);
            return null;
        }
        unknownKeys(node, ptr, ChecklistLoader.SECTION_KEYS);
        String id = requiredText(node, ptr, "id");
        String title = requiredText(node, ptr, "title");
        List<Item> items = new ArrayList<>();
        JsonNode itemsNode = node.get("items");
        if (itemsNode == null || !itemsNode.isArray()) {
            problem(ptr, "section '" + id + "' needs a list of 'items'", null);
        } else {
            for (int i = 0; i < itemsNode.size(); i++) {
                Item item = readItem(itemsNode.get(i), ptr + "/items/" + i, id);
                if (item != null) {
                    items.add(item);
                }
            }
        }
        return id == null ? null : new Section(id, title, text(node, "description"), items);
    }

    private Item readItem(JsonNode node, String ptr, String sectionId) {
        if (!node.isObject()) {
            problem(ptr, "an item must be a mapping with id, title and a check (or manual: true)", null);
            return null;
        }
        unknownKeys(node, ptr, ChecklistLoader.ITEM_KEYS);
        String id = requiredText(node, ptr, "id");
        String title = requiredText(node, ptr, "title");
        if (id != null) {
            if (!ChecklistLoader.ID.matcher(id).matches()) {
                problem(ptr + "/id", "item id '" + id + "' must be lower-case letters, digits, '.', '_' or '-'", null);
            }
            String previous = itemIds.putIfAbsent(id, ptr);
            if (previous != null) {
                problem(ptr + "/id", "duplicate item id '" + id + "'",
                        "first defined at line " + tree.nearest(previous).line());
            }
        }
        checkReferences(title, ptr + "/title", vars);
        String description = Optional.ofNullable(text(node, "why")).orElse(text(node, "description"));
        boolean manual = node.path("manual").asBoolean(false);
        if (node.has("manual") && !node.get("manual").isBoolean()) {
            problem(ptr + "/manual", "'manual' must be true or false", null);
        }
        int[] hint = lineHint(node.get("line-hint"), ptr + "/line-hint");
        CheckSpec check = null;
        JsonNode checkNode = node.get("check");
        if (checkNode != null) {
            if (manual) {
                problem(ptr + "/check", "a manual item has no check", "remove 'check' or 'manual: true'");
            }
            check = readCheck(checkNode, ptr + "/check");
            if (check != null && hint == null) {
                hint = lineHint(checkNode.get("line-hint"), ptr + "/check/line-hint");
            }
        } else if (!manual) {
            problem(ptr, "item '" + id + "' has neither a check nor 'manual: true'", null);
        }
        List<String> needs = stringList(node.get("needs"), ptr + "/needs");
        List<String> symptoms = stringList(node.get("symptoms"), ptr + "/symptoms");
        for (int i = 0; i < symptoms.size(); i++) {
            regex(symptoms.get(i), ptr + "/symptoms/" + i);
        }
        List<Troubleshoot> troubleshoot = readTroubleshoot(node.get("troubleshoot"), ptr + "/troubleshoot");
        List<LogSource> logs = readLogs(node.get("logs"), ptr + "/logs");
        String oneOf = text(node, "one-of");
        if (oneOf != null && !ChecklistLoader.ID.matcher(oneOf).matches()) {
            problem(ptr + "/one-of", "group id '" + oneOf + "' must be lower-case letters, digits, '.', '_' or '-'", null);
        }
        boolean gate = node.path("gate").asBoolean(true);
        if (node.has("gate") && !node.get("gate").isBoolean()) {
            problem(ptr + "/gate", "'gate' must be true or false", "gate: false makes a watching item that never blocks");
        }
        return new Item(id, sectionId, title, description, check, manual, needs, hint == null ? null : hint[0],
                troubleshoot, logs, symptoms, oneOf, hint == null || hint[1] == hint[0] ? null : hint[1], gate);
    }

    private CheckSpec readCheck(JsonNode node, String ptr) {
        if (!node.isObject()) {
            problem(ptr, "'check' must be a mapping with a 'type'", null);
            return null;
        }
        String type = requiredText(node, ptr, "type");
        if (type == null) {
            return null;
        }
        ObjectNode params = ((ObjectNode) node).deepCopy();
        params.remove("type");
        params.remove("line-hint");
        Integer timeout = intValue(params.remove("timeout"), ptr + "/timeout");
        boolean failAsWarn = failAs(params.remove("fail-as"), ptr + "/fail-as");
        String onNoData = onNoData(params.remove("on-no-data"), ptr + "/on-no-data");
        if (!types.types().contains(type)) {
            problem(ptr + "/type", "unknown runner type '" + type + "'",
                    Optional.ofNullable(Names.didYouMean(type, types.types()))
                            .orElse("known types: " + String.join(", ", types.types())));
            return null;
        }
        boolean referencesOk = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            referencesOk &= checkReferencesDeep(e.getValue(), ptr + "/" + LocatedTree.segment(e.getKey()));
        }
        ObjectNode sample = referencesOk ? sampleInterpolation(params, ptr) : null;
        if (sample != null) {
            for (CheckTypes.Issue issue : types.validate(type, sample)) {
                String at = issue.field() == null || issue.field().isEmpty() ? ptr : ptr + "/" + issue.field();
                problem(at, issue.message(), issue.suggestion());
            }
        }
        return new CheckSpec(type, params, timeout, tree.nearest(ptr), failAsWarn, onNoData);
    }

    /** {@code fail-as: warn} or absent; anything else is a load problem (a FAIL cannot become a PASS). */
    private boolean failAs(JsonNode v, String ptr) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isTextual() && v.asText().equals("warn")) {
            return true;
        }
        problem(ptr, "'fail-as' can only be 'warn'", "write fail-as: warn for an item that checks a premise of the procedure, not the deploy");
        return false;
    }

    /** {@code on-no-data: block | warn}, or null for the runner's default. */
    private String onNoData(JsonNode v, String ptr) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() && (v.asText().equals("block") || v.asText().equals("warn"))) {
            return v.asText();
        }
        problem(ptr, "'on-no-data' must be 'block' or 'warn', not '" + v.asText() + "'",
                "block: no data keeps the release from a GO; warn: no data is a caveat");
        return null;
    }

    /** The params with defaults substituted and dynamic values replaced by a stand-in, for validation. */
    private ObjectNode sampleInterpolation(ObjectNode params, String ptr) {
        Map<String, Variables.Source> sources = new LinkedHashMap<>();
        for (String prefix : ChecklistLoader.DYNAMIC_PREFIXES) {
            sources.put(prefix, key -> Optional.of("sample"));
        }
        Map<String, String> values = new LinkedHashMap<>(vars);
        ChecklistLoader.BUILTIN_VARIABLES.forEach(b -> values.putIfAbsent(b, "."));
        try {
            return (ObjectNode) new Variables(values, sources).interpolate(params);
        } catch (VariableException e) {
            // a cycle, a chain too deep or a value too long would fail every run of this item
            problem(ptr, "cannot resolve ${" + e.variable() + "}: " + e.getMessage(), null);
            return null;
        }
    }

    private List<Troubleshoot> readTroubleshoot(JsonNode node, String ptr) {
        List<Troubleshoot> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problem(ptr, "'troubleshoot' must be a list", null);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String p = ptr + "/" + i;
            if (!t.isObject()) {
                problem(p, "a troubleshooting entry must be a mapping with title and run", null);
                continue;
            }
            unknownKeys(t, p, ChecklistLoader.TROUBLESHOOT_KEYS);
            String title = requiredText(t, p, "title");
            String when = text(t, "when");
            if (when != null) {
                regex(when, p + "/when");
            }
            String run = text(t, "run");
            checkReferences(run, p + "/run", vars);
            checkReferences(title, p + "/title", vars);
            String note = text(t, "note");
            boolean local = t.has("local") ? t.get("local").asBoolean() : run != null && !run.strip().startsWith("aws ");
            out.add(new Troubleshoot(title, when, run, note, local, t.path("mutating").asBoolean(false)));
        }
        return out;
    }

    private List<LogSource> readLogs(JsonNode node, String ptr) {
        List<LogSource> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problem(ptr, "'logs' must be a list", null);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode l = node.get(i);
            String p = ptr + "/" + i;
            if (l.isTextual()) {
                checkReferences(l.asText(), p, vars);
                out.add(new LogSource(l.asText(), null, null));
            } else if (l.isObject()) {
                unknownKeys(l, p, ChecklistLoader.LOG_KEYS);
                String group = text(l, "group");
                String function = text(l, "function");
                if ((group == null) == (function == null)) {
                    problem(p, "a log source names either a 'group' or a 'function'", null);
                }
                checkReferences(group, p + "/group", vars);
                out.add(new LogSource(group, function, text(l, "filter")));
            } else {
                problem(p, "a log source is a group name or a mapping", null);
            }
        }
        return out;
    }

    private void checkNeeds(List<Section> sections) {
        Map<String, Item> byId = new HashMap<>();
        // an item whose id is missing was reported already; it cannot be needed
        sections.forEach(s -> s.items().stream().filter(i -> i.id() != null).forEach(i -> byId.put(i.id(), i)));
        for (Section s : sections) {
            for (Item item : s.items()) {
                for (String need : item.needs()) {
                    if (!byId.containsKey(need)) {
                        lazyProblem(itemIds.get(item.id()) + "/needs", "item '" + item.id() + "' needs unknown item '" + need + "'",
                                () -> Names.didYouMean(need, byId.keySet()));
                    }
                }
            }
        }
        // cycles: depth-first search with colours
        Map<String, Integer> colour = new HashMap<>();
        for (String id : byId.keySet()) {
            List<String> path = new ArrayList<>();
            if (cycle(id, byId, colour, path)) {
                problem(itemIds.get(id) + "/needs", "'needs' forms a cycle: " + String.join(" -> ", path), null);
                return;
            }
        }
    }

    private boolean cycle(String id, Map<String, Item> byId, Map<String, Integer> colour, List<String> path) {
        Integer c = colour.get(id);
        if (c != null) {
            if (c == 1) {
                path.add(id);
                return true;
            }
            return false;
        }
        colour.put(id, 1);
        path.add(id);
        Item item = byId.get(id);
        if (item != null) {
            for (String n : item.needs()) {
                if (byId.containsKey(n) && cycle(n, byId, colour, path)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        colour.put(id, 2);
        return false;
    }

    private boolean checkReferencesDeep(JsonNode node, String ptr) {
        boolean ok = true;
        if (node.isTextual()) {
            ok = checkReferences(node.asText(), ptr, vars);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ok &= checkReferencesDeep(node.get(i), ptr + "/" + i);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ok &= checkReferencesDeep(e.getValue(), ptr + "/" + LocatedTree.segment(e.getKey()));
            }
        }
        return ok;
    }

    private boolean checkReferences(String text, String ptr, Map<String, String> known) {
        boolean ok = true;
        for (String name : Variables.references(text)) {
            if (known.containsKey(name) || ChecklistLoader.BUILTIN_VARIABLES.contains(name)
                    || ChecklistLoader.DYNAMIC_PREFIXES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            lazyProblem(ptr, "undefined variable ${" + name + "}", () -> {
                Set<String> candidates = new HashSet<>(known.size() > Names.MAX_CANDIDATES ? Set.of() : known.keySet());
                candidates.addAll(ChecklistLoader.BUILTIN_VARIABLES);
                String hint = Names.didYouMean(name, candidates);
                return hint != null ? hint : "define it under 'vars', or write $${" + name + "} for a literal ${" + name + "}";
            });
            ok = false;
        }
        return ok;
    }

    private void regex(String pattern, String ptr) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            problem(ptr, "bad regular expression: " + e.getDescription() + " near index " + e.getIndex(), null);
        }
    }

    private void unknownKeys(JsonNode node, String ptr, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                lazyProblem(ptr + "/" + LocatedTree.segment(key), "unknown key '" + key + "'",
                        () -> Optional.ofNullable(Names.didYouMean(key, allowed))
                                .orElse("allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        }
    }

    private String requiredText(JsonNode node, String ptr, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            problem(v == null ? ptr : ptr + "/" + key, "missing '" + key + "'", null);
            return null;
        }
        return v.asText();
    }

    private String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    /** A line ({@code 2413}) or a range as documents quote them ({@code "809-816"}): {from, to}. */
    private int[] lineHint(JsonNode v, String ptr) {
        if (v != null && v.isTextual()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d+)\\s*(?:[-–]\\s*(\\d+))?\\s*").matcher(v.asText());
            if (!m.matches() || (m.group(2) != null && Integer.parseInt(m.group(2)) < Integer.parseInt(m.group(1)))) {
                problem(ptr, "expected a line number or a range such as 809-816, found '" + v.asText() + "'", null);
                return null;
            }
            int from = Integer.parseInt(m.group(1));
            return new int[]{from, m.group(2) == null ? from : Integer.parseInt(m.group(2))};
        }
        Integer line = intValue(v, ptr);
        return line == null ? null : new int[]{line, line};
    }

    private Integer intValue(JsonNode v, String ptr) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            problem(ptr, "expected a whole number, found '" + v.asText() + "'", null);
            return null;
        }
        return v.asInt();
    }

    private List<String> stringList(JsonNode v, String ptr) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isValueNode()) {
            out.add(v.asText());
            return out;
        }
        if (!v.isArray()) {
            problem(ptr, "expected a list of strings", null);
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isValueNode()) {
                problem(ptr + "/" + i, "expected a string", null);
            } else {
                out.add(v.get(i).asText());
            }
        }
        return out;
    }
}

package dev.greenlight.runners.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.SourceFile;
import dev.greenlight.engine.WorkspaceException;
import dev.greenlight.yaml.LocatedTree;
import dev.greenlight.yaml.Location;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON file of the checkout (an ASL definition) as SAM reads it: SAM is Python, and Python's
 * {@code json} keeps the <em>last</em> value of a member name that appears twice in one object
 * (RFC 8259 only says names SHOULD be unique). So a repeated name is not an error here: the tree
 * holds the value that would be deployed, and {@link #duplicates()} names every occurrence so a
 * check can warn about it. Text that is not JSON at all is a syntax error with line and column.
 *
 * <p>Every value knows where it is: {@link #tree()} maps JSON pointers to the location of the
 * member's key (of the element itself inside arrays), always the occurrence that was kept.
 */
public final class JsonDocument {

    /** A member name that appears more than once in one object; {@code at} holds every occurrence, in order. */
    public record Duplicate(String pointer, String name, List<Location> at, boolean sameValue) {

        /** The line of the occurrence that is kept (the last). */
        public int keptLine() {
            return at.get(at.size() - 1).line();
        }

        /**
         * {@code "ResultSelector" appears twice in state Fetch: lines 870 and 875; SAM and Python keep
         * the last (both are the same value)}.
         */
        public String describe() {
            // two on one line are told apart by their columns
            boolean oneLine = at.stream().map(Location::line).distinct().count() < at.size();
            List<String> lines = at.stream().map(l -> oneLine ? l.toString() : String.valueOf(l.line())).toList();
            String times = at.size() == 2 ? "twice" : at.size() + " times";
            String joined = String.join(", ", lines.subList(0, lines.size() - 1)) + " and " + lines.get(lines.size() - 1);
            return "\"" + name + "\" appears " + times + " in " + container(pointer) + ": lines " + joined
                    + "; SAM and Python keep the last" + (sameValue ? " (all are the same value)"
                    : " (the values differ: the one at line " + keptLine() + " is deployed)");
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SourceFile source;
    private final LocatedTree tree;
    private final List<Duplicate> duplicates;

    private JsonDocument(SourceFile source, LocatedTree tree, List<Duplicate> duplicates) {
        this.source = source;
        this.tree = tree;
        this.duplicates = List.copyOf(duplicates);
    }

    /** The file's model, parsed once per run however many items read it. */
    public static JsonDocument load(RunContext ctx, String relative) throws WorkspaceException {
        return ctx.workspace().parsed(relative, "json-model", JsonDocument::parse);
    }

    public static JsonDocument parse(SourceFile file) throws WorkspaceException {
        try (JsonParser p = FACTORY.createParser(file.text())) {
            Reader r = new Reader(p);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw syntax(file, new Location(1, 1), "the file is empty");
            }
            r.locations.put("", location(p.currentTokenLocation()));
            JsonNode root = r.value(first, "");
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw syntax(file, location(p.currentTokenLocation()), "more text after the end of the JSON value");
            }
            List<Duplicate> dups = new ArrayList<>();
            r.repeats.forEach((pointer, seen) -> dups.add(new Duplicate(pointer, seen.name, seen.at,
                    seen.values.stream().distinct().count() == 1)));
            return new JsonDocument(file, new LocatedTree(root, r.locations, List.copyOf(r.repeats.keySet())), dups);
        } catch (JsonProcessingException e) {
            Location at = e.getLocation() == null ? null : location(e.getLocation());
            throw syntax(file, at, e.getOriginalMessage());
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNREADABLE, file.relPath(),
                    file.relPath() + " cannot be read: " + e.getMessage(), null);
        }
    }

    public SourceFile source() {
        return source;
    }

    public JsonNode root() {
        return tree.root();
    }

    public LocatedTree tree() {
        return tree;
    }

    /** Member names repeated inside one object, in the order they were met. */
    public List<Duplicate> duplicates() {
        return duplicates;
    }

    /** "state Fetch" for a member of a state, else "object /a/b" (or "the top-level object"). */
    static String container(String memberPointer) {
        String parent = memberPointer.substring(0, Math.max(0, memberPointer.lastIndexOf('/')));
        List<String> segs = new ArrayList<>(List.of(parent.split("/", -1)));
        if (!segs.isEmpty()) {
            segs.remove(0); // the empty segment before the first '/'
        }
        for (int i = segs.size() - 2; i >= 0; i--) {
            if (segs.get(i).equals("States")) {
                String state = unescape(segs.get(i + 1));
                return i + 2 == segs.size() ? "state " + state : "state " + state + " (" + parent + ")";
            }
        }
        return parent.isEmpty() ? "the top-level object" : "object " + parent;
    }

    private static String unescape(String seg) {
        return seg.replace("~1", "/").replace("~0", "~");
    }

    private static WorkspaceException syntax(SourceFile file, Location at, String problem) {
        return new WorkspaceException(WorkspaceException.Kind.SYNTAX, file.relPath(),
                file.relPath() + (at == null ? "" : ":" + at) + ": not valid JSON: " + problem, at);
    }

    private static Location location(JsonLocation l) {
        return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /** Every occurrence of one repeated name, and each occurrence's value (to say whether they differ). */
    private static final class Seen {
        final String name;
        final List<Location> at = new ArrayList<>();
        final List<JsonNode> values = new ArrayList<>();

        Seen(String name) {
            this.name = name;
        }
    }

    /** A recursive-descent reader over Jackson's tokens that keeps locations and every occurrence. */
    private static final class Reader {
        private final JsonParser parser;
        final Map<String, Location> locations = new HashMap<>();
        final Map<String, Seen> repeats = new LinkedHashMap<>();

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        JsonNode value(JsonToken t, String pointer) throws IOException {
            return switch (t) {
                case START_OBJECT -> object(pointer);
                case START_ARRAY -> array(pointer);
                case VALUE_STRING -> NODES.textNode(parser.getText());
                // the node types Jackson's readTree makes, so values compare as they did before
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> throw new JsonParseFailure(parser, "unexpected " + t);
            };
        }

        private ObjectNode object(String pointer) throws IOException {
            ObjectNode node = NODES.objectNode();
            Map<String, Location> firstAt = new HashMap<>();
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String child = pointer + "/" + LocatedTree.segment(key);
                Location keyAt = location(parser.currentTokenLocation());
                boolean repeated = node.has(key);
                if (repeated) {
                    Seen seen = repeats.computeIfAbsent(child, k -> {
                        Seen s = new Seen(key);
                        s.at.add(firstAt.get(key));
                        s.values.add(node.get(key));
                        return s;
                    });
                    seen.at.add(keyAt);
                    // the dropped value's members must not keep locations: only the kept value is in the tree
                    locations.keySet().removeIf(p -> p.startsWith(child + "/"));
                } else {
                    firstAt.put(key, keyAt);
                }
                locations.put(child, keyAt);
                JsonNode v = value(parser.nextToken(), child);
                if (repeated) {
                    repeats.get(child).values.add(v);
                }
                node.set(key, v); // Python's dict: the first position, the last value
            }
            if (t != JsonToken.END_OBJECT) {
                throw new JsonParseFailure(parser, "unexpected " + t + " in an object");
            }
            return node;
        }

        private ArrayNode array(String pointer) throws IOException {
            ArrayNode node = NODES.arrayNode();
            JsonToken t;
            int i = 0;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                String child = pointer + "/" + i;
                locations.put(child, location(parser.currentTokenLocation()));
                node.add(value(t, child));
                i++;
            }
            return node;
        }
    }

    /** Jackson reports its own syntax errors; this carries ours with the same location shape. */
    private static final class JsonParseFailure extends JsonProcessingException {
        JsonParseFailure(JsonParser p, String message) {
            super(message, p.currentTokenLocation());
        }
    }
}

package dev.greenlight.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (and therefore JSON) into a {@link LocatedTree}, keeping line numbers and turning
 * CloudFormation short-form tags into their long form: {@code !GetAtt Fn.Arn} becomes
 * {@code {"Fn::GetAtt": ["Fn", "Arn"]}}, {@code !Ref X} becomes {@code {"Ref": "X"}},
 * {@code !Sub ...} becomes {@code {"Fn::Sub": ...}}.
 *
 * <p>Jackson's tree mapper drops unknown tags silently, so this walks the streaming parser itself.
 * Anchors and aliases are resolved (checklists share troubleshooting lists with them); aliased
 * subtrees are shared, not copied, and their total expanded size is capped so an alias bomb is an
 * error, not an out-of-memory. Nesting is limited and the caller bounds the file size.
 */
public final class LocatedYaml {
    public static final int MAX_DEPTH = 200;
    /** Nodes that aliases may add in total; "billion laughs" files stop here. */
    public static final int MAX_ALIAS_EXPANSION = 100_000;
    /**
     * Longest line accepted. SnakeYAML re-copies its look-ahead window for every 1 KB it reads inside
     * one token or line, so a single 3 MB line took 12 s (quadratic); at this length a line costs
     * about 0.1 s.
     */
    public static final int MAX_LINE_CHARS = 256 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory FACTORY = createFactory();

    private LocatedYaml() {
    }

    private static YAMLFactory createFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(true); // reported by us, with their location
        options.setNestingDepthLimit(MAX_DEPTH + 10);
        options.setCodePointLimit(64 * 1024 * 1024);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH + 10)
                        .maxStringLength(64 * 1024 * 1024)
                        .build())
                .build();
        return factory;
    }

    public static LocatedTree parse(String text) throws YamlSyntaxException {
        refuseLongLines(text);
        try (JsonParser parser = FACTORY.createParser(text)) {
            Builder builder = new Builder(parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new LocatedTree(NODES.nullNode(), Map.of("", Location.START), List.of());
            }
            JsonNode root = builder.value(first, "", 0);
            builder.locations.putIfAbsent("", Location.START);
            if (parser.nextToken() != null) {
                throw new YamlSyntaxException("more than one YAML document in the file; only one is allowed",
                        location(parser.currentTokenLocation()));
            }
            return new LocatedTree(root, builder.locations, builder.duplicates);
        } catch (JsonProcessingException e) {
            Location at = problemLocation(e).orElse(location(e.getLocation()));
            String raw = cleanMessage(e);
            String sentence = YamlWording.sentence(raw, at);
            throw new YamlSyntaxException(sentence, at, sentence.equals(raw) ? null : raw);
        } catch (IOException e) {
            throw new YamlSyntaxException(e.getMessage(), null);
        } catch (RuntimeException e) {
            // SnakeYAML signals some limits (aliases, code points) with unchecked exceptions.
            throw new YamlSyntaxException(String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable YAML"), null);
        }
    }

    private static void refuseLongLines(String text) throws YamlSyntaxException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new YamlSyntaxException("line " + line + " is " + (i - start) + " characters long, over the limit of "
                            + MAX_LINE_CHARS + "; break it up (a YAML block scalar or a list)", new Location(line, MAX_LINE_CHARS + 1));
                }
                if (c == '\n' || i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    line++;
                }
                start = i + 1;
            }
        }
    }

    /**
     * Where SnakeYAML found the problem, when it says: Jackson reports the start of the context
     * instead ("while scanning for the next token" at the end of the line before a tab).
     */
    private static java.util.Optional<Location> problemLocation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                return java.util.Optional.of(new Location(m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    static Location location(JsonLocation l) {
        if (l == null || l.getLineNr() <= 0) {
            return null;
        }
        return new Location(l.getLineNr(), Math.max(1, l.getColumnNr()));
    }

    private static String cleanMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "unreadable YAML";
        }
        // SnakeYAML messages carry their own "in 'reader', line 3, column 5:" block and a caret picture.
        StringBuilder out = new StringBuilder();
        for (String line : m.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("in 'reader'") || t.startsWith("^") || line.startsWith("    ")) {
                continue;
            }
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(t);
        }
        String clean = out.length() == 0 ? m.strip() : out.toString();
        return plainEvents(clean);
    }

    private static final java.util.regex.Pattern EVENT =
            java.util.regex.Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\(([^)]*)\\)>");

    /** Jackson quotes SnakeYAML event objects ("got <org.yaml.snakeyaml.events.AliasEvent(anchor=a)>"). */
    static String plainEvents(String message) {
        java.util.regex.Matcher m = EVENT.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = switch (m.group(1)) {
                case "Alias" -> "an alias" + m.group(2).replaceFirst("^anchor=(.*)$", " (*$1)");
                case "Scalar" -> "a value";
                case "MappingStart" -> "a mapping";
                case "SequenceStart" -> "a list";
                default -> "YAML " + m.group(1).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
            };
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(kind));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final class Builder {
        private final JsonParser parser;
        private final Map<String, Location> locations = new HashMap<>();
        private final List<String> duplicates = new ArrayList<>();
        private final Map<String, JsonNode> anchors = new HashMap<>();
        private long expanded;

        Builder(JsonParser parser) {
            this.parser = parser;
        }

        JsonNode value(JsonToken token, String pointer, int depth) throws IOException, YamlSyntaxException {
            if (depth > MAX_DEPTH) {
                throw new YamlSyntaxException("nesting deeper than " + MAX_DEPTH + " levels",
                        location(parser.currentTokenLocation()));
            }
            locations.putIfAbsent(pointer, location(parser.currentTokenLocation()));
            if (parser instanceof YAMLParser yp && yp.isCurrentAlias()) {
                return alias(yp.getText());
            }
            Object objectId = parser.getObjectId();
            String anchor = objectId == null ? null : objectId.toString();
            Object typeId = parser.getTypeId();
            String tag = typeId == null ? null : typeId.toString();
            JsonNode plain = switch (token) {
                case START_OBJECT -> object(pointer, depth);
                case START_ARRAY -> array(pointer, depth);
                case VALUE_STRING -> NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                case VALUE_EMBEDDED_OBJECT -> NODES.textNode(String.valueOf(parser.getEmbeddedObject()));
                default -> throw new YamlSyntaxException("unexpected " + token, location(parser.currentTokenLocation()));
            };
            JsonNode result = tag == null || tag.startsWith("tag:yaml.org,2002:") ? plain : intrinsic(tag, plain);
            if (anchor != null) {
                anchors.put(anchor, result);
            }
            return result;
        }

        private JsonNode alias(String name) throws YamlSyntaxException {
            JsonNode target = anchors.get(name);
            if (target == null) {
                throw new YamlSyntaxException("alias *" + name + " refers to no anchor &" + name + " on a list or mapping defined before it"
                        + " (anchors on single values are not supported)",
                        location(parser.currentTokenLocation()));
            }
            expanded += size(target);
            if (expanded > MAX_ALIAS_EXPANSION) {
                throw new YamlSyntaxException("aliases expand to more than " + MAX_ALIAS_EXPANSION
                        + " values; refusing the file (an alias bomb?)", location(parser.currentTokenLocation()));
            }
            return target;
        }

        private long size(JsonNode n) {
            long total = 1;
            for (JsonNode child : n) {
                total += size(child);
                if (total > MAX_ALIAS_EXPANSION) {
                    return total;
                }
            }
            return total;
        }

        private ObjectNode object(String pointer, int depth) throws IOException, YamlSyntaxException {
            ObjectNode node = NODES.objectNode();
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String child = pointer + "/" + LocatedTree.segment(key);
                Location keyLocation = location(parser.currentTokenLocation());
                if (node.has(key)) {
                    duplicates.add(child);
                }
                locations.put(child, keyLocation);
                JsonToken valueToken = parser.nextToken();
                node.set(key, value(valueToken, child, depth + 1));
                // a member's location is its key's, even when the value is a block starting on a later line
                locations.put(child, keyLocation);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new YamlSyntaxException("unexpected " + t + " in a mapping", location(parser.currentTokenLocation()));
            }
            return node;
        }

        private ArrayNode array(String pointer, int depth) throws IOException, YamlSyntaxException {
            ArrayNode node = NODES.arrayNode();
            JsonToken t;
            int i = 0;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new YamlSyntaxException("unterminated sequence", location(parser.currentTokenLocation()));
                }
                node.add(value(t, pointer + "/" + i, depth + 1));
                i++;
            }
            return node;
        }

        private static JsonNode intrinsic(String tag, JsonNode value) {
            ObjectNode wrapped = NODES.objectNode();
            switch (tag) {
                case "Ref" -> wrapped.set("Ref", value);
                case "Condition" -> wrapped.set("Condition", value);
                case "GetAtt" -> {
                    if (value.isTextual()) {
                        String s = value.asText();
                        int dot = s.indexOf('.');
                        ArrayNode parts = NODES.arrayNode();
                        parts.add(dot < 0 ? s : s.substring(0, dot));
                        if (dot >= 0) {
                            parts.add(s.substring(dot + 1));
                        }
                        wrapped.set("Fn::GetAtt", parts);
                    } else {
                        wrapped.set("Fn::GetAtt", value);
                    }
                }
                default -> wrapped.set("Fn::" + tag, value);
            }
            return wrapped;
        }
    }
}

package dev.greenlight.yaml;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed YAML/JSON document as a Jackson tree plus where every node came from.
 *
 * <p>Keys of {@link #locations()} are JSON pointers ("/Resources/Fn/Properties/DefinitionUri");
 * for an object member the location is that of its key, which is the line a person would point at.
 *
 * @param duplicateKeys pointers of keys that appeared twice in one mapping (the last one wins)
 */
public record LocatedTree(JsonNode root, Map<String, Location> locations, List<String> duplicateKeys) {

    public Optional<Location> locate(String pointer) {
        return Optional.ofNullable(locations.get(pointer));
    }

    /** The location of the pointer, or of its nearest ancestor that has one. */
    public Location nearest(String pointer) {
        String p = pointer;
        while (true) {
            Location l = locations.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return Location.START;
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** Escapes one segment for use in a JSON pointer. */
    public static String segment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}

package dev.greenlight.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A loaded checklist: sections of items, plus variable defaults.
 *
 * @param source where it was read from ("bundled:unified-pipe-v3.3" or a file path), for messages
 */
public record Checklist(String id, String title, String version, String description,
                        Map<String, String> vars, List<Section> sections, String source) {

    public Checklist {
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        sections = List.copyOf(sections);
    }

    public Stream<Item> items() {
        return sections.stream().flatMap(s -> s.items().stream());
    }

    public Optional<Item> item(String id) {
        return items().filter(i -> i.id().equals(id)).findFirst();
    }

    public Optional<Section> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}

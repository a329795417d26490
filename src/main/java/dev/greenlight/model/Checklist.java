package dev.greenlight.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A loaded checklist: sections of items, plus variable defaults.
 *
 * @param source   where it was read from ("bundled:unified-pipe-v3.3" or a file path), for messages
 * @param requires the halves a GO must rest on ({@code requires: [post-deploy]}): with post-deploy
 *                 required, a run that did not check the deployed system is NO-GO, not "GO (local only)"
 */
public record Checklist(String id, String title, String version, String description,
                        Map<String, String> vars, List<Section> sections, String source, List<String> requires) {
    /** The half of a checklist that looks at the deployed system (AWS runners). */
    public static final String POST_DEPLOY = "post-deploy";

    public Checklist {
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        sections = List.copyOf(sections);
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    public Checklist(String id, String title, String version, String description,
                     Map<String, String> vars, List<Section> sections, String source) {
        this(id, title, version, description, vars, sections, source, List.of());
    }

    public boolean requiresPostDeploy() {
        return requires.contains(POST_DEPLOY);
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

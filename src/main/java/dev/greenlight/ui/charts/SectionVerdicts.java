package dev.greenlight.ui.charts;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Section;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The verdicts of one section in one run, for the history's per-section bar. */
public record SectionVerdicts(String id, String title, Map<Status, Integer> counts) {
    public SectionVerdicts {
        EnumMap<Status, Integer> c = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            c.put(s, counts.getOrDefault(s, 0));
        }
        counts = Collections.unmodifiableMap(c);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** "Pipeline: 5 pass, 1 fail". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> {
            if (n > 0) {
                parts.add(n + " " + s.name().toLowerCase(Locale.ROOT));
            }
        });
        return title + ": " + (parts.isEmpty() ? "not run" : String.join(", ", parts));
    }

    /**
     * Sections in checklist order (when the checklist is known; a section the run has and the
     * checklist no longer has goes last), then sections of the run alone.
     */
    public static List<SectionVerdicts> of(RunReport report, Checklist checklist) {
        Map<String, Map<Status, Integer>> bySection = new LinkedHashMap<>();
        if (checklist != null) {
            checklist.sections().forEach(s -> bySection.put(s.id(), new EnumMap<>(Status.class)));
        }
        for (ItemResult r : report.results()) {
            bySection.computeIfAbsent(r.sectionId(), k -> new EnumMap<>(Status.class)).merge(r.status(), 1, Integer::sum);
        }
        List<SectionVerdicts> out = new ArrayList<>();
        bySection.forEach((id, counts) -> {
            String title = checklist == null ? id : checklist.section(id).map(Section::title).orElse(id);
            out.add(new SectionVerdicts(id, title, counts));
        });
        return out;
    }
}

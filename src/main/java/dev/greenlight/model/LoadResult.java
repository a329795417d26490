package dev.greenlight.model;

import java.util.List;
import java.util.Optional;

/** A checklist and every problem found while loading it; the checklist is absent when unusable. */
public record LoadResult(Optional<Checklist> checklist, List<Problem> problems) {
    public LoadResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return checklist.isPresent() && problems.isEmpty();
    }
}

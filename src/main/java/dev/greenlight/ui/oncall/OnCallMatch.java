package dev.greenlight.ui.oncall;

import dev.greenlight.oncall.SymptomMatcher;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.troubleshoot.TroubleshootEntry;

import java.util.List;

/**
 * One item a pasted message points at: why it matched, its live state (verdict and evidence
 * arrive as it runs), and its remedies with commands resolved against the current variables.
 */
public record OnCallMatch(int rank, SymptomMatcher.Match match, ItemState state, List<TroubleshootEntry> remedies) {
    public OnCallMatch {
        remedies = List.copyOf(remedies);
    }

    /** Matched by a symptom the item declares, not only by a troubleshooting entry's generic {@code when}. */
    public boolean bySymptom() {
        return match.kind() == SymptomMatcher.Kind.SYMPTOM;
    }

    public String itemId() {
        return match.item().id();
    }
}

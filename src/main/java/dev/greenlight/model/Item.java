package dev.greenlight.model;

import java.util.List;

/**
 * One checklist item.
 *
 * @param sectionId   the id of the section holding it
 * @param description why it matters, in the checklist author's words
 * @param check       what to verify and with which runner; null for a manual item
 * @param manual      true when a person signs it off (there may still be a check that helps)
 * @param needs       ids of items that must PASS or WARN before this one runs
 * @param lineHint    the line the source document quotes (the start of the quoted block), used only to note drift
 * @param lineHintEnd the last line when the document quotes a range ("809-816"), else null
 * @param symptoms    regular expressions matching error messages this item explains (on-call mode)
 * @param oneOf       the id of a group of alternatives of which one is enough (the ways to trigger a
 *                    deploy), or null: the group is one requirement, not one per member
 * @param gate        false ({@code gate: false}) for a watching item: it runs and is recorded, but never
 *                    blocks the decision or the exit code (a new check a team is trying out)
 */
public record Item(String id, String sectionId, String title, String description, CheckSpec check,
                   boolean manual, List<String> needs, Integer lineHint, List<Troubleshoot> troubleshoot,
                   List<LogSource> logs, List<String> symptoms, String oneOf, Integer lineHintEnd, boolean gate) {

    public Item(String id, String sectionId, String title, String description, CheckSpec check,
                boolean manual, List<String> needs, Integer lineHint, List<Troubleshoot> troubleshoot,
                List<LogSource> logs, List<String> symptoms, String oneOf, Integer lineHintEnd) {
        this(id, sectionId, title, description, check, manual, needs, lineHint, troubleshoot, logs, symptoms, oneOf,
                lineHintEnd, true);
    }

    public Item(String id, String sectionId, String title, String description, CheckSpec check,
                boolean manual, List<String> needs, Integer lineHint, List<Troubleshoot> troubleshoot,
                List<LogSource> logs, List<String> symptoms) {
        this(id, sectionId, title, description, check, manual, needs, lineHint, troubleshoot, logs, symptoms, null, null);
    }

    public Item(String id, String sectionId, String title, String description, CheckSpec check,
                boolean manual, List<String> needs, Integer lineHint, List<Troubleshoot> troubleshoot,
                List<LogSource> logs, List<String> symptoms, String oneOf) {
        this(id, sectionId, title, description, check, manual, needs, lineHint, troubleshoot, logs, symptoms, oneOf, null);
    }

    /** True when {@code line} is the quoted line or inside the quoted range. */
    public boolean hintCovers(int line) {
        if (lineHint == null) {
            return false;
        }
        return lineHintEnd == null ? line == lineHint : line >= lineHint && line <= lineHintEnd;
    }

    public Item {
        needs = List.copyOf(needs);
        troubleshoot = List.copyOf(troubleshoot);
        logs = List.copyOf(logs);
        symptoms = List.copyOf(symptoms);
    }

    public boolean automated() {
        return check != null;
    }
}

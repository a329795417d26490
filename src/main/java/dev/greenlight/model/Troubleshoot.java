package dev.greenlight.model;

import java.util.regex.Pattern;

/**
 * A remedy shown next to an item: a command to copy or (for local commands, when allowed) run.
 *
 * @param when     case-insensitive regex over the failing result's reason and actual value; null
 *                 means the entry always applies. Entries whose {@code when} matches are shown first.
 * @param command  the command, with ${vars} still to be resolved; may be null for a prose step
 * @param local    true when it runs on this machine (git, ls, docker); false for AWS CLI commands
 * @param mutating true when it changes something (deploy, push, build); never run without confirmation
 */
public record Troubleshoot(String title, String when, String command, String note, boolean local, boolean mutating) {

    public boolean matches(String text) {
        if (when == null || when.isBlank()) {
            return false;
        }
        return Pattern.compile(when, Pattern.CASE_INSENSITIVE).matcher(text == null ? "" : text).find();
    }
}

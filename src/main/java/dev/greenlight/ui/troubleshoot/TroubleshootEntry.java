package dev.greenlight.ui.troubleshoot;

import dev.greenlight.model.Troubleshoot;

/**
 * A remedy ready to show: the command with its variables resolved, or — when a variable cannot be
 * resolved yet — no command and a sentence saying which one is missing, so the person never sees
 * or copies a command with a raw {@code ${…}} in it.
 *
 * @param matches true when the entry's {@code when} matches the item's failing result
 */
public record TroubleshootEntry(Troubleshoot source, String command, String unresolved, boolean matches) {

    public boolean runnable() {
        return command != null && source.local();
    }

    public boolean hasCommand() {
        return command != null;
    }
}

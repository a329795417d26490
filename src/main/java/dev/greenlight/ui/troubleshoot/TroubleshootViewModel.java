package dev.greenlight.ui.troubleshoot;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.Troubleshoot;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders and resolves an item's troubleshooting entries. Entries whose {@code when} matches a
 * failing result (FAIL, ERROR or WARN) come first, in checklist order; the rest follow.
 * Resolving may run git (dynamic variables), so callers do it off the UI thread.
 */
public final class TroubleshootViewModel {
    private TroubleshootViewModel() {
    }

    public static List<TroubleshootEntry> entries(List<Troubleshoot> entries, Result result, Variables variables) {
        String text = result == null ? "" : String.join("\n",
                nz(result.reason()), nz(result.actual()), String.join("\n", result.notes()));
        boolean failing = result != null && (result.status().blocksRelease() || result.status() == dev.greenlight.engine.Status.WARN);
        List<TroubleshootEntry> first = new ArrayList<>();
        List<TroubleshootEntry> rest = new ArrayList<>();
        for (Troubleshoot t : entries) {
            boolean matches = failing && t.matches(text);
            String command = null;
            String unresolved = null;
            if (t.command() != null) {
                try {
                    // quoted for a POSIX shell: a value (a path, an AWS name) can never inject shell syntax
                    command = variables == null ? check(t.command()) : dev.greenlight.engine.CommandText.render(t.command(), variables);
                } catch (VariableException e) {
                    unresolved = "Needs ${" + e.variable() + "}: " + e.getMessage() + ".";
                }
            }
            (matches ? first : rest).add(new TroubleshootEntry(t, command, unresolved, matches));
        }
        first.addAll(rest);
        return first;
    }

    private static String check(String command) throws VariableException {
        List<String> refs = Variables.references(command);
        if (!refs.isEmpty()) {
            throw new VariableException(refs.get(0), "variables are not resolved yet", dev.greenlight.engine.Status.SKIP);
        }
        return Variables.unescape(command);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

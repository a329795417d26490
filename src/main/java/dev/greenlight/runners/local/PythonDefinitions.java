package dev.greenlight.runners.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a Python module binds a name at its top level, as the Lambda runtime needs a handler:
 * {@code def name(}, {@code async def name(}, {@code name = ...}, {@code from m import name} /
 * {@code ... as name}, also inside a top-level {@code if}/{@code try} block (still module scope).
 * A {@code def} inside a class or function is not a module attribute, and a commented-out one is
 * no definition: both are reported so the failure can name them.
 */
final class PythonDefinitions {

    /** A binding of the name: {@code topLevel} false for one nested in a def/class; {@code commented} for comment text. */
    record Binding(int line, boolean topLevel, boolean commented, String text) {
    }

    private PythonDefinitions() {
    }

    static List<Binding> of(CodeLines code, String name) {
        String n = Pattern.quote(name);
        Pattern def = Pattern.compile("^\\s*(?:async\\s+)?def\\s+" + n + "\\s*\\(");
        Pattern assign = Pattern.compile("^\\s*" + n + "\\s*(?::[^=]*)?=(?!=)");
        Pattern imported = Pattern.compile("^\\s*from\\s+\\S+\\s+import\\s+.*(?:\\b" + n + "\\s*(?:,|\\)|$)|\\bas\\s+" + n + "\\b)");
        Pattern commentedDef = Pattern.compile("^\\s*#\\s*(?:async\\s+)?def\\s+" + n + "\\s*\\(");
        List<Binding> out = new ArrayList<>();
        for (int l = 1; l <= code.size(); l++) {
            String masked = code.masked(l);
            if (def.matcher(masked).find() || assign.matcher(masked).find() || imported.matcher(masked).find()) {
                out.add(new Binding(l, moduleScope(code, l), false, code.raw(l).strip()));
            } else if (commentedDef.matcher(code.raw(l)).find()) {
                out.add(new Binding(l, false, true, code.raw(l).strip()));
            }
        }
        return out;
    }

    /** True when no enclosing block (by indentation) is a def or class. */
    private static boolean moduleScope(CodeLines code, int line) {
        int indent = indent(code.masked(line));
        for (int l = line - 1; l >= 1 && indent > 0; l--) {
            String m = code.masked(l);
            if (m.isBlank()) {
                continue;
            }
            int i = indent(m);
            if (i < indent) {
                String head = m.strip();
                if (head.startsWith("def ") || head.startsWith("async def ") || head.startsWith("class ")) {
                    return false;
                }
                indent = i;
            }
        }
        return true;
    }

    private static int indent(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}

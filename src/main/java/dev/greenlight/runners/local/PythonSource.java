package dev.greenlight.runners.local;

import dev.greenlight.engine.SourceFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The imports and calls of a Python file, read at the token level from {@link CodeLines}: nothing
 * in a comment, a string or a docstring is an import or a call. Not a full parser: enough to
 * check "this module is imported" and "this function is called N times" truthfully.
 */
public final class PythonSource {

    /** {@code name} or {@code name as alias}; the dotted module for plain imports. */
    public record ImportedName(String name, String alias) {
        @Override
        public String toString() {
            return alias == null ? name : name + " as " + alias;
        }
    }

    /**
     * One import statement.
     *
     * @param from      {@code from x import ...} (true) or {@code import x} (false)
     * @param level     the number of leading dots of a relative import, 0 when absolute
     * @param module    the module after the dots (may be empty for {@code from . import x});
     *                  for a plain import, null (the modules are in {@code names})
     * @param enclosing block headers around the statement, outermost first ({@code try}, {@code def f(...)})
     * @param statement the statement on one line, whitespace normalised
     */
    public record Import(int line, int endLine, boolean from, int level, String module,
                         List<ImportedName> names, List<String> enclosing, String statement) {

        /**
         * The absolute module of a from-import given the file's package ({@code a.b} for
         * {@code a/b/x.py}), or null when the dots climb above the top package.
         */
        public String absoluteModule(String filePackage) {
            if (!from) {
                return null;
            }
            if (level == 0) {
                return module;
            }
            List<String> parts = new ArrayList<>(filePackage.isEmpty() ? List.of() : Arrays.asList(filePackage.split("\\.")));
            for (int i = 1; i < level; i++) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            }
            if (!module.isEmpty()) {
                parts.add(module);
            }
            return parts.isEmpty() ? null : String.join(".", parts);
        }
    }

    /**
     * One call {@code name(...)}.
     *
     * @param receiver  the expression before the dot of an attribute call ({@code self}), or null
     * @param arguments the text between the parentheses as written, comments removed, across lines
     */
    public record Call(String name, String receiver, int line, int endLine, String arguments) {
        public boolean attribute() {
            return receiver != null;
        }
    }

    private static final Set<String> KEYWORDS = Set.of("and", "as", "assert", "async", "await", "class", "def",
            "del", "elif", "else", "except", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "while", "with", "yield");
    private static final Set<String> BLOCKS = Set.of("try", "except", "finally", "if", "elif", "else", "with",
            "for", "while", "def", "class", "async");
    private static final Pattern CALL = Pattern.compile("(?<![\\w])([A-Za-z_]\\w*)[ \\t]*\\(");
    private static final Pattern RECEIVER = Pattern.compile("([\\w.]*[\\w)\\]'\"])[ \\t]*\\.[ \\t]*$");
    private static final Pattern FROM = Pattern.compile("from\\s+(\\.*)\\s*([A-Za-z_][\\w.]*)?\\s*\\bimport\\b(.*)", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("import\\s+(.*)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("([A-Za-z_*][\\w.]*)(?:\\s+as\\s+([A-Za-z_]\\w*))?");
    private static final Pattern DEF_BEFORE = Pattern.compile("\\b(?:def|class)[ \\t]+$");

    private final CodeLines code;
    private final List<Import> imports;
    private final List<Call> calls;

    private PythonSource(CodeLines code, List<Import> imports, List<Call> calls) {
        this.code = code;
        this.imports = List.copyOf(imports);
        this.calls = List.copyOf(calls);
    }

    public static PythonSource parse(SourceFile file) {
        CodeLines code = CodeLines.of(file, CodeLines.Syntax.PYTHON);
        Text masked = Text.join(code, true);
        Text plain = Text.join(code, false);
        return new PythonSource(code, imports(code), calls(masked, plain));
    }

    public CodeLines codeLines() {
        return code;
    }

    public List<Import> imports() {
        return imports;
    }

    public List<Call> calls() {
        return calls;
    }

    public List<Call> calls(String name) {
        return calls.stream().filter(c -> c.name().equals(name)).toList();
    }

    /** The dotted package of a file under a package root: {@code src/handlers/x.py} → {@code src.handlers}. */
    public static String packageOf(String fileRel, String packageRoot) {
        String dir = fileRel.contains("/") ? fileRel.substring(0, fileRel.lastIndexOf('/')) : "";
        String root = trimSlashes(packageRoot);
        if (!root.isEmpty()) {
            if (!(dir.equals(root) || dir.startsWith(root + "/"))) {
                return null;
            }
            dir = dir.substring(root.length());
        }
        return trimSlashes(dir).replace('/', '.');
    }

    /**
     * The directory that holds the module's top package: the nearest ancestor directory of the
     * file named like the module's first segment, and its parent is the root
     * ({@code backend/src/handlers/utils/x.py} with {@code src.handlers...} → {@code backend}).
     * The checkout root ("") when no ancestor has that name.
     */
    public static String inferPackageRoot(String fileRel, String module) {
        String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        List<String> dirs = new ArrayList<>(Arrays.asList(fileRel.split("/")));
        dirs.remove(dirs.size() - 1);
        for (int i = dirs.size() - 1; i >= 0; i--) {
            if (dirs.get(i).equals(top)) {
                return String.join("/", dirs.subList(0, i));
            }
        }
        return "";
    }

    private static String trimSlashes(String s) {
        String t = s == null ? "" : s.strip();
        while (t.startsWith("./")) {
            t = t.substring(2);
        }
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.equals(".") ? "" : t;
    }

    /** Logical lines (brackets and backslashes join physical lines), with the blocks around them. */
    private static List<Import> imports(CodeLines code) {
        List<Import> out = new ArrayList<>();
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> headers = new ArrayDeque<>();
        int line = 1;
        while (line <= code.size()) {
            int first = line;
            StringBuilder stmt = new StringBuilder();
            int depth = 0;
            do {
                String m = code.masked(line);
                for (char ch : m.toCharArray()) {
                    depth += "([{".indexOf(ch) >= 0 ? 1 : ")]}".indexOf(ch) >= 0 ? -1 : 0;
                }
                boolean backslash = m.endsWith("\\");
                stmt.append(backslash ? m.substring(0, m.length() - 1) : m).append('\n');
                line++;
                if (depth <= 0 && !backslash) {
                    break;
                }
            } while (line <= code.size());
            String text = stmt.toString();
            if (text.isBlank()) {
                continue;
            }
            int indent = indentOf(code.masked(first));
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
                headers.pop();
            }
            String trimmed = text.strip();
            String keyword = trimmed.split("[\\s:(]", 2)[0];
            if (BLOCKS.contains(keyword) && trimmed.endsWith(":")) {
                indents.push(new int[]{indent});
                headers.push(normalise(trimmed.substring(0, trimmed.length() - 1)));
                continue;
            }
            List<String> enclosing = new ArrayList<>(headers);
            java.util.Collections.reverse(enclosing);
            for (String part : splitStatements(trimmed)) {
                Import imp = importOf(part, first, line - 1, enclosing);
                if (imp != null) {
                    out.add(imp);
                }
            }
        }
        return out;
    }

    private static Import importOf(String stmt, int first, int last, List<String> enclosing) {
        Matcher f = FROM.matcher(stmt);
        if (f.matches()) {
            List<ImportedName> names = names(f.group(3).replace("(", " ").replace(")", " "));
            String module = f.group(2) == null ? "" : f.group(2);
            return new Import(first, last, true, f.group(1).length(), module, names, enclosing, normalise(stmt));
        }
        Matcher i = IMPORT.matcher(stmt);
        if (i.matches()) {
            return new Import(first, last, false, 0, null, names(i.group(1)), enclosing, normalise(stmt));
        }
        return null;
    }

    private static List<ImportedName> names(String list) {
        List<ImportedName> names = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher n = NAME.matcher(item.strip());
            if (n.matches()) {
                names.add(new ImportedName(n.group(1), n.group(2)));
            }
        }
        return names;
    }

    /** {@code a; b} at bracket depth 0 (strings are already masked, so their semicolons are gone). */
    private static List<String> splitStatements(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            depth += "([{".indexOf(ch) >= 0 ? 1 : ")]}".indexOf(ch) >= 0 ? -1 : 0;
            if (ch == ';' && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }

    private static List<Call> calls(Text masked, Text plain) {
        List<Call> out = new ArrayList<>();
        Matcher m = CALL.matcher(masked.text);
        while (m.find()) {
            String name = m.group(1);
            String before = masked.text.substring(Math.max(0, m.start() - 200), m.start());
            if (KEYWORDS.contains(name) || DEF_BEFORE.matcher(before).find()) {
                continue;
            }
            Matcher r = RECEIVER.matcher(before);
            String receiver = r.find() ? receiverText(r.group(1)) : null;
            int open = m.end() - 1;
            int close = closing(masked.text, open);
            int end = close < 0 ? masked.text.length() : close;
            out.add(new Call(name, receiver, masked.lineAt(m.start(1)), masked.lineAt(end),
                    plain.text.substring(open + 1, end)));
        }
        return out;
    }

    /** {@code self.client} as written; a call or subscript result shows as {@code (...)}. */
    private static String receiverText(String expr) {
        return expr.endsWith(")") || expr.endsWith("]") ? "(...)"
                : expr.endsWith("'") || expr.endsWith("\"") ? "'...'" : expr;
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if ("([{".indexOf(ch) >= 0) {
                depth++;
            } else if (")]}".indexOf(ch) >= 0 && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    static String normalise(String s) {
        return s.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").strip();
    }

    /** All lines of a view joined with '\n', with the offset of each line, to map matches back to lines. */
    private record Text(String text, int[] starts) {
        static Text join(CodeLines code, boolean masked) {
            StringBuilder sb = new StringBuilder();
            int[] starts = new int[code.size()];
            for (int l = 1; l <= code.size(); l++) {
                starts[l - 1] = sb.length();
                sb.append(masked ? code.masked(l) : code.code(l)).append('\n');
            }
            return new Text(sb.toString(), starts);
        }

        int lineAt(int offset) {
            int i = Arrays.binarySearch(starts, offset);
            return (i >= 0 ? i : -i - 2) + 1;
        }
    }
}

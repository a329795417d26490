package dev.greenlight.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes hostile variants of a checklist file from one seed, so any input the fuzz test reports can be
 * rebuilt exactly from (seed file, iteration seed). Cheap mutations (byte flips, line edits) are
 * common; expensive ones (a 10 MB scalar, 10,000 nesting levels, 100,000 keys) are rare so a default
 * run stays short while still meeting each of them many times.
 */
final class ChecklistMutator {

    /** One mutated input and the names of the mutations applied, in order. */
    record Mutant(byte[] bytes, List<String> applied) {
    }

    private interface Op {
        byte[] apply(byte[] in, SplittableRandom rnd);
    }

    private record Weighted(String name, int weight, Op op) {
    }

    private static final String[] TAGS = {"!Foo ", "!!binary ", "!!python/object:os.system ", "!!float ", "!!int ",
            "!!map ", "!!seq ", "!!str ", "!Ref ", "!GetAtt ", "!Sub ", "!If ", "!<tag:example.com,2000:x> ", "! "};
    private static final String[] TOKENS = {": ", "- ", "? ", "|", ">", "&a ", "*a", "%YAML 1.1\n", "---\n", "...\n",
            "{", "}", "[", "]", "\t", "#", "'", "\"", "${", "$${", "${{ x }}", "${checkout}", "${stage}", "${git.sha}",
            "\\", ",", "@", "`", "!", "%", "&", "*"};
    private static final String[] WRONG_VALUES = {"[a, b]", "{x: 1}", "~", "null", "true", "1e999", "-1", "0x1F",
            "99999999999999999999999", "''", "\"\"", "[]", "{}", "- x", ".nan", "2001-12-14t21:59:43.10-05:00",
            "&anchor [1]", "*anchor", "!!binary aGVsbG8=", "|\n  block", ">-\n  folded"};

    private final List<Weighted> ops = List.of(
            new Weighted("truncate", 10, ChecklistMutator::truncate),
            new Weighted("flip-bytes", 12, ChecklistMutator::flipBytes),
            new Weighted("delete-line", 10, ChecklistMutator::deleteLine),
            new Weighted("duplicate-line", 10, ChecklistMutator::duplicateLine),
            new Weighted("swap-lines", 8, ChecklistMutator::swapLines),
            new Weighted("wrong-type", 12, ChecklistMutator::wrongType),
            new Weighted("block-to-scalar", 6, ChecklistMutator::blockToScalar),
            new Weighted("insert-token", 10, ChecklistMutator::insertToken),
            new Weighted("random-tag", 6, ChecklistMutator::randomTag),
            new Weighted("duplicate-key", 4, ChecklistMutator::duplicateKey),
            new Weighted("invalid-utf8", 5, ChecklistMutator::invalidUtf8),
            new Weighted("nul-byte", 3, ChecklistMutator::nulByte),
            new Weighted("bom", 3, ChecklistMutator::bom),
            new Weighted("crlf", 3, ChecklistMutator::crlf),
            new Weighted("indent-shift", 6, ChecklistMutator::indentShift),
            new Weighted("alias-bomb", 2, ChecklistMutator::aliasBomb),
            new Weighted("variable-bomb", 2, ChecklistMutator::variableBomb),
            new Weighted("variable-chain", 1, ChecklistMutator::variableChain),
            new Weighted("deep-nesting", 1, ChecklistMutator::deepNesting),
            new Weighted("long-string", 1, ChecklistMutator::longString),
            new Weighted("huge-string", 1, ChecklistMutator::hugeString),
            new Weighted("many-keys", 1, ChecklistMutator::manyKeys),
            new Weighted("long-name-typo", 1, ChecklistMutator::longNameTypo));
    private final int totalWeight = ops.stream().mapToInt(Weighted::weight).sum();

    /** 1 to 3 stacked mutations of {@code seed}, chosen by {@code iterationSeed} alone. */
    Mutant mutate(byte[] seed, long iterationSeed) {
        SplittableRandom rnd = new SplittableRandom(iterationSeed);
        int count = 1 + rnd.nextInt(3);
        byte[] b = seed;
        List<String> applied = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Weighted w = pick(rnd);
            b = w.op().apply(b, rnd);
            applied.add(w.name());
        }
        return new Mutant(b, applied);
    }

    private Weighted pick(SplittableRandom rnd) {
        int r = rnd.nextInt(totalWeight);
        for (Weighted w : ops) {
            r -= w.weight();
            if (r < 0) {
                return w;
            }
        }
        throw new AssertionError("weights");
    }

    // ---- byte-level ----------------------------------------------------------------------------

    private static byte[] truncate(byte[] in, SplittableRandom rnd) {
        return in.length == 0 ? in : java.util.Arrays.copyOf(in, rnd.nextInt(in.length));
    }

    private static byte[] flipBytes(byte[] in, SplittableRandom rnd) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        int n = 1 + rnd.nextInt(8);
        for (int k = 0; k < n; k++) {
            int at = rnd.nextInt(out.length);
            out[at] = rnd.nextBoolean() ? (byte) (out[at] ^ (1 << rnd.nextInt(8))) : (byte) rnd.nextInt(256);
        }
        return out;
    }

    private static byte[] invalidUtf8(byte[] in, SplittableRandom rnd) {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE}};
        return insertAt(in, rnd.nextInt(in.length + 1), bad[rnd.nextInt(bad.length)]);
    }

    private static byte[] nulByte(byte[] in, SplittableRandom rnd) {
        return insertAt(in, rnd.nextInt(in.length + 1), new byte[]{0});
    }

    private static byte[] bom(byte[] in, SplittableRandom rnd) {
        byte[][] boms = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE},
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF}};
        int at = rnd.nextInt(4) == 0 ? rnd.nextInt(in.length + 1) : 0;
        return insertAt(in, at, boms[rnd.nextInt(boms.length)]);
    }

    private static byte[] crlf(byte[] in, SplittableRandom rnd) {
        String s = text(in);
        return bytes(switch (rnd.nextInt(3)) {
            case 0 -> s.replace("\n", "\r\n");
            case 1 -> s.replace("\n", "\r");
            default -> s.replace("\n", rnd.nextBoolean() ? "\n\r" : "\u2028");
        });
    }

    // ---- line-level ----------------------------------------------------------------------------

    private static byte[] deleteLine(byte[] in, SplittableRandom rnd) {
        List<String> lines = lines(in);
        if (!lines.isEmpty()) {
            lines.remove(rnd.nextInt(lines.size()));
        }
        return join(lines);
    }

    private static byte[] duplicateLine(byte[] in, SplittableRandom rnd) {
        List<String> lines = lines(in);
        if (!lines.isEmpty()) {
            int i = rnd.nextInt(lines.size());
            lines.add(rnd.nextInt(lines.size() + 1), lines.get(i));
        }
        return join(lines);
    }

    private static byte[] swapLines(byte[] in, SplittableRandom rnd) {
        List<String> lines = lines(in);
        if (lines.size() > 1) {
            java.util.Collections.swap(lines, rnd.nextInt(lines.size()), rnd.nextInt(lines.size()));
        }
        return join(lines);
    }

    /** Replaces the value of a {@code key: value} line with a value of another shape. */
    private static byte[] wrongType(byte[] in, SplittableRandom rnd) {
        List<String> lines = lines(in);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*(- )?[A-Za-z_-]+:( .*)?")) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return insertToken(in, rnd);
        }
        int i = candidates.get(rnd.nextInt(candidates.size()));
        String line = lines.get(i);
        int colon = line.indexOf(':');
        String value = WRONG_VALUES[rnd.nextInt(WRONG_VALUES.length)];
        lines.set(i, line.substring(0, colon + 1) + " " + value.replace("\n", "\n" + " ".repeat(indent(line) + 2)));
        return join(lines);
    }

    /** Turns a mapping or list header ({@code items:}) into a scalar, leaving its children orphaned. */
    private static byte[] blockToScalar(byte[] in, SplittableRandom rnd) {
        List<String> lines = lines(in);
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*(- )?[A-Za-z_-]+:\\s*")) {
                headers.add(i);
            }
        }
        if (headers.isEmpty()) {
            return wrongType(in, rnd);
        }
        int i = headers.get(rnd.nextInt(headers.size()));
        lines.set(i, lines.get(i).stripTrailing() + " scalar");
        return join(lines);
    }

    private static byte[] indentShift(byte[] in, SplittableRandom rnd) {
        List<String> lines = lines(in);
        if (lines.isEmpty()) {
            return in;
        }
        int i = rnd.nextInt(lines.size());
        String l = lines.get(i);
        lines.set(i, rnd.nextBoolean() ? " ".repeat(1 + rnd.nextInt(3)) + l : l.stripLeading());
        return join(lines);
    }

    private static byte[] insertToken(byte[] in, SplittableRandom rnd) {
        return insertAt(in, rnd.nextInt(in.length + 1), bytes(TOKENS[rnd.nextInt(TOKENS.length)]));
    }

    private static byte[] randomTag(byte[] in, SplittableRandom rnd) {
        List<String> lines = lines(in);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(": ")) {
                values.add(i);
            }
        }
        String tag = TAGS[rnd.nextInt(TAGS.length)];
        if (values.isEmpty()) {
            return bytes(tag + text(in));
        }
        int i = values.get(rnd.nextInt(values.size()));
        String l = lines.get(i);
        int at = l.indexOf(": ") + 2;
        lines.set(i, l.substring(0, at) + tag + l.substring(at));
        return join(lines);
    }

    private static byte[] duplicateKey(byte[] in, SplittableRandom rnd) {
        String[] keys = {"id: dup", "title: Dup", "sections: []", "vars: {}", "id: asl-paths", "type: file-exists"};
        List<String> lines = lines(in);
        int i = lines.isEmpty() ? 0 : rnd.nextInt(lines.size());
        String indent = lines.isEmpty() ? "" : " ".repeat(indent(lines.get(i)));
        lines.add(i, indent + keys[rnd.nextInt(keys.length)]);
        return join(lines);
    }

    // ---- resource attacks ------------------------------------------------------------------------

    /** The "billion laughs": each level aliases the previous one ten times. */
    private static byte[] aliasBomb(byte[] in, SplittableRandom rnd) {
        int levels = 3 + rnd.nextInt(8);
        StringBuilder y = new StringBuilder("bomb0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int k = 1; k < levels; k++) {
            y.append("bomb").append(k).append(": &b").append(k).append(" [");
            for (int j = 0; j < 10; j++) {
                y.append(j == 0 ? "" : ", ").append("*b").append(k - 1);
            }
            y.append("]\n");
        }
        return rnd.nextBoolean() ? bytes(y + text(in)) : bytes(text(in) + "\n" + y);
    }

    /** The same attack through checklist variables: each doubles the previous. */
    private static byte[] variableBomb(byte[] in, SplittableRandom rnd) {
        int levels = 20 + rnd.nextInt(30);
        StringBuilder y = new StringBuilder("vars:\n  v0: lollollollollollollollollollol\n");
        for (int k = 1; k < levels; k++) {
            y.append("  v").append(k).append(": ${v").append(k - 1).append("}${v").append(k - 1).append("}\n");
        }
        return bytes(y + smallChecklistUsing("${v" + (levels - 1) + "}", text(in)));
    }

    /** 10,000 variables each defined by the next, so resolving the first walks them all. */
    private static byte[] variableChain(byte[] in, SplittableRandom rnd) {
        int n = 10_000 + rnd.nextInt(5_000);
        StringBuilder y = new StringBuilder("vars:\n");
        for (int k = 0; k < n; k++) {
            y.append("  c").append(k).append(": ${c").append(k + 1).append("}\n");
        }
        y.append("  c").append(n).append(rnd.nextBoolean() ? ": end\n" : ": ${c0}\n");
        return bytes(y + smallChecklistUsing("${c0}", text(in)));
    }

    private static byte[] deepNesting(byte[] in, SplittableRandom rnd) {
        int depth = 10_000;
        String nest = switch (rnd.nextInt(4)) {
            case 0 -> "[".repeat(depth) + "]".repeat(rnd.nextBoolean() ? depth : 0);
            case 1 -> "- ".repeat(depth) + "x";
            case 2 -> "{a: ".repeat(depth) + "1" + "}".repeat(depth);
            default -> {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < depth; k++) {
                    b.append("\n").append(" ".repeat(Math.min(k, 2000))).append("k").append(k).append(":");
                }
                yield b.append(" x").toString();
            }
        };
        String s = text(in);
        int at = s.indexOf("title: ");
        return at < 0 || rnd.nextBoolean() ? bytes("x: " + nest + "\n" + s)
                : bytes(s.substring(0, at) + "title: " + nest + "\n" + s.substring(at));
    }

    /** A 3 MB scalar: under the file-size limit, so the parser and the loader really see it. */
    private static byte[] longString(byte[] in, SplittableRandom rnd) {
        String v = "a".repeat(3 * 1024 * 1024);
        String s = text(in);
        return rnd.nextBoolean() ? bytes("title: " + v + "\n" + s) : bytes(s.replaceFirst("(?m)^(\\s*)id: .*$", "$1id: " + v));
    }

    /** A 10 MB scalar: over the size limit. */
    private static byte[] hugeString(byte[] in, SplittableRandom rnd) {
        byte[] big = new byte[10 * 1024 * 1024 + rnd.nextInt(1024)];
        java.util.Arrays.fill(big, (byte) 'x');
        return concat(bytes("description: "), big, bytes("\n"), in);
    }

    private static byte[] manyKeys(byte[] in, SplittableRandom rnd) {
        int n = 100_000 + rnd.nextInt(50_000);
        StringBuilder y = new StringBuilder(n * 16);
        boolean vars = rnd.nextBoolean();
        y.append(vars ? "vars:\n" : "");
        for (int k = 0; k < n; k++) {
            // undefined references make the loader look for a near miss among all names
            y.append(vars ? "  " : "").append("key").append(k).append(": ${kez").append(k).append("}\n");
        }
        return bytes(y + text(in));
    }

    /** A long undefined variable one letter off a long defined one: the "did you mean" search. */
    private static byte[] longNameTypo(byte[] in, SplittableRandom rnd) {
        String name = "n".repeat(200_000 + rnd.nextInt(100_000));
        return bytes("vars:\n  ? " + name + "a\n  : x\n" + smallChecklistUsing("${" + name + "b}", text(in)));
    }

    private static String smallChecklistUsing(String reference, String rest) {
        String item = """
                id: hostile
                title: Hostile %s
                sections:
                  - id: s
                    title: S
                    items:
                      - id: i
                        title: I
                        check:
                          type: file-exists
                          paths: ["%s"]
                """.formatted(reference, reference);
        return rest.length() % 2 == 0 ? item : item + "# " + rest.lines().findFirst().orElse("") + "\n";
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static List<String> lines(byte[] in) {
        return new ArrayList<>(List.of(text(in).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return bytes(String.join("\n", lines));
    }

    /** Decodes leniently: earlier byte mutations may have left bad UTF-8, which survives as U+FFFD. */
    private static String text(byte[] in) {
        return new String(in, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insertAt(byte[] in, int at, byte[] what) {
        return concat(java.util.Arrays.copyOf(in, at), what, java.util.Arrays.copyOfRange(in, at, in.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

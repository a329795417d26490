package dev.greenlight.runners.local;

import java.util.ArrayList;
import java.util.List;

/**
 * A value as the GitHub Actions runner and the shell would compute it, read before the workflow
 * runs: literal text where the files say it, and <em>symbols</em> for what only the run knows (the
 * commit's sha, a secret, an action's output, a command's output). Every part remembers where it
 * was written and the chain of variables it travelled through, so evidence can say
 * {@code backend-workflow-dev (env SAM_STACK_NAME, backend-deploy.yml:22)}.
 *
 * <p>A part may be conditional: it is there only when a shell {@code if} (or {@code &&}/{@code ||})
 * takes that branch. A check that depends on such a part cannot be decided from the files alone.
 */
final class Val {
    /** One step of where a value came from: "env SAM_STACK_NAME" at file:line. */
    record Hop(String what, String file, int line) {
        String where() {
            return file + ":" + line;
        }
    }

    enum Kind {
        /** {@code github.sha}: the commit the workflow runs on. */
        SHA("the commit's sha"),
        SECRET("a secret"),
        VARIABLE("a repository variable"),
        INPUT("an input of the run"),
        STEP_OUTPUT("an output of an earlier step"),
        MATRIX("a matrix value"),
        CONTEXT("a value of the run's context"),
        COMMAND_OUTPUT("the output of a command"),
        UNSET("a variable the workflow never sets");

        final String gist;

        Kind(String gist) {
            this.gist = gist;
        }
    }

    /**
     * Something only the run knows.
     *
     * @param canonical how it is written in a checklist: {@code ${{ github.sha }}}, {@code ${{ secrets.X }}},
     *                  {@code $(cmd)}, {@code ${X}}
     * @param description one phrase for a person: "secret AWS_REGION"
     */
    record Symbol(Kind kind, String canonical, String description) {
    }

    /**
     * A piece of the value: literal text, or a symbol.
     *
     * @param src       where the text or symbol is written, or null
     * @param trail     the variables it went through, nearest use first
     * @param condition the shell condition it depends on, or null when it is always there
     */
    record Part(String text, Symbol symbol, Hop src, List<Hop> trail, String condition) {
        Part {
            trail = List.copyOf(trail);
        }

        String render() {
            return symbol == null ? text : symbol.canonical();
        }
    }

    static final Val EMPTY = new Val(List.of());

    private final List<Part> parts;

    private Val(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    static Val of(List<Part> parts) {
        List<Part> merged = new ArrayList<>();
        for (Part p : parts) {
            if (p.symbol() == null && p.text().isEmpty()) {
                continue;
            }
            merged.add(p);
        }
        return merged.isEmpty() ? EMPTY : new Val(merged);
    }

    static Val literal(String text, Hop src) {
        return of(List.of(new Part(text, null, src, List.of(), null)));
    }

    static Val symbol(Symbol s, Hop src) {
        return new Val(List.of(new Part(null, s, src, List.of(), null)));
    }

    List<Part> parts() {
        return parts;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    Val concat(Val other) {
        if (other.parts.isEmpty()) {
            return this;
        }
        List<Part> all = new ArrayList<>(parts);
        all.addAll(other.parts);
        return new Val(all);
    }

    /** The same value, reached through one more variable. */
    Val via(Hop hop) {
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            List<Hop> trail = new ArrayList<>();
            trail.add(hop);
            trail.addAll(p.trail());
            out.add(new Part(p.text(), p.symbol(), p.src(), trail, p.condition()));
        }
        return new Val(out);
    }

    /** The same value, there only when {@code condition} holds (parts already conditional keep theirs). */
    Val when(String condition) {
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            out.add(p.condition() != null ? p : new Part(p.text(), p.symbol(), p.src(), p.trail(), condition));
        }
        return new Val(out);
    }

    /** As a checklist writes it: literal text, symbols in their canonical form. */
    String render() {
        StringBuilder b = new StringBuilder();
        parts.forEach(p -> b.append(p.render()));
        return b.toString();
    }

    boolean hasSymbols() {
        return parts.stream().anyMatch(p -> p.symbol() != null);
    }

    List<Symbol> symbols() {
        return parts.stream().map(Part::symbol).filter(s -> s != null).distinct().toList();
    }

    List<String> conditions() {
        return parts.stream().map(Part::condition).filter(c -> c != null).distinct().toList();
    }

    /** Where the value's first part is written, or null. */
    Hop src() {
        return parts.stream().map(Part::src).filter(h -> h != null).findFirst().orElse(null);
    }

    /** The part covering character {@code at} of {@link #render()}, or null. */
    Part partAt(int at) {
        int pos = 0;
        for (Part p : parts) {
            int len = p.render().length();
            if (at < pos + len) {
                return p;
            }
            pos += len;
        }
        return null;
    }

    /** The value from character {@code from} of its rendering on (a symbol is kept whole). */
    Val from(int from) {
        List<Part> out = new ArrayList<>();
        int pos = 0;
        for (Part p : parts) {
            String r = p.render();
            if (pos + r.length() > from) {
                out.add(pos >= from || p.symbol() != null ? p
                        : new Part(p.text().substring(from - pos), null, p.src(), p.trail(), p.condition()));
            }
            pos += r.length();
        }
        return of(out);
    }

    /** The parts overlapping characters [from, to) of {@link #render()}. */
    List<Part> partsIn(int from, int to) {
        List<Part> out = new ArrayList<>();
        int pos = 0;
        for (Part p : parts) {
            int len = p.render().length();
            if (pos < to && pos + len > from) {
                out.add(p);
            }
            pos += len;
        }
        return out;
    }

    /**
     * The shell's field splitting of an unquoted expansion: literal text splits on blanks, a symbol
     * is one unsplittable piece (its run-time value is not known).
     */
    List<Val> split() {
        List<Val> fields = new ArrayList<>();
        List<Part> current = new ArrayList<>();
        boolean open = false;
        for (Part p : parts) {
            if (p.symbol() != null) {
                current.add(p);
                open = true;
                continue;
            }
            String t = p.text();
            int i = 0;
            while (i < t.length()) {
                if (Character.isWhitespace(t.charAt(i))) {
                    if (open) {
                        fields.add(of(current));
                        current = new ArrayList<>();
                        open = false;
                    }
                    i++;
                    continue;
                }
                int j = i;
                while (j < t.length() && !Character.isWhitespace(t.charAt(j))) {
                    j++;
                }
                current.add(new Part(t.substring(i, j), null, p.src(), p.trail(), p.condition()));
                open = true;
                i = j;
            }
        }
        if (open) {
            fields.add(of(current));
        }
        return fields;
    }

    /** Joins values with single spaces, as {@code "$*"} or a command line would. */
    static Val join(List<Val> vals) {
        List<Part> all = new ArrayList<>();
        for (int i = 0; i < vals.size(); i++) {
            if (i > 0) {
                all.add(new Part(" ", null, null, List.of(), null));
            }
            all.addAll(vals.get(i).parts());
        }
        return of(all);
    }

    /**
     * Where the value came from, for evidence: "job env SAM_STACK_NAME, backend-deploy.yml:22, via
     * step env SAM_STACK_NAME at backend-deploy.yml:206"; for a value that is one symbol, what the
     * symbol is ("secret AWS_REGION"); empty for text written where it is used.
     */
    String origin() {
        List<String> out = new ArrayList<>();
        if (parts.size() == 1 && parts.get(0).symbol() != null) {
            out.add(parts.get(0).symbol().description());
        }
        List<Hop> sources = new ArrayList<>();
        List<Hop> vias = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (Part p : parts) {
            if (!p.trail().isEmpty()) {
                Hop last = p.trail().get(p.trail().size() - 1);
                if (!sources.contains(last)) {
                    sources.add(last);
                }
                Hop first = p.trail().get(0);
                if (p.trail().size() > 1 && !vias.contains(first)) {
                    vias.add(first);
                }
            }
            if (p.condition() != null && !conditions.contains(p.condition())) {
                conditions.add(p.condition());
            }
        }
        sources.forEach(h -> out.add(h.what() + ", " + h.where()));
        vias.stream().filter(v -> !sources.contains(v)).forEach(h -> out.add("via " + h.what() + " at " + h.where()));
        conditions.forEach(c -> out.add("only when " + c));
        return String.join(", ", out);
    }

    @Override
    public String toString() {
        return render();
    }
}

package dev.greenlight.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What a runner found: a status, one plain sentence of reason, expected and actual, evidence, and
 * notes (such as line drift) that never change the verdict.
 */
public record Result(Status status, String reason, String expected, String actual,
                     List<Evidence> evidence, List<String> notes) {

    public Result {
        evidence = List.copyOf(evidence);
        notes = List.copyOf(notes);
    }

    public static Builder of(Status status, String reason) {
        return new Builder(status, reason);
    }

    public static Builder pass(String reason) {
        return of(Status.PASS, reason);
    }

    public static Builder warn(String reason) {
        return of(Status.WARN, reason);
    }

    public static Builder fail(String reason) {
        return of(Status.FAIL, reason);
    }

    public static Builder error(String reason) {
        return of(Status.ERROR, reason);
    }

    public static Builder skip(String reason) {
        return of(Status.SKIP, reason);
    }

    public static Builder noData(String reason) {
        return of(Status.NO_DATA, reason);
    }

    public Builder toBuilder() {
        Builder b = new Builder(status, reason).expected(expected).actual(actual);
        b.evidence.addAll(evidence);
        b.notes.addAll(notes);
        return b;
    }

    /** Fluent builder; runners end with {@link #build()}. */
    public static final class Builder {
        private Status status;
        private String reason;
        private String expected;
        private String actual;
        private final List<Evidence> evidence = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(Status status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        public Builder status(Status s) {
            this.status = s;
            return this;
        }

        public Builder reason(String r) {
            this.reason = r;
            return this;
        }

        public Builder expected(Object e) {
            this.expected = e == null ? null : String.valueOf(e);
            return this;
        }

        public Builder actual(Object a) {
            this.actual = a == null ? null : String.valueOf(a);
            return this;
        }

        public Builder evidence(Evidence e) {
            if (e != null) {
                evidence.add(e);
            }
            return this;
        }

        public Builder evidence(List<Evidence> e) {
            evidence.addAll(e);
            return this;
        }

        public Builder note(String n) {
            if (n != null && !n.isBlank()) {
                notes.add(n);
            }
            return this;
        }

        public Builder notes(List<String> n) {
            n.forEach(this::note);
            return this;
        }

        public Result build() {
            return new Result(status, reason, expected, actual, evidence, notes);
        }
    }
}

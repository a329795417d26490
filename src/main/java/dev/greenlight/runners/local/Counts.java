package dev.greenlight.runners.local;

import dev.greenlight.engine.Runner.SpecProblem;

import java.util.ArrayList;
import java.util.List;

/** The {@code min} (default 1) and optional {@code max} of a counting check. */
record Counts(int min, Integer max) {

    Counts(Integer min, Integer max) {
        this(min == null ? 1 : min, max);
    }

    static List<SpecProblem> validate(Integer min, Integer max) {
        List<SpecProblem> problems = new ArrayList<>();
        if (min != null && min < 0) {
            problems.add(new SpecProblem("min", "'min' is negative", "use 0 or more"));
        }
        if (max != null && max < 0) {
            problems.add(new SpecProblem("max", "'max' is negative", "use 0 or more"));
        }
        if (max != null && max < (min == null ? 1 : min)) {
            problems.add(new SpecProblem("max", "'max' (" + max + ") is below 'min' (" + (min == null ? 1 : min) + ")",
                    max == 0 ? "set min: 0 to say \"must not appear\"" : "raise 'max' or lower 'min'"));
        }
        return problems;
    }

    /** "at least 6 calls", "exactly 1 line", "between 1 and 3 lines", "no line". */
    String describe(String noun) {
        if (max == null) {
            return "at least " + LineDrift.count(min, noun);
        }
        if (max == 0) {
            return "no " + noun;
        }
        if (max == min) {
            return "exactly " + LineDrift.count(min, noun);
        }
        return min == 0 ? "at most " + LineDrift.count(max, noun) : "between " + min + " and " + LineDrift.count(max, noun);
    }

    boolean holds(int n) {
        return n >= min && (max == null || n <= max);
    }
}

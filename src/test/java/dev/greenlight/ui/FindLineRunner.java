package dev.greenlight.ui;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.WorkspaceException;

import java.util.List;

/**
 * A test runner that reports file:line evidence like the real structural runners do: the first
 * non-comment line containing {@code literal}. The app's tests and screenshots need line evidence
 * before those runners are merged into this branch.
 */
public final class FindLineRunner implements Runner<FindLineRunner.Spec> {
    public record Spec(@JsonProperty(required = true) String file, @JsonProperty(required = true) String literal) {
    }

    @Override
    public String type() {
        return "find-line";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        try {
            List<String> lines = ctx.workspace().read(spec.file()).lines();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.contains(spec.literal()) && !l.strip().startsWith("#")) {
                    return Result.pass("Found “" + spec.literal() + "” in " + spec.file() + ".")
                            .expected(spec.literal()).actual(l.strip())
                            .evidence(Evidence.at("match", spec.file(), i + 1, l.strip()))
                            .note(ctx.driftNote(spec.file(), i + 1)).build();
                }
            }
            return Result.fail("“" + spec.literal() + "” is not in " + spec.file() + ".")
                    .expected(spec.literal()).actual("no such line").evidence(Evidence.at("searched", spec.file(), null, lines.size() + " lines")).build();
        } catch (WorkspaceException e) {
            return e.toResult(spec.literal());
        }
    }
}

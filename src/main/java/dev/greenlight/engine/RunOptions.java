package dev.greenlight.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How to run a checklist.
 *
 * @param checkout      the checkout root
 * @param overrides     per-run variable values, over the checklist's defaults
 * @param only          item or section ids to run; empty for all
 * @param parallelism   items checked at once
 * @param itemTimeout   default time an item may take
 * @param allowInvoke   may Lambda Invoke checks run
 * @param allowCommands may local command checks run
 * @param background    check threads run at the lowest thread priority, so a window on the same
 *                      cores keeps drawing while a run takes every core (the desktop app).
 *                      Takes effect where the JVM maps thread priorities to
 *                      the OS (the runtime image sets {@code -XX:ThreadPriorityPolicy=1}); elsewhere
 *                      it changes nothing.
 */
public record RunOptions(Path checkout, Map<String, String> overrides, Set<String> only, int parallelism,
                         Duration itemTimeout, boolean allowInvoke, boolean allowCommands, boolean background) {

    public RunOptions {
        overrides = Map.copyOf(overrides);
        only = Set.copyOf(only);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    public static RunOptions defaults(Path checkout) {
        return new RunOptions(checkout, Map.of(), Set.of(), 8, Duration.ofSeconds(60), false, false, false);
    }

    public RunOptions withOverrides(Map<String, String> o) {
        return new RunOptions(checkout, o, only, parallelism, itemTimeout, allowInvoke, allowCommands, background);
    }

    public RunOptions withOnly(Set<String> o) {
        return new RunOptions(checkout, overrides, o, parallelism, itemTimeout, allowInvoke, allowCommands, background);
    }

    public RunOptions withParallelism(int p) {
        return new RunOptions(checkout, overrides, only, p, itemTimeout, allowInvoke, allowCommands, background);
    }

    public RunOptions withItemTimeout(Duration t) {
        return new RunOptions(checkout, overrides, only, parallelism, t, allowInvoke, allowCommands, background);
    }

    public RunOptions withAllowInvoke(boolean a) {
        return new RunOptions(checkout, overrides, only, parallelism, itemTimeout, a, allowCommands, background);
    }

    public RunOptions withAllowCommands(boolean a) {
        return new RunOptions(checkout, overrides, only, parallelism, itemTimeout, allowInvoke, a, background);
    }

    public RunOptions withBackground(boolean b) {
        return new RunOptions(checkout, overrides, only, parallelism, itemTimeout, allowInvoke, allowCommands, b);
    }
}

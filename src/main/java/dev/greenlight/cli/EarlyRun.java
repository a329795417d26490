package dev.greenlight.cli;

import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.runners.aws.AwsSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the checks of a plain {@code greenlight run} as soon as the early checklist load is done,
 * while picocli is still building its command model on the main thread: in a fresh JVM that model
 * takes longer than the load, and the checks had to wait for it (BENCHMARKS.md section 1).
 *
 * <p>Only a speculation. {@link #plan} reads the raw arguments strictly: an option it does not
 * know, an argument file, help, a value that looks like an option, a single-valued option given
 * twice, or either opt-in ({@code --allow-invoke}, {@code --allow-commands}) and nothing starts
 * early, so a run with side effects never starts before picocli has accepted its command line.
 * {@link RunCommand} takes the early run only when the checklist is the very object it loaded and
 * the {@link RunOptions} and {@link AwsSettings} it built itself are equal to the early ones; the
 * run is a function of those three, so a taken report is the one it would have made. Otherwise
 * the early run is cancelled and the command runs as it always did.
 */
public final class EarlyRun {
    /** What the raw arguments of a plain {@code run} ask for; {@code checkout} null means the sample. */
    record Plan(String checklist, String checkout, Set<String> only, Map<String, String> vars, String profile,
                String region, String endpointUrl, int parallel, int timeoutSeconds) {
    }

    private record Pending(Checklist checklist, RunOptions options, AwsSettings aws, ChecklistRun run,
                           CompletableFuture<RunReport> report) {
    }

    /** Set by {@link #expect}, settled on the early thread with the started run or null. */
    private static volatile CompletableFuture<Pending> decision;

    private EarlyRun() {
    }

    /** Options that take a value and may be given once; {@code -c} also as {@code -cFILE}. */
    private static final Set<String> SINGLE = Set.of("-c", "--checklist", "--checkout", "--profile", "--region",
            "--endpoint-url", "--parallel", "--timeout", "--format", "--out", "--record");
    /** Options that take a value and may be repeated. */
    private static final Set<String> REPEATED = Set.of("--only", "--var", "--sign-off");

    /** The plan of a plain {@code run}, or null when the arguments are not plain enough to be sure. */
    static Plan plan(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) {
            return null;
        }
        Map<String, String> single = new LinkedHashMap<>();
        Set<String> only = new LinkedHashSet<>();
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-history")) {
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (a.startsWith("-c") && !a.startsWith("--") && a.length() > 2) {
                name = "-c";
                value = a.substring(a.charAt(2) == '=' ? 3 : 2);
            }
            if (!SINGLE.contains(name) && !REPEATED.contains(name)) {
                return null; // help, version, an opt-in, an argument file, a positional, a typo: picocli decides
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
            }
            if (value.startsWith("-")) {
                return null;
            }
            if (name.equals("--checklist")) {
                name = "-c";
            }
            if (SINGLE.contains(name) && single.putIfAbsent(name, value) != null) {
                return null;
            }
            if (name.equals("--only")) {
                for (String id : value.split(",")) {
                    only.add(id);
                }
            } else if (name.equals("--var")) {
                int kv = value.indexOf('=');
                if (kv < 1) {
                    return null;
                }
                vars.put(value.substring(0, kv), value.substring(kv + 1));
            }
        }
        Integer parallel = positive(single.getOrDefault("--parallel", "8"));
        Integer timeout = positive(single.getOrDefault("--timeout", "60"));
        if (parallel == null || timeout == null) {
            return null;
        }
        return new Plan(single.getOrDefault("-c", ChecklistOption.DEFAULT), single.get("--checkout"), only, vars,
                single.get("--profile"), single.get("--region"), single.get("--endpoint-url"), parallel, timeout);
    }

    private static Integer positive(String s) {
        try {
            int n = Integer.parseInt(s);
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Called on the main thread before the early-load thread starts: when {@code args} are a plain
     * {@code run}, {@link #take} will wait for that thread to say whether it started the run.
     */
    static CompletableFuture<?> expect(String[] args) {
        CompletableFuture<Pending> d = plan(args) == null ? null : new CompletableFuture<>();
        decision = d;
        return d;
    }

    /**
     * On the early-load thread, once the checklist is loaded: starts the run {@code args} ask for
     * when they are plain, the checklist loaded cleanly, the checkout is a directory and every
     * {@code --only} id exists; otherwise starts nothing (the command then reports what is wrong,
     * as always). Always settles {@code announced}, what {@link #expect} returned: the command
     * may already have taken it from {@link #decision} and be waiting on it.
     */
    @SuppressWarnings("unchecked")
    static void startIfPlain(CompletableFuture<?> announced, String[] args, String checklistArgument, LoadResult loaded) {
        CompletableFuture<Pending> settle = (CompletableFuture<Pending>) announced;
        Pending started = null;
        try {
            started = start(plan(args), checklistArgument, loaded);
        } catch (Exception | LinkageError e) {
            // the command prepares and runs on its own thread and reports whatever went wrong there
        } finally {
            if (settle != null) {
                settle.complete(started);
            }
        }
    }

    private static Pending start(Plan plan, String checklistArgument, LoadResult loaded) throws IOException {
        if (plan == null || !plan.checklist().equals(checklistArgument) || loaded == null || !loaded.ok()) {
            return null;
        }
        Checklist checklist = loaded.checklist().orElseThrow();
        Path root;
        if (plan.checkout() == null) {
            root = SampleCheckout.ensure();
        } else {
            root = Path.of(plan.checkout()).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                return null;
            }
        }
        for (String id : plan.only()) {
            if (checklist.item(id).isEmpty() && checklist.section(id).isEmpty()) {
                return null;
            }
        }
        RunOptions options = options(root, plan.vars(), plan.only(), plan.parallel(), plan.timeoutSeconds(),
                false, false);
        AwsSettings aws = new AwsSettings(plan.profile(), plan.region(), plan.endpointUrl());
        ChecklistRun run = Greenlight.prepare(checklist, options, aws, null);
        return new Pending(checklist, options, aws, run, run.start());
    }

    /** How {@code run} turns its options into {@link RunOptions}; the early run and the command share it. */
    static RunOptions options(Path root, Map<String, String> vars, Set<String> only, int parallel, int timeoutSeconds,
                              boolean allowInvoke, boolean allowCommands) {
        return RunOptions.defaults(root).withOverrides(vars).withOnly(only)
                .withParallelism(parallel).withItemTimeout(Duration.ofSeconds(timeoutSeconds))
                .withAllowInvoke(allowInvoke).withAllowCommands(allowCommands);
    }

    /**
     * The early run's report, when one was started for exactly this checklist, these options and
     * these AWS settings; any other early run is cancelled. Only once.
     */
    static Optional<RunReport> take(Checklist checklist, RunOptions options, AwsSettings aws) {
        Pending p = settled();
        if (p == null) {
            return Optional.empty();
        }
        if (p.checklist() != checklist || !p.options().equals(options) || !p.aws().equals(aws)) {
            p.run().cancel();
            return Optional.empty();
        }
        return Optional.of(p.report().join());
    }

    /**
     * Cancels an early run nobody took (the command stopped before running, or ran no checks),
     * without waiting for the early thread: a command that fails on its options exits at once.
     */
    static void discard() {
        CompletableFuture<Pending> d = decision;
        decision = null;
        if (d != null) {
            d.thenAccept(p -> {
                if (p != null) {
                    p.run().cancel();
                }
            });
        }
    }

    /**
     * Waits for the early thread to say whether it started the run; clears it: only once. The
     * answer comes right after the checklist load the command has already waited for; should it
     * not come within a minute, the command runs on its own and a late early run is cancelled.
     */
    private static Pending settled() {
        CompletableFuture<Pending> d = decision;
        decision = null;
        if (d == null) {
            return null;
        }
        try {
            return d.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            d.thenAccept(late -> {
                if (late != null) {
                    late.run().cancel();
                }
            });
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** For tests: the options of an early run nobody has taken yet. */
    static Optional<RunOptions> pendingOptions() {
        return pending().map(Pending::options);
    }

    /** For tests: an early run nobody has taken yet. */
    static Optional<ChecklistRun> pendingRun() {
        return pending().map(Pending::run);
    }

    private static Optional<Pending> pending() {
        CompletableFuture<Pending> d = decision;
        return Optional.ofNullable(d == null ? null : d.join());
    }
}

package dev.greenlight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One run of a checklist: items checked concurrently on a bounded pool the run owns, each with a
 * timeout, items with {@code needs:} started when what they need has finished, and every leaked
 * exception turned into ERROR. The pool is shut down when the run ends, so runs leak no threads.
 */
public final class ChecklistRun {
    private final Checklist checklist;
    private final RunOptions options;
    private final RunnerRegistry registry;
    private final Services services;
    private final Variables variables;
    private final RunListener listener;
    private final Workspace workspace;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Map<String, CompletableFuture<ItemResult>> futures = new LinkedHashMap<>();
    private final List<Future<?>> running = new ArrayList<>();
    private final Map<String, Boolean> claimed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Function<RunReport, Map<String, String>> contextProbe;
    private ThreadPoolExecutor pool;
    private ScheduledExecutorService watchdog;
    private CompletableFuture<RunReport> done;
    private volatile WorkingTree workingTree;
    /** The verdict of a manual item before anyone signed it. */
    public static final String MANUAL_REASON = "Waiting for a person to check this and sign it off.";
    /** Context key: "full" (every item), "partial" (--only, one item or section) or "diagnose". */
    public static final String KIND = "run.kind";

    /**
     * @param variables    the run's variables (checklist defaults, overrides and dynamic sources)
     * @param contextProbe adds report-header facts after the run (may read services already created)
     */
    public ChecklistRun(Checklist checklist, RunOptions options, RunnerRegistry registry, Services services,
                        Variables variables, RunListener listener, Function<RunReport, Map<String, String>> contextProbe) {
        this.checklist = checklist;
        this.options = options;
        this.registry = registry;
        this.services = services;
        this.variables = variables;
        this.listener = listener == null ? RunListener.NONE : listener;
        this.workspace = new Workspace(options.checkout());
        this.contextProbe = contextProbe == null ? r -> Map.of() : contextProbe;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The run's variables, for showing troubleshooting commands resolved the way the checks saw them. */
    public Variables variables() {
        return variables;
    }

    /** Starts the run; the future completes when every selected item has a verdict. */
    public synchronized CompletableFuture<RunReport> start() {
        if (done != null) {
            return done;
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        pool = new ThreadPoolExecutor(options.parallelism(), options.parallelism(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemon("greenlight-check", options.background() ? Thread.MIN_PRIORITY : Thread.NORM_PRIORITY));
        ScheduledThreadPoolExecutor wd = new ScheduledThreadPoolExecutor(1, daemon("greenlight-watchdog", Thread.NORM_PRIORITY));
        wd.setRemoveOnCancelPolicy(true);
        watchdog = wd;

        List<Item> selected = checklist.items().filter(this::selected).toList();
        for (Item item : selected) {
            futures.put(item.id(), new CompletableFuture<>());
        }
        for (Item item : selected) {
            List<CompletableFuture<ItemResult>> deps = item.needs().stream()
                    .map(futures::get).filter(f -> f != null).toList();
            CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                    .whenComplete((v, e) -> schedule(item, deps));
        }
        done = CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                .thenApply(v -> finish(selected, started, t0));
        return done;
    }

    public RunReport runBlocking() {
        return start().join();
    }

    /**
     * Stops the run: running items are interrupted, items not started become SKIP. Waits for a
     * {@link #start} under way on another thread (the app starts runs off its FX thread), so a
     * stop pressed while the items are being scheduled is not lost.
     */
    public synchronized void cancel() {
        cancelled.set(true);
        synchronized (running) {
            running.forEach(f -> f.cancel(true));
        }
        futures.forEach((id, f) -> {
            Item item = checklist.item(id).orElseThrow();
            complete(item, Result.skip("The run was stopped before this item finished.").build(), 0);
        });
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    private boolean selected(Item item) {
        return options.only().isEmpty() || options.only().contains(item.id()) || options.only().contains(item.sectionId());
    }

    private void schedule(Item item, List<CompletableFuture<ItemResult>> deps) {
        if (cancelled.get()) {
            complete(item, Result.skip("The run was stopped before this item started.").build(), 0);
            return;
        }
        for (String need : item.needs()) {
            CompletableFuture<ItemResult> f = futures.get(need);
            if (f != null) {
                ItemResult r = f.join();
                if (!r.status().holds()) {
                    complete(item, Result.skip("Needs '" + need + "', which is " + r.status() + ".")
                            .expected(need + " PASS").actual(need + " " + r.status()).build(), 0);
                    return;
                }
            }
        }
        if (item.check() == null) {
            complete(item, Result.of(Status.MANUAL, MANUAL_REASON).build(), 0);
            return;
        }
        Duration timeout = item.check().timeoutSeconds() != null
                ? Duration.ofSeconds(item.check().timeoutSeconds()) : options.itemTimeout();
        long start = System.nanoTime();
        Future<?> task;
        try {
            task = pool.submit(() -> {
                listener.itemStarted(item.id());
                Result r = evaluate(item);
                complete(item, r, elapsedMs(start));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            complete(item, Result.skip("The run was stopped before this item started.").build(), 0);
            return;
        }
        synchronized (running) {
            running.add(task);
        }
        watchdog.schedule(() -> {
            if (!task.isDone()) {
                complete(item, Result.error("Timed out after " + timeout.toSeconds() + " s; the check did not finish.")
                        .expected("a verdict within " + timeout.toSeconds() + " s").actual("no answer")
                        .note("Raise the item's 'timeout' or the run's --timeout if the resource is slow.").build(),
                        elapsedMs(start));
                task.cancel(true);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interpolates, binds and runs one item's check; every failure on the way is a verdict. */
    Result evaluate(Item item) {
        RunContext ctx = new RunContext(item, workspace, variables, services, options, cancelled::get);
        Runner<?> runner = registry.find(item.check().type()).orElse(null);
        if (runner == null) {
            return Result.error("No runner of type '" + item.check().type() + "' is installed.").build();
        }
        if (runner.access() == Runner.Access.INVOKE && !options.allowInvoke()) {
            return Result.skip("This check invokes a Lambda function (it runs code in the account); "
                    + "allow it with --allow-invoke or in the app.").build();
        }
        if (runner.access() == Runner.Access.COMMAND && !options.allowCommands()) {
            return Result.skip("This check runs a local command; allow it with --allow-commands or in the app.").build();
        }
        JsonNode params;
        try {
            params = variables.interpolate(item.check().params());
            JsonNode run = item.check().params().get("run");
            if (runner.access() == Runner.Access.COMMAND && run != null && run.isTextual() && params.isObject()) {
                // 'run' is split into words after substitution: a value must stay one word, never become syntax
                ((com.fasterxml.jackson.databind.node.ObjectNode) params).put("run", CommandText.render(run.asText(), variables));
            }
        } catch (VariableException e) {
            return Result.of(e.status(), "Cannot resolve ${" + e.variable() + "}: " + e.getMessage() + ".").build();
        }
        Result r = runTyped(runner, params, ctx);
        return item.check().failAsWarn() ? FailAs.warn(r) : r;
    }

    private <S> Result runTyped(Runner<S> runner, JsonNode params, RunContext ctx) {
        RunnerRegistry.Bound<S> bound = registry.bind(runner, params);
        if (bound.problem() != null) {
            return Result.error("The check's parameters are invalid: " + bound.problem().message() + ".").build();
        }
        try {
            Result r = runner.run(bound.spec(), ctx);
            if (r == null) {
                return Result.error("The " + runner.type() + " runner returned no verdict (a bug in Greenlight).").build();
            }
            return r.reason() == null ? r.toBuilder().reason(r.status() + ".").build() : r;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof OutOfMemoryError)) {
                throw vme;
            }
            return Result.error("The " + runner.type() + " runner failed unexpectedly: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                    + ".").note("This is a bug in Greenlight; the other items are not affected.").build();
        }
    }

    /**
     * Records an item's verdict once (a timeout and a late result race; the first wins). The listener
     * hears of it before the item's future completes, because completing the last future finishes the
     * run: listeners see every itemFinished before runFinished.
     */
    private void complete(Item item, Result result, long durationMs) {
        CompletableFuture<ItemResult> f = futures.get(item.id());
        if (f == null || claimed.putIfAbsent(item.id(), Boolean.TRUE) != null) {
            return;
        }
        Result annotated = result;
        try {
            annotated = workingTree().annotate(result);
        } catch (RuntimeException ignored) {
            // a note about the working tree is best effort; the verdict stands without it
        }
        ItemResult ir = new ItemResult(item.id(), item.sectionId(), item.title(), Redactor.redact(annotated), durationMs,
                Instant.now(), gating(item, registry));
        try {
            listener.itemFinished(ir);
        } catch (RuntimeException ignored) {
            // a listener's bug must not stop the run
        }
        f.complete(ir);
    }

    /** What the checklist lets this item's verdict decide: gate, on-no-data (or the runner's default), post-deploy. */
    public static ItemResult.Gating gating(Item item, RunnerRegistry registry) {
        Runner<?> runner = item.check() == null ? null : registry.find(item.check().type()).orElse(null);
        String onNoData = item.check() == null ? null : item.check().onNoData();
        boolean blocks = onNoData != null ? onNoData.equals("block") : runner == null || runner.noDataBlocksByDefault();
        return new ItemResult.Gating(item.gate(), blocks, runner != null && runner.postDeploy());
    }

    /** Asked of git once per run, by the first item that finishes (the others wait for that answer). */
    private WorkingTree workingTree() {
        WorkingTree w = workingTree;
        if (w == null) {
            synchronized (this) {
                if (workingTree == null) {
                    workingTree = WorkingTree.of(variables);
                }
                w = workingTree;
            }
        }
        return w;
    }

    private RunReport finish(List<Item> selected, Instant started, long t0) {
        // Not shutdownNow: this runs on the pool thread that finished the last item, and interrupting
        // it would break the header probe (git, STS) below. Timed-out and cancelled tasks were already
        // interrupted individually.
        pool.shutdown();
        watchdog.shutdownNow();
        List<ItemResult> results = selected.stream().map(i -> futures.get(i.id()).join()).toList();
        Map<String, String> ctx = new LinkedHashMap<>();
        ctx.put("checkout", workspace.root().toString());
        ctx.put(KIND, options.only().isEmpty() ? "full" : "partial");
        RunReport partial = new RunReport(checklist.id(), checklist.title(), checklist.version(), checklist.source(),
                workspace.root().toString(), started, elapsedMs(t0), ctx, results, cancelled.get());
        try {
            ctx.putAll(contextProbe.apply(partial));
        } catch (RuntimeException ignored) {
            // header facts are best effort
        }
        try {
            if (ctx.containsKey("git.sha")) {
                WorkingTree tree = workingTree();
                java.util.Set<String> read = new java.util.HashSet<>(workspace.readPaths());
                results.forEach(r -> r.result().evidence().forEach(e -> {
                    if (e.file() != null) {
                        read.add(e.file());
                    }
                }));
                ctx.put(WorkingTree.DIRTY, String.valueOf(tree.dirty()));
                ctx.put(WorkingTree.CHANGED_READ, String.join(", ", tree.changedAmong(read)));
            }
        } catch (RuntimeException ignored) {
            // as above
        }
        RunReport report = new RunReport(partial.checklistId(), partial.checklistTitle(), partial.checklistVersion(),
                partial.checklistSource(), partial.checkout(), started, elapsedMs(t0), ctx, results, cancelled.get());
        try {
            listener.runFinished(report);
        } catch (RuntimeException ignored) {
            // as above
        }
        return report;
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static ThreadFactory daemon(String name, int priority) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(priority);
            return t;
        };
    }

}

package dev.greenlight.wiring;

import dev.greenlight.engine.BuildInfo;
import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.RunListener;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Variables;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.log.RunLog;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.StandardRunners;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.aws.AwsSupport;
import dev.greenlight.runners.local.GitVariables;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a run together the same way for the CLI and the app: the standard runners, the checklist's
 * variables with per-run overrides, git and AWS sources, and the per-run services.
 */
public final class Greenlight {
    private Greenlight() {
    }

    public static String version() {
        return BuildInfo.version();
    }

    public static String buildSha() {
        return BuildInfo.sha();
    }

    public static RunnerRegistry registry() {
        return Registry.INSTANCE;
    }

    /** Built on first use, so --version and the app's first frame do not load every runner. */
    private static final class Registry {
        static final RunnerRegistry INSTANCE = StandardRunners.registry();
    }

    public static ChecklistLoader loader() {
        return new ChecklistLoader(registry());
    }

    /** The variables of a run, before any is resolved. */
    public static Variables variables(Checklist checklist, RunOptions options) {
        Map<String, String> values = new LinkedHashMap<>(checklist.vars());
        values.putAll(options.overrides());
        values.put("checkout", options.checkout().toAbsolutePath().normalize().toString());
        return new Variables(values, Map.of()).withSource("git.", new GitVariables(options.checkout()));
    }

    public static ChecklistRun prepare(Checklist checklist, RunOptions options, AwsSettings aws, RunListener listener) {
        return prepare(registry(), checklist, options, aws, listener);
    }

    /** As {@link #prepare(Checklist, RunOptions, AwsSettings, RunListener)} with other runners (tests, demos). */
    public static ChecklistRun prepare(RunnerRegistry registry, Checklist checklist, RunOptions options, AwsSettings aws,
                                       RunListener listener) {
        Services services = new Services();
        Variables variables = AwsSupport.install(services, variables(checklist, options), aws,
                AwsSupport.plannedLogicalIds(checklist.items().filter(i -> options.only().isEmpty()
                        || options.only().contains(i.id()) || options.only().contains(i.sectionId()))));
        resolveGitFactsMeanwhile(variables, options.background());
        RunListener logged = RunLog.around(checklist.id(), options.checkout().toAbsolutePath().normalize().toString(), listener);
        return new ChecklistRun(checklist, options, registry, services, variables, logged, report -> {
            Map<String, String> ctx = new LinkedHashMap<>();
            variables.tryResolve("git.sha").ifPresent(s -> ctx.put("git.sha", s));
            variables.tryResolve("git.branch").ifPresent(s -> ctx.put("git.branch", s));
            if (variables.defines("stage")) {
                variables.tryResolve("stage").ifPresent(s -> ctx.put("stage", s));
            }
            ctx.putAll(AwsSupport.reportContext(services));
            services.close();
            return ctx;
        });
    }

    /**
     * Asks git for the report header's commit and branch while the checks run: the answers are
     * cached by {@link Variables}, and asked for only after the last item they would be three git
     * calls in a row that every run waits for at its end.
     */
    private static void resolveGitFactsMeanwhile(Variables variables, boolean background) {
        Thread t = new Thread(() -> {
            variables.tryResolve("git.sha");
            variables.tryResolve("git.branch");
            variables.tryResolve(dev.greenlight.engine.WorkingTree.CHANGES_VARIABLE);
        }, "greenlight-git-facts");
        t.setDaemon(true);
        // like the check threads of a background (desktop) run; git inherits the thread's nice value
        t.setPriority(background ? Thread.MIN_PRIORITY : Thread.NORM_PRIORITY);
        t.start();
    }
}

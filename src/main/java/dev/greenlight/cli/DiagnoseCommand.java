package dev.greenlight.cli;

import dev.greenlight.Greenlight;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.Troubleshoot;
import dev.greenlight.engine.Services;
import dev.greenlight.runners.aws.AwsSupport;
import dev.greenlight.oncall.SymptomMatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * On-call mode headless: paste an error message, get the items that explain it run, with their
 * verdicts, evidence and the matching remedies.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = {"Find the items an error message points at, run them and show the remedies.",
        "Example: greenlight diagnose \"ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'\"",
        "Exit code: 0 the matched items hold, 1 one FAILs, 2 an ERROR, bad input or nothing matched."})
final class DiagnoseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The error message or log line (several words are joined).")
    List<String> text;

    @Mixin
    RunSetup setup;

    @Option(names = "--match-only", description = "Show what matches without running anything.")
    boolean matchOnly;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String pasted = String.join(" ", text);
        RunSetup.Prepared prepared = setup.prepare(err);
        if (prepared == null) {
            return GreenlightCommand.ERROR;
        }
        List<SymptomMatcher.Match> matches = new SymptomMatcher(prepared.checklist()).match(pasted);
        if (matches.isEmpty()) {
            err.println("greenlight: no item of " + prepared.checklist().id()
                    + " declares a symptom or troubleshooting entry that matches this text");
            return GreenlightCommand.ERROR;
        }
        out.println("Matched " + matches.size() + (matches.size() == 1 ? " item" : " items") + ", best first:");
        for (SymptomMatcher.Match m : matches) {
            out.println("  " + (m.kind() == SymptomMatcher.Kind.SYMPTOM ? "symptom     " : "troubleshoot") + "  "
                    + m.item().title() + "  [" + m.item().id() + "]  matched \"" + oneLine(m.matched()) + "\"");
        }
        Function<String, String> resolve = resolver(prepared);
        if (matchOnly) {
            out.println();
            for (SymptomMatcher.Match m : matches) {
                remedies(out, m, resolve);
            }
            out.flush();
            return GreenlightCommand.OK;
        }
        RunReport report = prepared.run(SymptomMatcher.itemIds(matches)).runBlocking();
        // After a run the remedies are shown ready to copy: ${stack.X}, ${arn.X}, ${aws.region} resolved too.
        Services remedyServices = new Services();
        resolve = resolver(AwsSupport.install(remedyServices, Greenlight.variables(prepared.checklist(),
                prepared.options(java.util.Set.of())), prepared.awsSettings()));
        Map<String, ItemResult> byId = report.results().stream()
                .collect(Collectors.toMap(ItemResult::itemId, r -> r));
        for (SymptomMatcher.Match m : matches) {
            ItemResult r = byId.get(m.item().id());
            out.println();
            out.println(String.format("%-6s", r.status()) + " " + r.title() + "  [" + r.itemId() + "]");
            out.println("       " + r.result().reason());
            if (r.status() != Status.PASS && (r.result().expected() != null || r.result().actual() != null)) {
                out.println("       expected: " + dash(r.result().expected()));
                out.println("        but was: " + dash(r.result().actual()));
            }
            for (Evidence e : r.result().evidence()) {
                String where = e.where().isEmpty() ? e.subject() : e.where();
                out.println("       at " + where + (e.text() == null || e.text().isBlank() ? "" : "  " + oneLine(e.text())));
            }
            r.result().notes().forEach(n -> out.println("       note: " + n));
            remedies(out, m, resolve);
        }
        out.flush();
        remedyServices.close();
        return report.exitCode();
    }

    private static void remedies(PrintWriter out, SymptomMatcher.Match m, Function<String, String> resolve) {
        if (m.remedies().isEmpty()) {
            return;
        }
        out.println("       remedies for " + m.item().id() + ":");
        for (Troubleshoot t : m.remedies()) {
            out.println("         - " + resolve.apply(t.title()) + (t.mutating() ? "  (changes something: confirm first)" : ""));
            if (t.command() != null) {
                resolve.apply(t.command()).lines().forEach(l -> out.println("             $ " + l));
            }
            if (t.note() != null) {
                out.println("             " + t.note());
            }
        }
    }

    /** ${vars} of remedies resolved where the checklist and checkout can answer; kept as written otherwise. */
    private static Function<String, String> resolver(RunSetup.Prepared prepared) {
        return resolver(Greenlight.variables(prepared.checklist(), prepared.options(java.util.Set.of())));
    }

    private static Function<String, String> resolver(Variables vars) {
        return s -> {
            if (s == null) {
                return null;
            }
            try {
                return vars.interpolate(s);
            } catch (VariableException | RuntimeException e) {
                return s;
            }
        };
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String oneLine(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}

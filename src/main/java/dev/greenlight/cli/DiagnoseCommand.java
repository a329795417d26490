package dev.greenlight.cli;

import dev.greenlight.engine.CommandText;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.Troubleshoot;
import dev.greenlight.oncall.SymptomMatcher;
import dev.greenlight.report.TextReportWriter;
import dev.greenlight.runners.aws.AwsSupport;
import dev.greenlight.wiring.Greenlight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * On-call mode headless: paste an error message, get the items that explain it run, with their
 * verdicts, evidence and the matching remedies.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = {"Find the items an error message points at, run them and show the remedies.",
        "Example: greenlight diagnose \"ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'\"",
        "When items match by symptom, only those run; items whose troubleshooting entry matches are listed as possibly related.",
        "With no symptom match, items whose troubleshooting entry matches run when they are at most "
                + SymptomMatcher.FALLBACK_LIMIT + "; more are listed, not run.",
        "Exit code: 0 the matched items hold, 1 one FAILs, 2 an ERROR, bad input, or no item explains the message."})
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
        SymptomMatcher.Diagnosis diagnosis = new SymptomMatcher(prepared.checklist()).diagnose(pasted);
        if (diagnosis.basis() == SymptomMatcher.Basis.TOO_GENERIC) {
            List<SymptomMatcher.Match> listed = diagnosis.related();
            out.println("No checklist item declares this message as a symptom, and " + listed.size()
                    + " items mention it in a troubleshooting entry: too generic to point anywhere, so none is run.");
            out.println("Paste a more specific line of the error, or run the ones that fit with --only:");
            for (SymptomMatcher.Match m : listed) {
                out.println("  " + m.item().title() + "  [" + m.item().id() + "]  matched \"" + oneLine(m.matched()) + "\"");
            }
            out.println("  greenlight run --only " + String.join(",", SymptomMatcher.itemIds(listed)));
            out.flush();
            return GreenlightCommand.ERROR;
        }
        if (diagnosis.isEmpty()) {
            out.println("No checklist item explains this message: no item of " + prepared.checklist().id()
                    + " declares a symptom or troubleshooting entry that matches it.");
            out.flush();
            return GreenlightCommand.ERROR;
        }
        List<SymptomMatcher.Match> matches = diagnosis.explaining();
        out.println("Matched " + matches.size() + (matches.size() == 1 ? " item" : " items") + ", best first:");
        for (SymptomMatcher.Match m : matches) {
            out.println("  " + (m.kind() == SymptomMatcher.Kind.SYMPTOM ? "symptom     " : "troubleshoot") + "  "
                    + m.item().title() + "  [" + m.item().id() + "]  matched \"" + oneLine(m.matched()) + "\"");
        }
        if (matchOnly) {
            Remedies remedies = new Remedies(Greenlight.variables(prepared.checklist(), prepared.options(Set.of())),
                    "AWS values are looked up only when the items run (without --match-only)");
            out.println();
            for (SymptomMatcher.Match m : matches) {
                remedies.print(out, m);
            }
            related(out, diagnosis);
            out.flush();
            return GreenlightCommand.OK;
        }
        RunReport report = prepared.run(SymptomMatcher.itemIds(matches)).runBlocking();
        // After a run the remedies are shown ready to copy: ${stack.X}, ${arn.X}, ${aws.region} resolved too.
        try (Services remedyServices = new Services()) {
            Remedies remedies = new Remedies(AwsSupport.install(remedyServices, Greenlight.variables(prepared.checklist(),
                    prepared.options(Set.of())), prepared.awsSettings()), null);
            Map<String, ItemResult> byId = report.results().stream()
                    .collect(Collectors.toMap(ItemResult::itemId, r -> r));
            for (SymptomMatcher.Match m : matches) {
                ItemResult r = byId.get(m.item().id());
                out.println();
                out.println(String.format("%-6s", r.status()) + " " + r.title() + "  [" + r.itemId() + "]");
                out.println("       " + r.result().reason());
                boolean detailed = r.status().blocksRelease() || r.status() == Status.WARN;
                if (detailed && TextReportWriter.addsToReason(r.result())) {
                    out.println("       expected: " + dash(r.result().expected()));
                    out.println("        but was: " + dash(r.result().actual()));
                }
                if (detailed || r.status().holds()) {
                    for (Evidence e : r.result().evidence()) {
                        String where = e.where().isEmpty() ? e.subject() : e.where();
                        out.println("       at " + where + (e.text() == null || e.text().isBlank() ? "" : "  " + oneLine(e.text())));
                    }
                }
                r.result().notes().forEach(n -> out.println("       note: " + n));
                remedies.print(out, m);
            }
            related(out, diagnosis);
        }
        out.flush();
        return report.exitCode();
    }

    /** Troubleshooting matches set aside because symptoms matched: named, not run. */
    private static void related(PrintWriter out, SymptomMatcher.Diagnosis diagnosis) {
        if (diagnosis.related().isEmpty()) {
            return;
        }
        out.println();
        out.println("Other possibly related items (a troubleshooting entry matches; not run):");
        for (SymptomMatcher.Match m : diagnosis.related()) {
            out.println("  " + m.item().title() + "  [" + m.item().id() + "]  matched \"" + oneLine(m.matched()) + "\"");
        }
    }

    /**
     * Remedies with their ${vars} filled the way the app fills them ({@link CommandText}: values quoted
     * for the shell, $${X} shown as ${X}); a command whose variable cannot be resolved is held back
     * with the reason, so a printed command never carries a ${…} the person is not meant to fill in.
     */
    private record Remedies(Variables vars, String unresolvedAwsReason) {
        void print(PrintWriter out, SymptomMatcher.Match m) {
            if (m.remedies().isEmpty()) {
                return;
            }
            out.println("       remedies for " + m.item().id() + ":");
            for (Troubleshoot t : m.remedies()) {
                out.println("         - " + text(t.title()) + (t.mutating() ? "  (changes something: confirm first)" : ""));
                if (t.command() != null) {
                    try {
                        CommandText.render(t.command(), vars).lines().forEach(l -> out.println("             $ " + l));
                    } catch (VariableException e) {
                        out.println("             (command not shown: needs ${" + e.variable() + "}: " + reason(e) + ")");
                    }
                }
                if (t.note() != null) {
                    out.println("             " + text(t.note()));
                }
            }
        }

        private String reason(VariableException e) {
            boolean aws = e.variable().startsWith("aws.") || e.variable().startsWith("stack.") || e.variable().startsWith("arn.");
            return aws && unresolvedAwsReason != null ? unresolvedAwsReason : e.getMessage();
        }

        /** Prose is filled where it can be and otherwise shown as written (escapes undone). */
        private String text(String s) {
            try {
                return vars.interpolate(s);
            } catch (VariableException | RuntimeException e) {
                return Variables.unescape(s);
            }
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String oneLine(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}

package dev.greenlight.report;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…,title=…::…}) for each FAIL, ERROR
 * and WARN, so the run's log and the pull request's "Files changed" show them at their line.
 * Escaped as GitHub's toolkit escapes them: a message may not break the line or start another
 * command; a property value may also not end the property list (',') or the key (':').
 */
public final class GithubAnnotations {
    private GithubAnnotations() {
    }

    /** Whether the run is inside GitHub Actions, which sets GITHUB_ACTIONS=true in every step. */
    public static boolean inActions(String githubActionsVariable) {
        return "true".equalsIgnoreCase(githubActionsVariable == null ? "" : githubActionsVariable.strip());
    }

    /**
     * One command per finding, in checklist order.
     *
     * @param workspace GITHUB_WORKSPACE, or null: paths in annotations are relative to it, so a
     *                  checkout below it (a monorepo folder) still points at the right file
     */
    public static List<String> lines(RunReport report, Checklist checklist, String workspace) {
        ResultLocations where = new ResultLocations(report.checkout(), checklist);
        String prefix = prefix(report.checkout(), workspace);
        List<String> out = new ArrayList<>();
        for (ItemResult r : report.results()) {
            String level = SarifReportWriter.level(r);
            if (level == null) {
                continue;
            }
            StringBuilder sb = new StringBuilder("::").append(level);
            List<String> props = new ArrayList<>();
            List<ResultLocations.Location> locations = where.of(r);
            if (!locations.isEmpty()) {
                ResultLocations.Location l = locations.get(0);
                props.add("file=" + property(prefix + l.file()));
                if (l.line() != null) {
                    props.add("line=" + l.line());
                }
            }
            props.add("title=" + property(r.status() + " " + r.title() + " [" + r.itemId() + "]"));
            sb.append(' ').append(String.join(",", props));
            sb.append("::").append(data(SarifReportWriter.message(r)));
            out.add(sb.toString());
        }
        return out;
    }

    /** The checkout's place below the workspace ("services/orders/"), or "" when it is the workspace or elsewhere. */
    static String prefix(String checkout, String workspace) {
        if (checkout == null || workspace == null || workspace.isBlank()) {
            return "";
        }
        Path c = Path.of(checkout).toAbsolutePath().normalize();
        Path w = Path.of(workspace).toAbsolutePath().normalize();
        if (!c.startsWith(w) || c.equals(w)) {
            return "";
        }
        return w.relativize(c).toString().replace('\\', '/') + "/";
    }

    /** The message part: %, CR and LF escaped. */
    public static String data(String s) {
        return s == null ? "" : s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as {@link #data}, and ':' and ',' too. */
    public static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}

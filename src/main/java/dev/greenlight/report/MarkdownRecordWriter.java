package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.signoff.SignOff;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * The record as Markdown for a pull request or a chat message. Every text that comes from a
 * checkout, AWS or a person is escaped, so a file line cannot inject links, tables or HTML.
 */
public final class MarkdownRecordWriter implements RecordWriter {
    @Override
    public void write(GoNoGoRecord r, Writer out) throws IOException {
        out.write("# " + r.decision() + ": " + md(r.checklistTitle()) + "\n\n");
        out.write("| | |\n|---|---|\n");
        row(out, "Checklist", r.checklistId() + (r.checklistVersion() == null ? "" : " " + r.checklistVersion()));
        row(out, "Checkout", r.checkout());
        row(out, "HEAD", r.gitSha());
        row(out, "Verdicts about", r.gitSha() == null ? "a checkout outside git" : r.gitDirty()
                ? "the working tree, which differs from HEAD (uncommitted changes)" : "HEAD (the working tree matched it)");
        if (!r.changedRead().isEmpty()) {
            row(out, "Changed files read", String.join(", ", r.changedRead()));
        }
        row(out, "AWS account", r.awsAccount());
        row(out, "AWS region", r.awsRegion());
        row(out, "Stage", r.stage());
        row(out, "Run started", r.startedAt().toString());
        row(out, "Recorded", r.recordedAt() + " by " + r.recordedBy());
        row(out, "Summary", summary(r));
        row(out, "SHA-256", r.sha256());
        row(out, "Integrity", r.signer() == null ? GoNoGoRecord.UNSIGNED
                : "Signed with an SSH key by " + r.signer().principal() + " (" + r.signer().publicKey() + "); signature in FILE.sig");
        out.write("\n");
        var errors = RecordRules.errors(r.items());
        if (!errors.isEmpty()) {
            out.write("## Errors\n\n");
            for (var e : errors.entrySet()) {
                out.write("- " + md(e.getKey()) + " (" + md(String.join(", ", e.getValue())) + ")\n");
            }
            out.write("\n");
        }
        var digests = RecordRules.imageDigests(r.items());
        if (!digests.isEmpty()) {
            out.write("## Image digests seen\n\n");
            for (var d : digests) {
                out.write("- `" + code(d.digest()) + "` (" + md(d.item()) + ", " + md(d.where()) + ")\n");
            }
            out.write("\n");
        }
        if (!r.blockers().isEmpty()) {
            out.write("## Blockers\n\n");
            for (String b : r.blockers()) {
                out.write("- " + md(b) + "\n");
            }
            out.write("\n");
        }
        out.write("## Items\n\n");
        String section = null;
        for (GoNoGoRecord.RecordItem i : r.items()) {
            if (!i.section().equals(section)) {
                out.write((section == null ? "" : "\n") + "### " + md(i.section()) + "\n\n");
                section = i.section();
            }
            out.write("- **" + i.status() + "** " + md(i.title()) + " (`" + code(i.id()) + "`)  \n");
            out.write("  " + md(i.reason()) + "\n");
            if (i.expected() != null || i.actual() != null) {
                out.write("  - expected: " + md(i.expected()) + "  \n    but was: " + md(i.actual()) + "\n");
            }
            for (Evidence e : i.evidence()) {
                String where = e.where().isEmpty() ? e.subject() : e.where();
                out.write("  - at " + md(where) + (e.text() == null || e.text().isBlank() ? "" : ": " + md(e.text())) + "\n");
            }
            for (String n : i.notes()) {
                out.write("  - note: " + md(n) + "\n");
            }
        }
        if (!r.notRun().isEmpty()) {
            out.write("\n## Not run\n\n");
            for (GoNoGoRecord.NotRun n : r.notRun()) {
                out.write("- " + md(n.title()) + " (`" + code(n.id()) + "`)\n");
            }
        }
        out.write("\n## Sign-offs\n\n");
        if (r.signOffs().isEmpty()) {
            out.write("None.\n");
        }
        for (SignOff s : r.signOffs()) {
            out.write("- `" + code(s.itemId()) + "` by " + md(s.who())
                    + (s.awsCallerArn() == null ? "" : " (" + md(s.awsCallerArn()) + ")")
                    + " at " + s.at() + (s.note().isBlank() ? "" : ": " + md(s.note())) + "\n");
        }
        out.write("\n_Verify with `greenlight verify-record` on the JSON record; its SHA-256 must be "
                + r.sha256() + "._\n");
    }

    static String summary(GoNoGoRecord r) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<dev.greenlight.engine.Status, Integer> e : r.summary().entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey());
            }
        }
        return sb.length() == 0 ? "no items" : sb.toString();
    }

    private static void row(Writer out, String k, String v) throws IOException {
        out.write("| " + k + " | " + (v == null ? "-" : md(v)) + " |\n");
    }

    /** Escapes Markdown and inline HTML; newlines become spaces so a value stays on its line. */
    static String md(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '{', '}' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Inside a code span only a backtick can end it; ids never hold one, but be sure. */
    private static String code(String s) {
        return s == null ? "" : s.replace('`', '\'');
    }
}

package dev.greenlight.signoff;

import dev.greenlight.model.Checklist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A hash of what a checklist asks, so a sign-off made against one version of it does not count for
 * another. Taken over the loaded checklist (id, title, version, variables, sections with every item
 * and check) rather than the file's bytes: a bundled checklist and the same file on disk agree, and
 * moving the file or re-indenting it changes nothing a person signed.
 */
public final class ChecklistFingerprint {
    private ChecklistFingerprint() {
    }

    /** Lower-case hex SHA-256, first 16 characters. */
    public static String of(Checklist c) {
        StringBuilder content = new StringBuilder();
        content.append(c.id()).append('\n').append(c.title()).append('\n').append(c.version()).append('\n').append(c.vars());
        for (var s : c.sections()) {
            content.append("\nsection ").append(s.id()).append(' ').append(s.title());
            for (var i : s.items()) {
                // not the check's source location: a line inserted above it changes nothing it asks
                content.append("\nitem ").append(i.id()).append(' ').append(i.title()).append(" manual=").append(i.manual())
                        .append(" one-of=").append(i.oneOf()).append(" needs=").append(i.needs())
                        .append(" check=").append(i.check() == null ? "" : i.check().type() + " " + i.check().params()
                                + " timeout=" + i.check().timeoutSeconds());
            }
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package dev.greenlight.report;

import dev.greenlight.files.AtomicFiles;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a record file in the format its name says and, when a key is given, its SSHSIG signature
 * beside it ({@code FILE.sig}, as {@code ssh-keygen -Y sign} names it), over the file's exact bytes:
 * {@code ssh-keygen -Y verify … -s FILE.sig < FILE} checks it with no Greenlight installed.
 */
public final class RecordFiles {
    private RecordFiles() {
    }

    /** The signature file of a record file. */
    public static Path signatureOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".sig");
    }

    /**
     * @param key null for an unsigned record (any old {@code .sig} beside it is removed, so it cannot
     *            seem to vouch for the new content)
     * @return the record as written (with its signer stated when signed)
     */
    public static GoNoGoRecord write(GoNoGoRecord record, Path file, SshSigner signer, SshSigner.Key key)
            throws IOException, SshSigner.SigningException {
        GoNoGoRecord r = key == null ? record
                : record.signedBy(new GoNoGoRecord.Signer(SshSigner.NAMESPACE, key.principal(), key.publicKey()));
        StringWriter w = new StringWriter();
        RecordWriter.forFile(file).write(r, w);
        byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
        if (key == null) {
            AtomicFiles.write(file, bytes);
            java.nio.file.Files.deleteIfExists(signatureOf(file));
            return r;
        }
        String sig = signer.sign(bytes, key);
        AtomicFiles.write(file, bytes);
        AtomicFiles.write(signatureOf(file), sig.getBytes(StandardCharsets.UTF_8));
        return r;
    }
}

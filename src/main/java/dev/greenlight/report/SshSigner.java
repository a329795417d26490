package dev.greenlight.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs and checks records the way git signs commits with SSH keys: SSHSIG signatures made by
 * {@code ssh-keygen -Y sign -n greenlight-record}, checked against an {@code allowed_signers} file
 * (the one a team keeps for {@code gpg.ssh.allowedSignersFile}) with {@code ssh-keygen -Y verify}.
 *
 * <p>Why the {@code ssh-keygen} binary for both, not Java: signing must use the person's own key,
 * which may be passphrase-protected, held only by ssh-agent, or on a FIDO token, and only ssh-keygen
 * reaches all of those. For checking, {@code allowed_signers} has semantics of its own (namespaces,
 * validity windows, certificate authorities, several principals per key) that a second
 * implementation would have to match exactly; using the same binary the team uses for signed commits
 * means Greenlight's "good signature" and theirs cannot disagree. The cost: openssh-client must be
 * installed ({@code .ci/run} installs it), and Greenlight says so when it is not.
 */
public final class SshSigner {
    public static final String NAMESPACE = "greenlight-record";
    private static final long TIMEOUT_SECONDS = 60;
    private final String executable;

    public SshSigner() {
        this("ssh-keygen");
    }

    public SshSigner(String executable) {
        this.executable = executable;
    }

    /** Thrown when signing or checking could not be done at all; the message is for the person. */
    public static final class SigningException extends Exception {
        public SigningException(String message) {
            super(message);
        }
    }

    /**
     * A key to sign with: a private key file, or a public key file whose private half ssh-agent holds.
     *
     * @param publicKey the OpenSSH public key line ("ssh-ed25519 AAAA… comment")
     */
    public record Key(Path file, String principal, String publicKey) {
    }

    /** Output of one ssh-keygen call. */
    record Run(int exit, String out, String err) {
    }

    /** The key of {@code file}, whose public half is {@code file.pub} (or {@code file} itself when it is one). */
    public Key key(Path file, String principal) throws SigningException {
        Path pub = file.toString().endsWith(".pub") ? file : Path.of(file + ".pub");
        try {
            if (Files.isRegularFile(pub)) {
                return new Key(file, principal, Files.readString(pub, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new SigningException("cannot read " + pub + ": " + e.getMessage());
        }
        Run r = run(null, List.of("-y", "-f", file.toString()));
        if (r.exit != 0) {
            throw new SigningException("cannot read the public key of " + file + ": " + firstLine(r.err));
        }
        return new Key(file, principal, r.out.strip());
    }

    /** Greenlight's own key at {@code file}, made (Ed25519, no passphrase) when it does not exist yet. */
    public Key ownKey(Path file, String principal) throws SigningException {
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new SigningException("cannot create " + file.getParent() + ": " + e.getMessage());
            }
            Run r = run(null, List.of("-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", file.toString()));
            if (r.exit != 0) {
                throw new SigningException("ssh-keygen could not make a key at " + file + ": " + firstLine(r.err));
            }
        }
        return key(file, principal);
    }

    /** The SSHSIG signature (armored text) of {@code data}. */
    public String sign(byte[] data, Key key) throws SigningException {
        Run r = run(data, List.of("-Y", "sign", "-n", NAMESPACE, "-f", key.file().toString()));
        if (r.exit != 0 || !r.out.contains("BEGIN SSH SIGNATURE")) {
            throw new SigningException("ssh-keygen could not sign with " + key.file() + ": " + firstLine(r.err));
        }
        return r.out;
    }

    /** The outcome of checking a signature. */
    public record Outcome(boolean good, List<String> principals, String message) {
    }

    /**
     * Checks {@code signature} over {@code data} against {@code allowedSigners}: the key must be listed
     * there (for the namespace), and the signature good for one of its principals.
     */
    public Outcome verify(byte[] data, Path signature, Path allowedSigners) throws SigningException {
        Run found = run(null, List.of("-Y", "find-principals", "-n", NAMESPACE, "-s", signature.toString(),
                "-f", allowedSigners.toString()));
        List<String> principals = found.exit == 0 ? found.out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList() : List.of();
        if (principals.isEmpty()) {
            return new Outcome(false, List.of(), "the key that made the signature is not in " + allowedSigners
                    + (found.err.isBlank() ? "" : " (" + firstLine(found.err) + ")"));
        }
        List<String> failures = new ArrayList<>();
        for (String p : principals) {
            Run v = run(data, List.of("-Y", "verify", "-f", allowedSigners.toString(), "-I", p, "-n", NAMESPACE,
                    "-s", signature.toString()));
            if (v.exit == 0) {
                return new Outcome(true, principals, firstLine(v.out));
            }
            failures.add(firstLine(v.err.isBlank() ? v.out : v.err));
        }
        return new Outcome(false, principals, "the signature does not match the file (" + String.join("; ", failures) + ")");
    }

    /** Checks only that the signature matches the data, whoever made it. */
    public Outcome checkWithoutSigners(byte[] data, Path signature) throws SigningException {
        Run v = run(data, List.of("-Y", "check-novalidate", "-n", NAMESPACE, "-s", signature.toString()));
        return new Outcome(v.exit == 0, List.of(), firstLine(v.exit == 0 ? v.out + v.err : v.err.isBlank() ? v.out : v.err));
    }

    private Run run(byte[] stdin, List<String> args) throws SigningException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new SigningException(executable + " could not be started (" + e.getMessage()
                    + "); install openssh-client to sign or check records");
        }
        try {
            var out = new java.util.concurrent.CompletableFuture<String>();
            var err = new java.util.concurrent.CompletableFuture<String>();
            drain(p.getInputStream(), out);
            drain(p.getErrorStream(), err);
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SigningException(executable + " did not finish in " + TIMEOUT_SECONDS
                        + " s (is it waiting for a passphrase? load the key into ssh-agent)");
            }
            return new Run(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SigningException("interrupted while running " + executable);
        } catch (IOException e) {
            throw new SigningException(executable + " failed: " + e.getMessage());
        }
    }

    private static void drain(java.io.InputStream in, java.util.concurrent.CompletableFuture<String> into) {
        Thread t = new Thread(() -> {
            try {
                into.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                into.complete("");
            }
        }, "greenlight-ssh-keygen");
        t.setDaemon(true);
        t.start();
    }

    private static String firstLine(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no message)");
    }
}

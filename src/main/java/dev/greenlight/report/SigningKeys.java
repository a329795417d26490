package dev.greenlight.report;

import dev.greenlight.files.AppDirs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Which SSH key signs a record, in the order a person expects: the key named on the command line;
 * else the key git signs commits with ({@code gpg.format=ssh} and {@code user.signingkey}); else a key
 * Greenlight makes once ({@code record-signing-key} in the config directory), whose public half the
 * person adds to the team's allowed_signers file.
 */
public final class SigningKeys {
    private SigningKeys() {
    }

    /** The Greenlight-made key's file. */
    public static Path ownKeyFile() {
        return AppDirs.config().resolve("record-signing-key");
    }

    /**
     * @param explicit  a key file (--sign-key), or null
     * @param principal who signs (--signer), or null for git's user.email, else user@host
     * @param dir       where git config is asked (the checkout)
     */
    public static SshSigner.Key resolve(SshSigner signer, Path explicit, String principal, Path dir)
            throws SshSigner.SigningException {
        String who = principal != null ? principal : gitConfig(dir, "user.email");
        if (who == null || who.isBlank()) {
            who = System.getProperty("user.name", "unknown") + "@" + host();
        }
        if (explicit != null) {
            return signer.key(explicit, who);
        }
        String format = gitConfig(dir, "gpg.format");
        String gitKey = gitConfig(dir, "user.signingkey");
        if ("ssh".equals(format) && gitKey != null && !gitKey.isBlank() && !gitKey.startsWith("key::")) {
            Path p = Path.of(gitKey.startsWith("~/") ? System.getProperty("user.home") + gitKey.substring(1) : gitKey);
            if (Files.exists(p)) {
                return signer.key(p, who);
            }
        }
        return signer.ownKey(ownKeyFile(), who);
    }

    /** The allowed_signers file git uses ({@code gpg.ssh.allowedSignersFile}), or null. */
    public static Path gitAllowedSigners(Path dir) {
        String f = gitConfig(dir, "gpg.ssh.allowedSignersFile");
        if (f == null || f.isBlank()) {
            return null;
        }
        Path p = Path.of(f.startsWith("~/") ? System.getProperty("user.home") + f.substring(1) : f);
        return Files.isRegularFile(p) ? p : null;
    }

    private static String gitConfig(Path dir, String key) {
        try {
            Process p = new ProcessBuilder("git", "config", "--get", key)
                    .directory(dir != null && Files.isDirectory(dir) ? dir.toFile() : null).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

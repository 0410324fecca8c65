package io.lethe.app.keys;

import io.lethe.crypto.ledger.LedgerSecret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the ledger secret comes from: {@code LETHE_LEDGER_SECRET} (base64) when set, else the file
 * {@code LETHE_LEDGER_SECRET_FILE} names, else (under {@code lethe up}) {@code <data-dir>/keys/ledger-secret},
 * created on first start with owner-only access. It must never change for a ledger: every commitment and
 * pseudonym depends on it, so an older data directory's {@code <data-dir>/ledger-secret} is moved, not replaced.
 */
public final class LedgerSecrets {

    /** The secret itself, base64 (at least 16 random bytes). */
    public static final String ENV = "LETHE_LEDGER_SECRET";
    /** Where data directories before the {@code keys/} directory kept it. */
    static final String LEGACY_FILE = "ledger-secret";

    private LedgerSecrets() {
    }

    /**
     * For {@code lethe service}: from the environment only, never generated (a secret generated inside a container
     * would be lost with it, and every commitment with it).
     *
     * @throws IllegalStateException naming both variables when neither is set
     */
    public static LedgerSecret forService(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return LedgerSecret.fromBase64(configured);
        }
        Path file = KeyPaths.fromEnvironment(env).ledgerSecret().orElseThrow(() -> new IllegalStateException(
                KeyPaths.LEDGER_SECRET_FILE_ENV + " (a file holding the base64 ledger secret) or " + ENV
                        + " (the base64 itself) must be set; `lethe keys init` creates the file"));
        return read(file);
    }

    /** For {@code lethe up}: the environment's secret, else the data directory's, moved or created as needed. */
    public static LedgerSecret forDataDir(Map<String, String> env, Path dataDir) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return LedgerSecret.fromBase64(configured);
        }
        Path file = KeyPaths.inDataDir(dataDir, env).ledgerSecret().orElseThrow();
        try {
            adoptLegacyFile(dataDir.resolve(LEGACY_FILE), file);
            if (!Files.exists(file)) {
                OwnerOnlyFiles.create(file, encode(LedgerSecret.generate()));
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ledger secret " + file, e);
        }
    }

    /** Moves an old data directory's secret to its new place; two different secrets are a hard stop. */
    private static void adoptLegacyFile(Path legacy, Path file) throws IOException {
        if (!Files.exists(legacy) || legacy.toAbsolutePath().equals(file.toAbsolutePath())) {
            return;
        }
        LedgerSecret old = read(legacy);
        if (Files.exists(file) && !read(file).equals(old)) {
            throw new IllegalStateException("two different ledger secrets: " + legacy + " and " + file
                    + "; a ledger's secret never changes, so remove the one this ledger did not use");
        }
        if (!Files.exists(file)) {
            // Copy first, delete after: a crash in between leaves two equal files, never none.
            OwnerOnlyFiles.create(file, encode(old));
        }
        Files.delete(legacy);
    }

    private static LedgerSecret read(Path file) {
        try {
            return LedgerSecret.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger secret " + file, e);
        }
    }

    private static byte[] encode(LedgerSecret secret) {
        return (secret.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}

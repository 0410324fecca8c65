package io.lethe.app;

import io.lethe.api.ledger.LedgerSecret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the ledger secret comes from: {@code LETHE_LEDGER_SECRET} (base64) when set, else the file
 * {@code ledger-secret} under the data directory, created on first start with owner-only access.
 * It must never change for a ledger: every commitment and pseudonym depends on it.
 */
public final class LedgerSecrets {

    public static final String ENV = "LETHE_LEDGER_SECRET";
    static final String FILE = "ledger-secret";

    private LedgerSecrets() {
    }

    public static LedgerSecret resolve(Map<String, String> env, Path dataDir) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return LedgerSecret.fromBase64(configured);
        }
        if (dataDir == null) {
            throw new IllegalStateException(ENV + " must be set (base64 of at least 16 random bytes)");
        }
        return fromFile(dataDir.resolve(FILE));
    }

    private static LedgerSecret fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return LedgerSecret.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
            }
            Files.createDirectories(file.getParent());
            LedgerSecret secret = LedgerSecret.generate();
            Files.writeString(file, secret.toBase64() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection has to do.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ledger secret " + file, e);
        }
    }
}

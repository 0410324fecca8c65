package io.lethe.app.keys;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the ledger's secrets live: files outside the database they protect. Under {@code lethe up} they default to
 * {@code <data-dir>/keys/}; {@code LETHE_LEDGER_SECRET_FILE} and {@code LETHE_LOG_SIGNING_KEY_FILE} name other
 * paths (for {@code lethe service}, e.g. container secrets).
 *
 * @param ledgerSecret   the file holding the base64 ledger secret, if one is configured
 * @param logSigningKey  the file holding the log's Ed25519 signing key (PKCS#8 PEM), if one is configured
 */
public record KeyPaths(Optional<Path> ledgerSecret, Optional<Path> logSigningKey) {

    /** Names the ledger secret's file. */
    public static final String LEDGER_SECRET_FILE_ENV = "LETHE_LEDGER_SECRET_FILE";
    /** Names the log signing key's file. */
    public static final String LOG_SIGNING_KEY_FILE_ENV = "LETHE_LOG_SIGNING_KEY_FILE";
    /** The directory under the data directory that {@code lethe up} keeps its secrets in. */
    public static final String KEYS_DIR = "keys";
    /** File name of the ledger secret. */
    public static final String LEDGER_SECRET_FILE = "ledger-secret";
    /** File name of the log signing key. */
    public static final String LOG_SIGNING_KEY_FILE = "log-signing-key.pem";

    /** The paths the environment names; either may be missing. */
    public static KeyPaths fromEnvironment(Map<String, String> env) {
        return new KeyPaths(path(env, LEDGER_SECRET_FILE_ENV), path(env, LOG_SIGNING_KEY_FILE_ENV));
    }

    /** The environment's paths, else the files under {@code <dataDir>/keys/}. */
    public static KeyPaths inDataDir(Path dataDir, Map<String, String> env) {
        Path keys = dataDir.resolve(KEYS_DIR);
        KeyPaths configured = fromEnvironment(env);
        return new KeyPaths(Optional.of(configured.ledgerSecret.orElse(keys.resolve(LEDGER_SECRET_FILE))),
                Optional.of(configured.logSigningKey.orElse(keys.resolve(LOG_SIGNING_KEY_FILE))));
    }

    private static Optional<Path> path(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }
}

package io.lethe.app.keys;

import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.query.log.Ed25519Keys;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/**
 * The secrets one ledger runs with, both from outside its database.
 *
 * @param ledgerSecret  keys the commitments and pseudonyms (command side and query side)
 * @param logSigningKey signs the transparency log's checkpoints and the erasure certificates (query side)
 */
public record LedgerKeys(LedgerSecret ledgerSecret, KeyPair logSigningKey) {

    /** Throwaway keys (tests, benchmarks): a ledger nobody needs to verify later. */
    public static LedgerKeys generate() {
        return new LedgerKeys(LedgerSecret.generate(), Ed25519Keys.generate());
    }

    /** A fresh signing key beside a given ledger secret (tests that compute commitments themselves). */
    public static LedgerKeys withSecret(LedgerSecret ledgerSecret) {
        return new LedgerKeys(ledgerSecret, Ed25519Keys.generate());
    }

    /**
     * What {@code lethe up} runs with: the files under {@code <dataDir>/keys/} (or the environment's), created on
     * first start. Export a legacy key from the database first ({@link LegacySigningKey}), or it is not adopted.
     */
    public static LedgerKeys forDataDir(Map<String, String> env, Path dataDir) {
        Path keyFile = KeyPaths.inDataDir(dataDir, env).logSigningKey().orElseThrow();
        return new LedgerKeys(LedgerSecrets.forDataDir(env, dataDir), LogSigningKeys.loadOrCreate(keyFile));
    }
}

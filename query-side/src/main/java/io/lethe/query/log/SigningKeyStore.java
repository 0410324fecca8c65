package io.lethe.query.log;

import java.util.Optional;

/** Persists named signing keys so the log keeps its identity across restarts. */
public interface SigningKeyStore {

    /**
     * A stored key pair.
     *
     * @param privateKeyPkcs8 the private key, PKCS#8 DER
     * @param publicKeyRaw    the raw 32-byte Ed25519 public key
     */
    record StoredKey(byte[] privateKeyPkcs8, byte[] publicKeyRaw) {
    }

    /** @return the key stored under {@code name}, if any */
    Optional<StoredKey> load(String name);

    /**
     * Stores {@code key} under {@code name} unless a key is already there.
     *
     * @return the key stored under the name afterwards: {@code key}, or the one that was there first (so two
     *         instances starting together agree on one key)
     */
    StoredKey saveIfAbsent(String name, StoredKey key);
}

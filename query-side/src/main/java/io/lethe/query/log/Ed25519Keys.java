package io.lethe.query.log;

import io.lethe.api.verify.NoteVerifier;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 key handling with the JDK provider only: generate, persist as PKCS#8, restore. */
public final class Ed25519Keys {

    /** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410); the 32-byte seed follows it. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private Ed25519Keys() {
    }

    /** @return a fresh key pair from the JDK's default secure random */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
        }
    }

    /**
     * Loads the key named {@code name}, or generates and stores one. Restarts keep the key; two instances racing
     * at first start end up with whichever key was stored first.
     */
    public static KeyPair loadOrCreate(SigningKeyStore store, String name) {
        SigningKeyStore.StoredKey stored = store.load(name).orElseGet(() -> {
            KeyPair fresh = generate();
            return store.saveIfAbsent(name, new SigningKeyStore.StoredKey(fresh.getPrivate().getEncoded(),
                    NoteVerifier.rawKey(fresh.getPublic())));
        });
        return restore(stored);
    }

    /** @return the key pair for stored PKCS#8 and raw public-key bytes */
    public static KeyPair restore(SigningKeyStore.StoredKey stored) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(stored.privateKeyPkcs8()));
            return new KeyPair(NoteVerifier.toJcaKey(stored.publicKeyRaw()), privateKey);
        } catch (GeneralSecurityException e) {
            throw new LogStorageException("stored signing key is not an Ed25519 key", e);
        }
    }

    /**
     * @param seed       the 32-byte RFC 8032 private key (seed)
     * @param rawPublic  the matching raw public key (the JDK cannot derive it from the seed)
     * @return the key pair, e.g. to reproduce published test vectors
     */
    public static KeyPair fromSeed(byte[] seed, byte[] rawPublic) {
        byte[] pkcs8 = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + seed.length);
        System.arraycopy(seed, 0, pkcs8, PKCS8_PREFIX.length, seed.length);
        return restore(new SigningKeyStore.StoredKey(pkcs8, rawPublic));
    }
}

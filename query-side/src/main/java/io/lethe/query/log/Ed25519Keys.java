package io.lethe.query.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 key handling with the JDK provider only: generate, and restore from PKCS#8 or a seed. */
public final class Ed25519Keys {

    /** Length of an RFC 8032 private key (the seed). */
    public static final int SEED_SIZE = 32;
    /** DER prefix of a PKCS#8 v1 Ed25519 private key (RFC 8410); the 32-byte seed follows it. */
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
     * Restores the key pair of a PKCS#8 v1 Ed25519 private key, as {@code openssl genpkey -algorithm ed25519}
     * and {@link java.security.PrivateKey#getEncoded()} write it.
     *
     * @throws IllegalArgumentException if the bytes are not such a key
     */
    public static KeyPair fromPkcs8(byte[] pkcs8) {
        return fromSeed(seedOf(pkcs8));
    }

    /**
     * @return the 32-byte seed inside a PKCS#8 v1 Ed25519 private key
     * @throws IllegalArgumentException if the bytes are not such a key
     */
    public static byte[] seedOf(byte[] pkcs8) {
        if (pkcs8.length != PKCS8_PREFIX.length + SEED_SIZE
                || !Arrays.equals(pkcs8, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key");
        }
        return Arrays.copyOfRange(pkcs8, PKCS8_PREFIX.length, pkcs8.length);
    }

    /**
     * The key pair of a 32-byte RFC 8032 private key. The JDK has no API that derives an Ed25519 public key, but
     * its key-pair generator draws exactly the seed from the random source it is given; so the seed is fed to it
     * as that source, and the result is checked by a signature round trip.
     */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed.length != SEED_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
            return requireMatching(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
        }
    }

    /** Fails loudly if a JDK ever derived the pair differently: a wrong public key would sign unverifiable notes. */
    private static KeyPair requireMatching(KeyPair pair) throws GeneralSecurityException {
        byte[] probe = "lethe key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("this JDK did not derive the Ed25519 public key from the seed");
        }
        return pair;
    }

    /** A "random" source that yields the seed, once: what the JDK's generator reads as the private key. */
    private static final class SeedAsRandom extends SecureRandom {

        private final byte[] seed;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}

package io.lethe.app.keys;

import io.lethe.verifier.NoteVerifier;
import io.lethe.query.log.Ed25519Keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/**
 * The transparency log's Ed25519 signing key as a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}), the form
 * {@code openssl genpkey -algorithm ed25519} writes. It lives outside the database whose log it signs, so a copy
 * of the database cannot forge checkpoints. A private key is deliberately not read from an environment variable:
 * those leak into process listings, {@code docker inspect} and crash reports.
 */
public final class LogSigningKeys {

    /** Where a rotation keeps the public halves of retired keys, next to the key file. */
    static final String RETIRED_DIR = "retired";

    private LogSigningKeys() {
    }

    /**
     * For {@code lethe service query-side}: the file {@code LETHE_LOG_SIGNING_KEY_FILE} names, never generated.
     *
     * @throws IllegalStateException when the variable is not set
     */
    public static KeyPair forService(Map<String, String> env) {
        Path file = KeyPaths.fromEnvironment(env).logSigningKey().orElseThrow(() -> new IllegalStateException(
                KeyPaths.LOG_SIGNING_KEY_FILE_ENV + " must name the log's Ed25519 signing key (PKCS#8 PEM); create"
                        + " one with `lethe keys init` or `openssl genpkey -algorithm ed25519 -out FILE`"));
        return read(file);
    }

    /** The key in {@code file}, created (owner-only) if the file does not exist yet. */
    public static KeyPair loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            try {
                OwnerOnlyFiles.create(file, pem(Ed25519Keys.generate()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the log signing key " + file, e);
            }
        }
        return read(file);
    }

    /** @return the key pair in a PKCS#8 PEM file */
    public static KeyPair read(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            return Ed25519Keys.fromPkcs8(Pem.decode(Pem.PRIVATE_KEY, pem));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log signing key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not an Ed25519 private key in PKCS#8 PEM: " + e.getMessage(),
                    e);
        }
    }

    /** Writes a key that must not exist yet (a legacy key exported from the database). */
    static void create(Path file, KeyPair key) throws IOException {
        OwnerOnlyFiles.create(file, pem(key));
    }

    /**
     * A rotation: a new key replaces the one in {@code file}, whose public half is kept in
     * {@code retired/<key id>.pub.pem} beside it. The retired private key is destroyed, not kept: it could still
     * sign checkpoints that verify against the key history.
     *
     * @param keyName the log's key name (its origin), which the key ids depend on
     * @return the retired key and the new one
     */
    public static Rotation rotate(Path file, String keyName) {
        KeyPair old = read(file);
        KeyPair fresh = Ed25519Keys.generate();
        try {
            OwnerOnlyFiles.replace(retiredFile(file, verifier(keyName, old)), publicPem(old));
            OwnerOnlyFiles.replace(file, pem(fresh));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the log signing key " + file, e);
        }
        return new Rotation(verifier(keyName, old), verifier(keyName, fresh));
    }

    /** The two keys of a rotation. */
    public record Rotation(NoteVerifier retired, NoteVerifier current) {
    }

    /** @return where a rotation keeps the public half of {@code key} */
    public static Path retiredFile(Path keyFile, NoteVerifier key) {
        Path dir = keyFile.toAbsolutePath().getParent().resolve(RETIRED_DIR);
        return dir.resolve(String.format("%08x", key.keyId()) + ".pub.pem");
    }

    /** @return the public key as a note verifier named {@code keyName} */
    public static NoteVerifier verifier(String keyName, KeyPair key) {
        return new NoteVerifier(keyName, NoteVerifier.rawKey(key.getPublic()));
    }

    /** @return the public half as an X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}) */
    public static byte[] publicPem(KeyPair key) {
        return Pem.encode(Pem.PUBLIC_KEY, key.getPublic().getEncoded());
    }

    static byte[] pem(KeyPair key) {
        return Pem.encode(Pem.PRIVATE_KEY, key.getPrivate().getEncoded());
    }
}

package io.lethe.verifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A named Ed25519 public key that checks C2SP signed-note signatures. Its key id is the first four bytes of
 * {@code SHA-256(name || 0x0A || 0x01 || publicKey)}, as C2SP signed-note specifies for Ed25519 (algorithm
 * byte 0x01).
 *
 * @param keyName   the key name as it appears on signature lines (usually the log origin)
 * @param publicKey the raw 32-byte Ed25519 public key
 */
public record NoteVerifier(String keyName, byte[] publicKey) {

    /** Algorithm identifier of Ed25519 in C2SP signed notes. */
    public static final byte ALG_ED25519 = 0x01;
    /** Length of a raw Ed25519 public key. */
    public static final int PUBLIC_KEY_SIZE = 32;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw key follows it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** Validates the key name and copies the key. */
    public NoteVerifier {
        SignedNote.requireValidKeyName(keyName);
        if (publicKey == null || publicKey.length != PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        publicKey = publicKey.clone();
    }

    /** @return a copy of the raw 32-byte public key */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** @return this key's 4-byte key id as an unsigned big-endian int */
    public int keyId() {
        return keyId(keyName, publicKey);
    }

    /**
     * @return the C2SP key id of an Ed25519 key: the first 4 bytes of SHA-256(name || '\n' || 0x01 || key)
     */
    public static int keyId(String keyName, byte[] rawPublicKey) {
        MessageDigest digest = Rfc6962.sha256();
        digest.update(keyName.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(ALG_ED25519);
        return ByteBuffer.wrap(digest.digest(rawPublicKey)).getInt();
    }

    /**
     * Parses a verifier key in the {@code golang.org/x/mod/sumdb/note} text form
     * {@code <name>+<8 hex key id>+<base64(0x01 || key)>}.
     *
     * @throws IllegalArgumentException if the text is malformed or the key id does not match the key
     */
    public static NoteVerifier parse(String vkey) {
        // Only the first two '+' separate fields: the base64 key may hold '+' itself (Go's note package agrees).
        String[] parts = vkey.split("\\+", 3);
        if (parts.length != 3 || parts[1].length() != 8) {
            throw new IllegalArgumentException("expected <name>+<keyid>+<key>");
        }
        byte[] encoded = Base64.getDecoder().decode(parts[2]);
        if (encoded.length != PUBLIC_KEY_SIZE + 1 || encoded[0] != ALG_ED25519) {
            throw new IllegalArgumentException("not an Ed25519 verifier key");
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], Arrays.copyOfRange(encoded, 1, encoded.length));
        if (verifier.keyId() != Integer.parseUnsignedInt(parts[1], 16)) {
            throw new IllegalArgumentException("key id does not match the key");
        }
        return verifier;
    }

    /** @return this key in the {@code <name>+<keyid>+<base64(0x01 || key)>} text form */
    public String format() {
        byte[] encoded = new byte[PUBLIC_KEY_SIZE + 1];
        encoded[0] = ALG_ED25519;
        System.arraycopy(publicKey, 0, encoded, 1, PUBLIC_KEY_SIZE);
        return keyName + "+" + String.format("%08x", keyId()) + "+" + Base64.getEncoder().encodeToString(encoded);
    }

    /** @return whether {@code signature} is a valid Ed25519 signature of {@code message} under this key */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(toJcaKey(publicKey));
            ed25519.update(message);
            return ed25519.verify(signature);
        } catch (GeneralSecurityException e) {
            // A malformed signature or a point not on the curve is simply not a valid signature.
            return false;
        }
    }

    /** @return the JCA public key for a raw 32-byte Ed25519 key */
    public static PublicKey toJcaKey(byte[] rawPublicKey) throws GeneralSecurityException {
        byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + rawPublicKey.length);
        System.arraycopy(rawPublicKey, 0, x509, X509_PREFIX.length, rawPublicKey.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
    }

    /** @return the raw 32-byte key inside an Ed25519 public key's X.509 encoding */
    public static byte[] rawKey(PublicKey ed25519PublicKey) {
        byte[] x509 = ed25519PublicKey.getEncoded();
        if (x509.length != X509_PREFIX.length + PUBLIC_KEY_SIZE
                || !Arrays.equals(x509, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(x509, X509_PREFIX.length, x509.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteVerifier that && keyName.equals(that.keyName)
                && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * keyName.hashCode() + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return format();
    }
}

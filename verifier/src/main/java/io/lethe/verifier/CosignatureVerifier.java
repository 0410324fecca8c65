package io.lethe.verifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A witness's Ed25519 cosigning key, checking C2SP tlog-cosignature/v1 signature lines
 * (https://c2sp.org/tlog-cosignature). A cosignature is a note signature whose bytes are an 8-byte big-endian
 * POSIX timestamp followed by an Ed25519 signature over {@code cosignature/v1\ntime <timestamp>\n} and the
 * checkpoint body. Its key id is {@code SHA-256(name || 0x0A || 0x04 || publicKey)[:4]}: the 0x04 keeps a
 * cosignature from ever passing as a log signature (0x01) by the same key.
 *
 * @param name      the cosigner's name, as on its signature lines (e.g. {@code witness.example/w1})
 * @param publicKey the raw 32-byte Ed25519 public key
 */
public record CosignatureVerifier(String name, byte[] publicKey) {

    /** Signature type of Ed25519 cosignatures in C2SP key ids and vkeys. */
    public static final byte ALG_COSIGNATURE_V1 = 0x04;
    /** Length of a timestamped Ed25519 cosignature: u64 timestamp then the 64-byte signature. */
    public static final int SIGNATURE_SIZE = 8 + 64;

    /** Validates the name and copies the key. */
    public CosignatureVerifier {
        SignedNote.requireValidKeyName(name);
        if (publicKey == null || publicKey.length != NoteVerifier.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        publicKey = publicKey.clone();
    }

    /** @return a copy of the raw public key */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** @return the C2SP cosignature key id of this key, as an unsigned big-endian int */
    public int keyId() {
        MessageDigest digest = Rfc6962.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(ALG_COSIGNATURE_V1);
        return ByteBuffer.wrap(digest.digest(publicKey)).getInt();
    }

    /** @return the bytes a cosignature at {@code timestamp} signs: header line, time line, checkpoint body */
    public static byte[] signedMessage(long timestamp, String checkpointBody) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature timestamp is a non-negative POSIX time");
        }
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointBody).getBytes(StandardCharsets.UTF_8);
    }

    /** @return whether {@code signature} is a line of this cosigner (same name and key id) */
    public boolean names(NoteSignature signature) {
        return signature.keyName().equals(name) && signature.keyId() == keyId();
    }

    /**
     * Checks one of this cosigner's signature lines over a checkpoint body.
     *
     * @return the cosignature's timestamp (seconds since the epoch)
     * @throws VerificationException {@link Failure#NO_MATCHING_SIGNATURE} if the line is another key's,
     *                               {@link Failure#BAD_SIGNATURE} if it does not verify
     */
    public long verify(String checkpointBody, NoteSignature signature) throws VerificationException {
        if (!names(signature)) {
            throw new VerificationException(Failure.NO_MATCHING_SIGNATURE, "not a cosignature by " + name);
        }
        byte[] blob = signature.signature();
        if (blob.length != SIGNATURE_SIZE) {
            throw new VerificationException(Failure.BAD_SIGNATURE, "a cosignature/v1 has 72 bytes, not "
                    + blob.length);
        }
        long timestamp = ByteBuffer.wrap(blob, 0, 8).getLong();
        byte[] ed25519 = Arrays.copyOfRange(blob, 8, blob.length);
        if (timestamp < 0 || !new NoteVerifier(name, publicKey).verifies(signedMessage(timestamp, checkpointBody),
                ed25519)) {
            throw new VerificationException(Failure.BAD_SIGNATURE, "cosignature by " + name + " is invalid");
        }
        return timestamp;
    }

    /** @return the signature line for an Ed25519 {@code signature} made at {@code timestamp} */
    public NoteSignature line(long timestamp, byte[] signature) {
        byte[] blob = ByteBuffer.allocate(SIGNATURE_SIZE).putLong(timestamp).put(signature).array();
        return new NoteSignature(name, keyId(), blob);
    }

    /** @return this key as a C2SP vkey: {@code <name>+<hex key id>+<base64(0x04 || key)>} */
    public String vkey() {
        byte[] encoded = new byte[NoteVerifier.PUBLIC_KEY_SIZE + 1];
        encoded[0] = ALG_COSIGNATURE_V1;
        System.arraycopy(publicKey, 0, encoded, 1, NoteVerifier.PUBLIC_KEY_SIZE);
        return name + "+" + String.format("%08x", keyId()) + "+" + Base64.getEncoder().encodeToString(encoded);
    }

    /** @return the raw public key in hex, as Sigsum policy files write keys */
    public String hexKey() {
        return HexFormat.of().formatHex(publicKey);
    }

    /**
     * Parses a cosigner key, either a vkey with signature type 0x04 or {@code <name> <64 hex digits>}.
     *
     * @throws IllegalArgumentException if the text is neither, or a vkey's key id does not match its key
     */
    public static CosignatureVerifier parse(String text) {
        String trimmed = text.strip();
        String[] words = trimmed.split("\\s+");
        if (words.length == 2) {
            return new CosignatureVerifier(words[0], HexFormat.of().parseHex(words[1]));
        }
        String[] parts = trimmed.split("\\+", 3);
        if (parts.length != 3 || parts[1].length() != 8) {
            throw new IllegalArgumentException("expected <name>+<keyid>+<base64 key> or <name> <hex key>");
        }
        byte[] encoded = Base64.getDecoder().decode(parts[2]);
        if (encoded.length != NoteVerifier.PUBLIC_KEY_SIZE + 1 || encoded[0] != ALG_COSIGNATURE_V1) {
            throw new IllegalArgumentException("not an Ed25519 cosignature/v1 key (type 0x04)");
        }
        CosignatureVerifier key = new CosignatureVerifier(parts[0], Arrays.copyOfRange(encoded, 1, encoded.length));
        if (key.keyId() != Integer.parseUnsignedInt(parts[1], 16)) {
            throw new IllegalArgumentException("key id does not match the key");
        }
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CosignatureVerifier that && name.equals(that.name)
                && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return vkey();
    }
}

package io.lethe.crypto.vault;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * How a producer seals a record before it reaches Kafka, so that the only copies of personal data on
 * any topic are ciphertext under the data subject's vault key: shredding that key makes every Kafka
 * copy (every replica, every backup) unreadable along with the vault row.
 *
 * <p>Wire form: {@code nonce (12 bytes) || AES-256-GCM ciphertext with its 16-byte tag}, standard
 * base64 in the record's {@code sealed} field. The plaintext is the vault's record format (2-byte label
 * length, UTF-8 label, payload bytes), since for faces and speakers the label names the person too.
 * The associated data binds the record id and the subject pseudonym, so a sealed payload cannot be
 * replayed under another record or subject.
 */
public final class ProducerSeal {

    /** The associated-data prefix; a new version of this format gets a new prefix. */
    static final String AAD_PREFIX = "lethe-producer-seal-v1\n";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProducerSeal() {
    }

    /** Seals a record for the wire; {@code subjectKey} is the 32-byte key the ledger issued for the subject. */
    public static byte[] seal(byte[] subjectKey, String recordId, String subjectPseudonym,
                              RecordSealing.OpenRecord record) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] label = record.label().getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(2 + label.length + record.payload().length);
        plain.putShort((short) label.length).put(label).put(record.payload());
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, subjectKey, nonce, recordId, subjectPseudonym, plain.array());
        return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
    }

    /**
     * Opens a sealed record.
     *
     * @return empty when the bytes do not open under this key for this record and subject (wrong or stale
     *         key, tampered bytes, moved to another record), or are too short to be a seal
     */
    public static Optional<RecordSealing.OpenRecord> open(byte[] subjectKey, String recordId, String subjectPseudonym,
                                                         byte[] sealed) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8 + 2) {
            return Optional.empty();
        }
        byte[] nonce = java.util.Arrays.copyOfRange(sealed, 0, NONCE_BYTES);
        byte[] ciphertext = java.util.Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length);
        byte[] plain;
        try {
            plain = run(Cipher.DECRYPT_MODE, subjectKey, nonce, recordId, subjectPseudonym, ciphertext);
        } catch (BadSeal e) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(plain);
        int labelLength = Short.toUnsignedInt(buffer.getShort());
        if (labelLength > buffer.remaining()) {
            return Optional.empty();
        }
        byte[] label = new byte[labelLength];
        buffer.get(label);
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        return Optional.of(new RecordSealing.OpenRecord(new String(label, StandardCharsets.UTF_8), payload));
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, String recordId, String pseudonym, byte[] input) {
        try {
            Cipher cipher = AesGcm.cipher();
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD((AAD_PREFIX + recordId + "\n" + pseudonym).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new BadSeal();
        } catch (java.security.InvalidKeyException e) {
            throw new BadSeal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    /** A seal that does not open: a property of the input, not of our infrastructure. */
    private static final class BadSeal extends RuntimeException {
        BadSeal() {
            super(null, null, false, false);
        }
    }
}

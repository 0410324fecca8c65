package io.lethe.crypto.vault;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The vault's record format, shared by the command side (which seals) and workers (which open).
 *
 * <p>Plaintext = 2-byte label length, UTF-8 label, payload bytes. The label is sealed too: for faces
 * and speakers it names the person. The record's commitment is the GCM associated data, so a
 * ciphertext cannot be moved to another record's row. One 256-bit key per data subject: deleting
 * the key (crypto-shredding) leaves only unreadable bytes.
 */
public final class RecordSealing {

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordSealing() {
    }

    /** A plaintext record: its label and raw payload (image or audio bytes). */
    public record OpenRecord(String label, byte[] payload) {
    }

    public static byte[] newSubjectKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, RANDOM);
            return generator.generateKey().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    public static SealedRecord seal(byte[] subjectKey, String commitment, OpenRecord record) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] label = record.label().getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(2 + label.length + record.payload().length);
        plain.putShort((short) label.length).put(label).put(record.payload());
        return new SealedRecord(nonce, run(Cipher.ENCRYPT_MODE, subjectKey, nonce, commitment, plain.array()));
    }

    /** Opens a sealed record; fails (AEADBadTagException inside) on a wrong key, record or tampered bytes. */
    public static OpenRecord open(byte[] subjectKey, String commitment, SealedRecord sealed) {
        ByteBuffer plain = ByteBuffer.wrap(run(Cipher.DECRYPT_MODE, subjectKey, sealed.nonce(), commitment,
                sealed.ciphertext()));
        byte[] label = new byte[Short.toUnsignedInt(plain.getShort())];
        plain.get(label);
        byte[] payload = new byte[plain.remaining()];
        plain.get(payload);
        return new OpenRecord(new String(label, StandardCharsets.UTF_8), payload);
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, String commitment, byte[] input) {
        try {
            Cipher cipher = AesGcm.cipher();
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(commitment.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault record " + commitment + " cannot be "
                    + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }
}

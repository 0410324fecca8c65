package io.lethe.crypto.vault;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;

/**
 * The AES-256-GCM cipher both seal formats use: one per thread, initialised afresh (key, nonce, associated
 * data) for every record. {@code Cipher.getInstance} is a provider lookup that costs more than sealing a short
 * record, and a cipher initialised with the key it had last keeps that key's expanded round keys, so records of
 * one subject opened or sealed one after the other expand their key once.
 */
final class AesGcm {

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);

    private AesGcm() {
    }

    static Cipher cipher() {
        return CIPHERS.get();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }
}

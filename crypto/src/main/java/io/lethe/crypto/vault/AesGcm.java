package io.lethe.crypto.vault;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;

/** The AES-256-GCM cipher both seal formats use. */
final class AesGcm {

    private AesGcm() {
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }
}

package io.lethe.crypto.vault;

/** A record as the vault stores it: AES-256-GCM ciphertext of (label, payload) under its subject's key. */
public record SealedRecord(byte[] nonce, byte[] ciphertext) {
}

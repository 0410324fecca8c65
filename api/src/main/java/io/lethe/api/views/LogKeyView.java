package io.lethe.api.views;

import java.time.Instant;

/**
 * One key of the log's key history ({@code GET /api/log/keys}): every key the log has signed checkpoints with.
 *
 * @param keyName     the key name on signature lines (the log's origin)
 * @param keyId       the C2SP signed-note key id, 8 hex digits
 * @param algorithm   always {@code Ed25519}
 * @param publicKey   base64 of the raw 32-byte public key
 * @param verifierKey the key in the note verifier text form {@code <name>+<keyid>+<base64(0x01 || key)>}
 * @param firstUsedAt when the log started signing with it
 * @param retiredAt   when a newer key replaced it; {@code null} for the current key
 */
public record LogKeyView(String keyName, String keyId, String algorithm, String publicKey, String verifierKey,
                         Instant firstUsedAt, Instant retiredAt) {
}

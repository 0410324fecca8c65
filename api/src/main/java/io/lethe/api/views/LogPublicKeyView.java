package io.lethe.api.views;

/**
 * The key checkpoints are signed with ({@code GET /api/log/public-key}).
 *
 * @param keyName   the key name on the signature line (the log's origin)
 * @param algorithm always {@code Ed25519}
 * @param publicKey base64 of the raw 32-byte public key
 */
public record LogPublicKeyView(String keyName, String algorithm, String publicKey) {
}

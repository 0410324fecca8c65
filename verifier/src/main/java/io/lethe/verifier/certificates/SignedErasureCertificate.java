package io.lethe.verifier.certificates;

/**
 * An erasure certificate with its detached Ed25519 signature over the certificate's canonical JSON
 * bytes (RFC 8785, {@code io.lethe.api.cloudevents.CanonicalJson}), by the log key {@code keyName}.
 *
 * @param signature base64 Ed25519 signature
 * @param publicKey base64 raw 32-byte public key (compare it with {@code GET /api/log/public-key})
 */
public record SignedErasureCertificate(ErasureCertificate certificate, String keyName, String publicKey,
                                       String signature) {
}

package io.lethe.api.views;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * {@code GET /api/log/status}: the log's size and whether its latest signed checkpoint holds up, checked by the
 * server with the {@code api} verifier (auditors should repeat the check on their side with the public key).
 *
 * @param treeSize   leaves in the log now
 * @param checkpoint the latest signed checkpoint, absent before the first one is signed
 * @param verified   the checkpoint's signature verifies under the log key and its root equals the stored tree's
 *                   root at its size; false when there is no checkpoint yet
 * @param problem    why verification failed, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogStatusView(long treeSize, Checkpoint checkpoint, boolean verified, String problem) {

    /**
     * The latest checkpoint and the two checks behind {@code verified}.
     *
     * @param treeSize       leaves the checkpoint covers
     * @param rootHash       base64 root hash it signs
     * @param signedAt       when it was signed
     * @param origin         the log origin and key name
     * @param signatureValid the Ed25519 signature verifies under the log's public key
     * @param rootMatchesLog the stored tree's root at {@code treeSize} equals {@code rootHash}
     * @param leavesSince    leaves appended since (not yet covered by a checkpoint)
     */
    public record Checkpoint(long treeSize, String rootHash, Instant signedAt, String origin, boolean signatureValid,
                             boolean rootMatchesLog, long leavesSince) {
    }
}

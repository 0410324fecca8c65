package io.lethe.query.log;

import java.time.Instant;

/**
 * A checkpoint the log has signed.
 *
 * @param treeSize  the number of leaves covered
 * @param rootHash  the RFC 6962 root at that size
 * @param note      the full C2SP signed-note text, as served by {@code GET /api/log/checkpoint}
 * @param createdAt when it was signed
 */
public record StoredCheckpoint(long treeSize, byte[] rootHash, String note, Instant createdAt) {

    /** Copies the root. */
    public StoredCheckpoint {
        rootHash = rootHash.clone();
    }

    /** @return a copy of the root hash */
    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }
}

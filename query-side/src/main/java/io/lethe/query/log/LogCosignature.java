package io.lethe.query.log;

import io.lethe.verifier.NoteSignature;

import java.time.Instant;

/**
 * A witness's cosignature of one of the log's checkpoints.
 *
 * @param treeSize    the size of the checkpoint it cosigns
 * @param cosignature its C2SP tlog-cosignature/v1 signature line
 */
public record LogCosignature(long treeSize, NoteSignature cosignature) {

    /** @return when the witness says it cosigned (the line's timestamp) */
    public Instant cosignedAt() {
        return JdbcCosignatures.timestampOf(cosignature);
    }
}

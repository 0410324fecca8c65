package io.lethe.query.log;

import java.util.Optional;

/** Keeps every signed checkpoint; one per tree size. */
public interface CheckpointStore {

    /** @return the checkpoint with the largest tree size, if any was signed */
    Optional<StoredCheckpoint> latest();

    /** @return the checkpoint signed at {@code treeSize}, if any */
    Optional<StoredCheckpoint> at(long treeSize);

    /** Stores a checkpoint; a second checkpoint at the same size is ignored (the first one stands). */
    void save(StoredCheckpoint checkpoint);
}

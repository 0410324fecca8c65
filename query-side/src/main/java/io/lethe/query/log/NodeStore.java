package io.lethe.query.log;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Persistence of the log: leaves and perfect-subtree hashes, both append-only. {@link MerkleLog} holds all the
 * Merkle logic; a store only keeps and returns bytes.
 */
public interface NodeStore {

    /** @return the number of leaves stored */
    long size();

    /**
     * Reads stored hashes in one batch. Level 0 is the leaf hash.
     *
     * @return the hashes found, keyed by id; ids not stored are absent
     */
    Map<NodeId, byte[]> read(Collection<NodeId> ids);

    /**
     * Appends leaves and the perfect-subtree nodes they complete. The first leaf's index must equal
     * {@link #size()}; callers hold the append lock ({@link #withAppendLock}).
     */
    void append(List<LeafEntry> leaves, List<StoredNode> nodes);

    /** @return the leaves with {@code start <= index < end}, in index order */
    List<LeafEntry> entries(long start, long end);

    /** @return the leaf recording {@code eventId}, if any */
    Optional<LeafEntry> entryByEventId(String eventId);

    /**
     * Runs {@code work} with exclusive append rights, so two appenders never claim the same index. For JDBC the
     * lock lives as long as the caller's transaction.
     */
    <T> T withAppendLock(Supplier<T> work);
}

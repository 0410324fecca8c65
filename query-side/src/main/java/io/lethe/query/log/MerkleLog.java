package io.lethe.query.log;

import io.lethe.verifier.Rfc6962;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An append-only RFC 6962 Merkle log over a {@link NodeStore}. Appends store each leaf hash and each perfect
 * subtree as it completes, never rehashing; {@link #root(long)}, {@link #inclusionProof(long, long)} and
 * {@link #consistencyProof(long, long)} work for any historical size from O(log n) stored hashes read in a
 * single batch. Stateless apart from the store, so it is cheap to create per transaction.
 */
public final class MerkleLog {

    private final NodeStore store;

    /** @param store where leaves and perfect-subtree hashes live */
    public MerkleLog(NodeStore store) {
        this.store = store;
    }

    /** @return the number of leaves */
    public long size() {
        return store.size();
    }

    /** Appends one leaf; see {@link #append(List)}. */
    public LeafEntry append(NewLeaf leaf) {
        return append(List.of(leaf)).get(0);
    }

    /**
     * Appends leaves in order, under the store's append lock.
     *
     * @return the stored entries with their assigned indices
     */
    public List<LeafEntry> append(List<NewLeaf> leaves) {
        if (leaves.isEmpty()) {
            return List.of();
        }
        return store.withAppendLock(() -> appendLocked(store.size(), leaves));
    }

    /**
     * Appends leaves in order for a caller that already holds the store's append lock and has read {@code size}
     * under it, in the same transaction: the lock and the size read are then not repeated.
     *
     * @param size the log's size as read under the lock
     * @return the stored entries with their assigned indices
     */
    public List<LeafEntry> appendLocked(long size, List<NewLeaf> leaves) {
        Frontier frontier = Frontier.load(size, store);
        List<LeafEntry> entries = new ArrayList<>(leaves.size());
        List<StoredNode> nodes = new ArrayList<>(leaves.size());
        for (NewLeaf leaf : leaves) {
            byte[] input = leaf.leafInput();
            byte[] hash = Rfc6962.leafHash(input);
            entries.add(new LeafEntry(frontier.size(), input, hash, leaf.eventId(), leaf.eventType()));
            frontier.push(hash, nodes);
        }
        store.append(entries, nodes);
        return entries;
    }

    /**
     * @param size a tree size, {@code 0 <= size <= size()}
     * @return the RFC 6962 root hash of the first {@code size} leaves
     */
    public byte[] root(long size) {
        requireSize(size);
        if (size == 0) {
            return Rfc6962.emptyRoot();
        }
        return hashes(List.of(new Ranges.Range(0, size))).get(0);
    }

    /**
     * The RFC 9162 audit path of leaf {@code index} in the tree of {@code size} leaves.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < size <= size()}
     */
    public List<byte[]> inclusionProof(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not below tree size " + size);
        }
        return hashes(Ranges.inclusionPath(index, size));
    }

    /**
     * The RFC 9162 consistency proof from the tree of {@code from} leaves to the tree of {@code to} leaves.
     *
     * @throws IllegalArgumentException unless {@code 0 < from <= to <= size()}; a proof from the empty tree says
     *                                  nothing, so it is refused as RFC 9162 verifiers refuse it
     */
    public List<byte[]> consistencyProof(long from, long to) {
        requireSize(to);
        if (from <= 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        return hashes(Ranges.consistencyPath(from, to));
    }

    /**
     * The hashes of a C2SP tlog-tiles tile: at tile level {@code level}, the {@code width} perfect subtrees of
     * 256^level leaves starting with number {@code index * 256}. Each is a node the log stored when it completed.
     *
     * @throws IllegalArgumentException if the log does not yet hold every leaf the tile covers
     */
    public List<byte[]> tileHashes(int level, long index, int width) {
        int height = 8 * level;
        long first = index * 256;
        if (height > 62 || index > (Long.MAX_VALUE >> 8) - 1 || first + width > (size() >> height)) {
            throw new IllegalArgumentException("the log of " + size() + " leaves has no tile " + level + "/" + index
                    + " of width " + width);
        }
        List<NodeId> ids = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            ids.add(new NodeId(height, first + i));
        }
        Map<NodeId, byte[]> stored = store.read(ids);
        return ids.stream().map(id -> lookup(id, stored)).toList();
    }

    /** @return the leaves with {@code start <= index < end}, clipped to the log's size */
    public List<LeafEntry> entries(long start, long end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
        return store.entries(start, end);
    }

    /** @return the leaf that records {@code eventId}, if the event is in the log */
    public Optional<LeafEntry> entryByEventId(String eventId) {
        return store.entryByEventId(eventId);
    }

    private void requireSize(long size) {
        if (size < 0 || size > store.size()) {
            throw new IllegalArgumentException("tree size " + size + " is outside [0, " + store.size() + "]");
        }
    }

    /** Reads every perfect subtree the ranges need in one batch and folds each range into its hash. */
    private List<byte[]> hashes(List<Ranges.Range> ranges) {
        Set<NodeId> needed = new LinkedHashSet<>();
        ranges.forEach(range -> needed.addAll(Ranges.perfectSubtrees(range)));
        Map<NodeId, byte[]> stored = store.read(needed);
        List<byte[]> out = new ArrayList<>(ranges.size());
        for (Ranges.Range range : ranges) {
            out.add(fold(Ranges.perfectSubtrees(range), stored));
        }
        return out;
    }

    private static byte[] fold(List<NodeId> parts, Map<NodeId, byte[]> stored) {
        byte[] hash = lookup(parts.get(parts.size() - 1), stored);
        for (int i = parts.size() - 2; i >= 0; i--) {
            hash = Rfc6962.nodeHash(lookup(parts.get(i), stored), hash);
        }
        return hash;
    }

    private static byte[] lookup(NodeId id, Map<NodeId, byte[]> stored) {
        byte[] hash = stored.get(id);
        if (hash == null) {
            throw new LogStorageException("stored node " + id + " is missing");
        }
        return hash;
    }
}

package io.lethe.query.log;

import io.lethe.verifier.Rfc6962;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The right edge of the tree during an append: the stack of perfect-subtree roots covering the current leaves.
 * Appending a leaf merges equal-height roots, which is exactly when a perfect subtree completes; each merge emits
 * one node to store. n appends emit n - popcount(n) nodes in total, so O(1) amortised, O(log n) at worst.
 */
final class Frontier {

    private record Root(NodeId id, byte[] hash) {
    }

    private final Deque<Root> roots = new ArrayDeque<>();
    private long size;

    private Frontier(long size) {
        this.size = size;
    }

    /** Loads the frontier of a log of {@code size} leaves with one batch read. */
    static Frontier load(long size, NodeStore store) {
        Frontier frontier = new Frontier(size);
        List<NodeId> ids = Ranges.frontier(size);
        Map<NodeId, byte[]> hashes = store.read(ids);
        for (NodeId id : ids) {
            byte[] hash = hashes.get(id);
            if (hash == null) {
                throw new LogStorageException("frontier node " + id + " is missing for size " + size);
            }
            frontier.roots.addLast(new Root(id, hash));
        }
        return frontier;
    }

    /**
     * Adds the leaf with hash {@code leafHash} at index {@link #size()}.
     *
     * @param completed receives every perfect subtree (level >= 1) the leaf completes
     */
    void push(byte[] leafHash, List<StoredNode> completed) {
        Root current = new Root(new NodeId(0, size), leafHash);
        while (!roots.isEmpty() && roots.peekLast().id().level() == current.id().level()) {
            Root left = roots.removeLast();
            NodeId parent = new NodeId(current.id().level() + 1, current.id().index() >> 1);
            current = new Root(parent, Rfc6962.nodeHash(left.hash(), current.hash()));
            completed.add(new StoredNode(parent, current.hash()));
        }
        roots.addLast(current);
        size++;
    }

    long size() {
        return size;
    }
}

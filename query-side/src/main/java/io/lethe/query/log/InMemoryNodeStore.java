package io.lethe.query.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link NodeStore} in memory, for tests, benchmarks and replay verification. Hashes of each level sit in one
 * growable byte array (32 bytes per node) rather than one object per node, so a million leaves cost ~64 MB of
 * hashes, not several hundred. Thread-safe: every method locks the store.
 */
public final class InMemoryNodeStore implements NodeStore {

    private static final int HASH = 32;

    private final List<byte[]> levels = new ArrayList<>();
    private final List<Long> levelCounts = new ArrayList<>();
    private final List<LeafEntry> leaves = new ArrayList<>();
    private final Map<String, Long> indexByEventId = new HashMap<>();

    @Override
    public synchronized long size() {
        return leaves.size();
    }

    @Override
    public synchronized Map<NodeId, byte[]> read(Collection<NodeId> ids) {
        Map<NodeId, byte[]> out = new HashMap<>();
        for (NodeId id : ids) {
            if (id.level() < levels.size() && id.index() < levelCounts.get(id.level())) {
                int from = Math.toIntExact(id.index() * HASH);
                out.put(id, Arrays.copyOfRange(levels.get(id.level()), from, from + HASH));
            }
        }
        return out;
    }

    @Override
    public synchronized void append(List<LeafEntry> newLeaves, List<StoredNode> nodes) {
        if (!newLeaves.isEmpty() && newLeaves.get(0).index() != leaves.size()) {
            throw new LogStorageException("append at " + newLeaves.get(0).index() + " but size is " + leaves.size());
        }
        for (LeafEntry leaf : newLeaves) {
            if (indexByEventId.containsKey(leaf.eventId())) {
                throw new LogStorageException("event " + leaf.eventId() + " is already in the log");
            }
        }
        for (LeafEntry leaf : newLeaves) {
            indexByEventId.put(leaf.eventId(), leaf.index());
            leaves.add(leaf);
            put(new NodeId(0, leaf.index()), leaf.leafHash());
        }
        nodes.forEach(node -> put(node.id(), node.hash()));
    }

    @Override
    public synchronized List<LeafEntry> entries(long start, long end) {
        int from = (int) Math.min(start, leaves.size());
        int to = (int) Math.min(end, leaves.size());
        return List.copyOf(leaves.subList(from, to));
    }

    @Override
    public synchronized Optional<LeafEntry> entryByEventId(String eventId) {
        return Optional.ofNullable(indexByEventId.get(eventId)).map(i -> leaves.get(Math.toIntExact(i)));
    }

    @Override
    public synchronized <T> T withAppendLock(Supplier<T> work) {
        // The monitor is reentrant, so the store's own synchronized methods work inside.
        return work.get();
    }

    /** Nodes arrive in index order per level (the log is append-only), so each level only ever grows at its end. */
    private void put(NodeId id, byte[] hash) {
        while (levels.size() <= id.level()) {
            levels.add(new byte[HASH * 16]);
            levelCounts.add(0L);
        }
        long count = levelCounts.get(id.level());
        if (id.index() != count) {
            throw new LogStorageException("node " + id + " out of order; level holds " + count);
        }
        byte[] level = levels.get(id.level());
        int offset = Math.toIntExact(count * HASH);
        if (offset + HASH > level.length) {
            level = Arrays.copyOf(level, Math.max(level.length * 2, offset + HASH));
            levels.set(id.level(), level);
        }
        System.arraycopy(hash, 0, level, offset, HASH);
        levelCounts.set(id.level(), count + 1);
    }
}

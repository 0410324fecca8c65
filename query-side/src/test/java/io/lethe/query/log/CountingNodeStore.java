package io.lethe.query.log;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Wraps a store and counts batch reads, hashes read and nodes written, to pin down the log's I/O. */
final class CountingNodeStore implements NodeStore {

    private final NodeStore delegate;
    int readBatches;
    int hashesRead;
    int nodesWritten;

    CountingNodeStore(NodeStore delegate) {
        this.delegate = delegate;
    }

    void reset() {
        readBatches = 0;
        hashesRead = 0;
        nodesWritten = 0;
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public Map<NodeId, byte[]> read(Collection<NodeId> ids) {
        readBatches++;
        hashesRead += ids.size();
        return delegate.read(ids);
    }

    @Override
    public void append(List<LeafEntry> leaves, List<StoredNode> nodes) {
        nodesWritten += leaves.size() + nodes.size();
        delegate.append(leaves, nodes);
    }

    @Override
    public List<LeafEntry> entries(long start, long end) {
        return delegate.entries(start, end);
    }

    @Override
    public Optional<LeafEntry> entryByEventId(String eventId) {
        return delegate.entryByEventId(eventId);
    }

    @Override
    public <T> T withAppendLock(Supplier<T> work) {
        return delegate.withAppendLock(work);
    }
}

package io.lethe.query.log;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link CheckpointStore} in memory. */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final ConcurrentSkipListMap<Long, StoredCheckpoint> bySize = new ConcurrentSkipListMap<>();

    @Override
    public Optional<StoredCheckpoint> latest() {
        return Optional.ofNullable(bySize.lastEntry()).map(Map.Entry::getValue);
    }

    @Override
    public Optional<StoredCheckpoint> at(long treeSize) {
        return Optional.ofNullable(bySize.get(treeSize));
    }

    @Override
    public void save(StoredCheckpoint checkpoint) {
        bySize.putIfAbsent(checkpoint.treeSize(), checkpoint);
    }
}

package io.lethe.query.log;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SigningKeyStore} in memory (keys die with the process). */
public final class InMemorySigningKeyStore implements SigningKeyStore {

    private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredKey> load(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    @Override
    public StoredKey saveIfAbsent(String name, StoredKey key) {
        return keys.computeIfAbsent(name, n -> key);
    }
}

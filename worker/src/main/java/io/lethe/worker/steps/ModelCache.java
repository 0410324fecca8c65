package io.lethe.worker.steps;

import io.lethe.sim.model.SimModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The device state this worker holds: per model, the simulator at the latest version it produced.
 * A job takes the model out while it runs (a failed job leaves nothing half-changed behind) and the
 * worker puts it back only once the job's result is stored. Bounded: the least recently used models
 * are dropped and restored from their snapshots when needed again.
 */
public final class ModelCache {

    private record Entry(int version, SimModel model) {
    }

    private final int capacity;
    private final Map<String, Entry> models;

    public ModelCache(int capacity) {
        this.capacity = capacity;
        this.models = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Removes and returns the model if this worker holds it at {@code version}; else null (and drops a stale one). */
    public synchronized SimModel take(String modelId, int version) {
        Entry e = models.remove(modelId);
        return e != null && e.version() == version ? e.model() : null;
    }

    public synchronized void put(String modelId, int version, SimModel model) {
        models.put(modelId, new Entry(version, model));
        while (models.size() > capacity) {
            String eldest = models.keySet().iterator().next();
            models.remove(eldest);
        }
    }

    public synchronized void evict(String modelId) {
        models.remove(modelId);
    }

    /** The version held for a model, or 0. */
    public synchronized int versionOf(String modelId) {
        Entry e = models.get(modelId);
        return e == null ? 0 : e.version();
    }
}

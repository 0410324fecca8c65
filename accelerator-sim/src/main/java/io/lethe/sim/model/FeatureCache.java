package io.lethe.sim.model;

import io.lethe.sim.data.SimRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded LRU cache of record features. Features are a pure function of (task, label, payload), so
 * caching changes no result; it spares recomputing MFCCs for every evaluation of the same records.
 * A hit is confirmed by comparing the payload bytes, so a reused record id with new bytes is recomputed.
 */
final class FeatureCache {

    private static final int CAPACITY = 20_000;
    private static final Map<Key, Entry> CACHE = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    private record Key(String task, String recordId, String label, int payloadHash) {
    }

    private record Entry(byte[] payload, double[] features) {
    }

    private FeatureCache() {
    }

    static double[] features(String task, SimRecord r, Function<SimRecord, double[]> compute) {
        Key key = new Key(task, r.recordId(), r.label(), Arrays.hashCode(r.payload()));
        synchronized (CACHE) {
            Entry e = CACHE.get(key);
            if (e != null && Arrays.equals(e.payload(), r.payload())) {
                return e.features();
            }
        }
        double[] f = compute.apply(r);
        synchronized (CACHE) {
            CACHE.put(key, new Entry(r.payload(), f));
        }
        return f;
    }
}

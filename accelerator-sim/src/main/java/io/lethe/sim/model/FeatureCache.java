package io.lethe.sim.model;

import io.lethe.sim.data.SimRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded LRU cache of record features. Features are a pure function of (task, label, payload), so
 * caching changes no result; it spares recomputing MFCCs for every evaluation of the same records.
 * A hit is confirmed by the payload's SHA-256, so a reused record id with new bytes is recomputed; only
 * the digest is kept, not the payload, so the cache stays small (10 000 feature vectors).
 */
final class FeatureCache {

    private static final int CAPACITY = 10_000;
    private static final Map<Key, Entry> CACHE = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    private record Key(String task, String recordId, String label, int payloadHash) {
    }

    private record Entry(byte[] payloadSha256, double[] features) {
    }

    private FeatureCache() {
    }

    static double[] features(String task, SimRecord r, Function<SimRecord, double[]> compute) {
        Key key = new Key(task, r.recordId(), r.label(), Arrays.hashCode(r.payload()));
        synchronized (CACHE) {
            Entry e = CACHE.get(key);
            if (e != null && Arrays.equals(e.payloadSha256(), sha256(r.payload()))) {
                return e.features();
            }
        }
        double[] f = compute.apply(r);
        synchronized (CACHE) {
            CACHE.put(key, new Entry(sha256(r.payload()), f));
        }
        return f;
    }

    private static byte[] sha256(byte[] payload) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

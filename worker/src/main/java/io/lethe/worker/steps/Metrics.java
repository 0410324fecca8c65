package io.lethe.worker.steps;

import java.util.Map;
import java.util.TreeMap;

/** A job's metrics; values that are not finite (no data to measure on) are left out, JSON has no NaN. */
final class Metrics {

    private final Map<String, Double> values = new TreeMap<>();

    Metrics put(String name, double value) {
        if (Double.isFinite(value)) {
            values.put(name, value);
        }
        return this;
    }

    Map<String, Double> toMap() {
        return Map.copyOf(values);
    }
}

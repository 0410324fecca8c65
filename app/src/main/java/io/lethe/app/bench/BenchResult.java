package io.lethe.app.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark: what was measured, its baseline measured in the same run, and their ratio.
 *
 * @param unit     e.g. {@code commands/s}
 * @param value    the figure for Lethe
 * @param baseline the same figure for the baseline
 * @param details  further figures (latency percentiles, counts)
 */
public record BenchResult(String name, String unit, double value, String baselineName, double baseline,
                          Map<String, Double> details) {

    public BenchResult {
        details = new LinkedHashMap<>(details);
    }

    /** value / baseline: above 1 means faster than the baseline for rates. */
    public double ratio() {
        return baseline == 0 ? Double.NaN : value / baseline;
    }
}

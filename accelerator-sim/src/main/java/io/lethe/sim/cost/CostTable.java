package io.lethe.sim.cost;

import io.lethe.sim.SimConfigException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Per-operation energy and latency of one preset, with the citation or ASSUMPTION label of each figure.
 * Read from the preset properties file ({@code cost.<OPERATION>.energyPj|latencyNs|source}).
 */
public final class CostTable {

    /** One row of the table. */
    public record Entry(double energyPj, double latencyNs, String source) {
    }

    private final String resourceName;
    private final Map<Operation, Entry> entries;

    private CostTable(String resourceName, Map<Operation, Entry> entries) {
        this.resourceName = resourceName;
        this.entries = entries;
    }

    /** Reads every operation's row; a missing or malformed row fails naming its key. */
    public static CostTable from(String resourceName, Properties properties) {
        Map<Operation, Entry> entries = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            String prefix = "cost." + op.name() + ".";
            entries.put(op, new Entry(
                    number(properties, prefix + "energyPj"),
                    number(properties, prefix + "latencyNs"),
                    required(properties, prefix + "source")));
        }
        return new CostTable(resourceName, entries);
    }

    private static double number(Properties p, String key) {
        String raw = required(p, key);
        try {
            double value = Double.parseDouble(raw.trim());
            return SimConfigException.requireNonNegative(key, value);
        } catch (NumberFormatException e) {
            throw new SimConfigException(key, "is not a number: " + raw);
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new SimConfigException(key, "is missing from the preset");
        }
        return value.trim();
    }

    /** The classpath resource the figures came from (named in every report). */
    public String resourceName() {
        return resourceName;
    }

    public Entry entry(Operation op) {
        return entries.get(op);
    }

    public double energyPj(Operation op) {
        return entries.get(op).energyPj();
    }

    public double latencyNs(Operation op) {
        return entries.get(op).latencyNs();
    }
}

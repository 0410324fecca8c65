package io.lethe.sim.cost;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of priced operations. Simulator components add to a ledger as they work; reports price the
 * counts with a {@link CostTable}. Not thread-safe: one ledger per activity.
 */
public final class CostLedger {

    private final EnumMap<Operation, Long> counts = new EnumMap<>(Operation.class);

    /** Records {@code n} occurrences of {@code op}. */
    public void add(Operation op, long n) {
        if (n != 0) {
            counts.merge(op, n, Long::sum);
        }
    }

    /** Adds every count of {@code other} to this ledger. */
    public void addAll(CostLedger other) {
        other.counts.forEach(this::add);
    }

    public long count(Operation op) {
        return counts.getOrDefault(op, 0L);
    }

    /** An immutable copy of the counts. */
    public Map<Operation, Long> counts() {
        return Map.copyOf(counts);
    }

    /** Total energy in joules under {@code table}. */
    public double energyJoules(CostTable table) {
        double pj = 0;
        for (var e : counts.entrySet()) {
            pj += e.getValue() * table.energyPj(e.getKey());
        }
        return pj * 1e-12;
    }

    /** Total latency in seconds if every operation ran one after another (an upper bound, no parallelism). */
    public double serialLatencySeconds(CostTable table) {
        double ns = 0;
        for (var e : counts.entrySet()) {
            ns += e.getValue() * table.latencyNs(e.getKey());
        }
        return ns * 1e-9;
    }

    /** A copy of this ledger. */
    public CostLedger copy() {
        CostLedger c = new CostLedger();
        c.addAll(this);
        return c;
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}

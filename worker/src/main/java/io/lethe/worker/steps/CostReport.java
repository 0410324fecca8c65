package io.lethe.worker.steps;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.CostTable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's cost of a job, for the result command: total energy (J) and serial latency (s) under the
 * preset's cost table, then per operation its count and energy ({@code SRAM_WRITE_BYTE.count}, ...).
 */
final class CostReport {

    private CostReport() {
    }

    static Map<String, Double> of(CostLedger ledger, CostTable table) {
        Map<String, Double> cost = new TreeMap<>();
        cost.put("energyJoules", ledger.energyJoules(table));
        cost.put("latencySeconds", ledger.serialLatencySeconds(table));
        ledger.counts().forEach((op, n) -> {
            cost.put(op.name() + ".count", (double) n);
            cost.put(op.name() + ".energyJoules", n * table.energyPj(op) * 1e-12);
        });
        return Map.copyOf(cost);
    }
}

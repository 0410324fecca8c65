package io.lethe.sim.model;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.device.ProgrammingResult;

/**
 * A trained and programmed backbone.
 *
 * @param digest SHA-256 over spec, normaliser, float weights and programmed conductances
 * @param finalLoss off-chip training loss of the last epoch
 * @param programming the write-verify statistics
 * @param tiles analogue tiles used
 * @param cells analogue cells used
 * @param trainingCost off-chip training operations
 * @param programmingCost write-verify operations
 * @param wallMillis wall time
 */
public record BackboneResult(String digest, double finalLoss, ProgrammingResult programming, int tiles, long cells,
                             CostLedger trainingCost, CostLedger programmingCost, long wallMillis) {
}

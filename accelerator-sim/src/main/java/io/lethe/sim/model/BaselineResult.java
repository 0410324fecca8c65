package io.lethe.sim.model;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.device.ProgrammingResult;

/**
 * The analogue-update baseline for one training job: the same data, objective and epochs, but the
 * backbone's analogue weights are trained in the loop (every optimiser step rewrites changed cells by
 * write-verify) and the result is deployed by reprogramming a chip that holds the original weights.
 *
 * @param trainingCost every operation of the in-situ training, including its write-verify
 * @param trainingProgramming write-verify statistics accumulated during training
 * @param deploymentCost write-verify operations to bring an original chip to the updated weights
 * @param deploymentProgramming statistics of that deployment programming
 * @param fullReprogramCost the full-reprogram variant: every cell of an original chip RESET and written again
 * @param fullReprogramming statistics of the full reprogram
 * @param trainableParameters backbone weights and biases the in-situ training updates
 * @param wallMillis wall time of the simulation
 */
public record BaselineResult(CostLedger trainingCost, ProgrammingResult trainingProgramming, CostLedger deploymentCost,
                             ProgrammingResult deploymentProgramming, CostLedger fullReprogramCost,
                             ProgrammingResult fullReprogramming, long trainableParameters, long wallMillis) {
}

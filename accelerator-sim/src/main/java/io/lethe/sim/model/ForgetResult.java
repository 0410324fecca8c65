package io.lethe.sim.model;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.device.ProgrammingResult;
import java.util.List;

/**
 * What a forget did.
 *
 * @param mode the guarantee level achieved
 * @param recordIds the records forgotten
 * @param retrainedBranches branches retrained (EXACT, REBASE) or the new unlearning branch (APPROXIMATE)
 * @param reprogramming write-verify statistics (REBASE), else none
 * @param sramBytesWritten bytes written to SRAM (attach + zeroise)
 * @param cost every operation of the forget
 * @param wallMillis wall time
 */
public record ForgetResult(ForgetMode mode, List<String> recordIds, List<BranchResult> retrainedBranches,
                           ProgrammingResult reprogramming, long sramBytesWritten, CostLedger cost, long wallMillis) {
}

package io.lethe.sim.model;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.nn.QuantizedBranch;
import java.util.List;

/**
 * A trained and attached branch.
 *
 * @param spec what it was trained from
 * @param sliceRecordIds its slice (sorted)
 * @param backboneDigest digest of the backbone it was trained on
 * @param stackedOn digests of the branches that were active beneath it, in order
 * @param weights the INT8 weights as deployed
 * @param digest SHA-256 of the weights' canonical bytes
 * @param finalLoss training loss of the last epoch
 * @param cost operations of the training and the SRAM attach
 * @param wallMillis wall time of the training
 */
public record BranchResult(BranchSpec spec, List<String> sliceRecordIds, String backboneDigest, List<String> stackedOn,
                           QuantizedBranch weights, String digest, double finalLoss, CostLedger cost, long wallMillis) {
}

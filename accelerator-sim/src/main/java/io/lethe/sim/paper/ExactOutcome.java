package io.lethe.sim.paper;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lethe.sim.report.MembershipInference;

/**
 * An EXACT forget on a paper architecture (see {@link ShardedExact}) against the whole model retrained from
 * scratch the way it was built. Ratios are retrain ÷ EXACT (above 1 = EXACT is cheaper).
 *
 * @param forgottenGroup the data subjects forgotten
 * @param shards continual-learning shards, one LoRA branch each
 * @param retrainedShard the only shard whose branch EXACT retrains (0-based)
 * @param shardSamplesBefore training samples of that shard before the forget
 * @param shardSamplesAfter the same without the group (what EXACT retrains on)
 * @param allShardSamples training samples of every shard (what the retrain trains branches on, before removal)
 * @param backboneSamples float-training samples of the backbone (the retrain trains it again)
 * @param chance chance accuracy
 * @param chanceNote what chance is relative to
 * @param retainedBefore held-out accuracy, every other class, before
 * @param retainedAfter the same after
 * @param forgottenBefore held-out accuracy on the group, before
 * @param forgottenAfter the same after
 * @param referenceRetained the retrain, other classes
 * @param referenceForgotten the retrain, the group
 * @param mia loss-threshold MIA after: the group's training records vs its held-out records
 * @param miaBefore the same before
 * @param referenceMia the same on the retrain
 * @param exactWallMillis wall time of the EXACT forget (zeroise, retrain the one branch, write it)
 * @param retrainWallMillis wall time of the retrain from scratch (float backbone, programming, every branch)
 * @param exactEnergyJoules simulated energy of the EXACT forget
 * @param retrainEnergyJoules simulated energy of the retrain (host float MACs, write-verify of every cell, every
 *        branch's on-chip training and SRAM writes)
 * @param retrainParts the retrain's wall time and energy part by part: backbone float training, programming, each
 *        shard's branch (they add up to the totals, up to the clock's milliseconds)
 * @param branchBitIdenticalToRetrain the retrained branch equals the retrain's branch of that shard, bit for bit
 * @param otherBranchesUnchanged every other branch equals the original's and the retrain's, bit for bit
 */
public record ExactOutcome(String forgottenGroup, int shards, int retrainedShard, int shardSamplesBefore,
                           int shardSamplesAfter, int allShardSamples, int backboneSamples, double chance,
                           String chanceNote, double retainedBefore, double retainedAfter, double forgottenBefore,
                           double forgottenAfter, double referenceRetained, double referenceForgotten,
                           MembershipInference.Estimate mia, MembershipInference.Estimate miaBefore,
                           MembershipInference.Estimate referenceMia, long exactWallMillis, long retrainWallMillis,
                           double exactEnergyJoules, double retrainEnergyJoules, java.util.List<Part> retrainParts,
                           boolean branchBitIdenticalToRetrain, boolean otherBranchesUnchanged) {

    /** One part of a build: what it did, its wall time and its simulated energy. */
    public record Part(String name, long wallMillis, double energyJoules) {
    }

    /** How EXACT and its reference are defined (printed in the JSON). */
    public static final String DEFINITION = "EXACT = SISA over LoRA branches: post-deployment data is split by data "
            + "subject into shards, one continual-learning LoRA branch per shard on the frozen analogue backbone (each "
            + "with the same rehearsal records of the backbone's classes); the model answers with the mean of the "
            + "constituents' softmax (backbone + one branch each). Forgetting a group zeroises the branch of the "
            + "shard that held it and trains it again from its seed on the shard minus the group. Retrain from "
            + "scratch = the whole model built again the same way by the same code: backbone float-trained off-chip "
            + "(host fp32 MACs) on the same records, programmed into the same chip by write-verify (every cell), "
            + "every shard's branch trained on the chip without the group. Energy: the same cost table on both sides "
            + "(host MACs, cell programming, analogue reads, digital MACs, optimiser state, SRAM writes); wall: the "
            + "simulator's own time for each.";

    @JsonProperty
    public double energyRatio() {
        return retrainEnergyJoules / exactEnergyJoules;
    }

    @JsonProperty
    public double wallRatio() {
        return (double) retrainWallMillis / Math.max(1, exactWallMillis);
    }

    @JsonProperty
    public String definition() {
        return DEFINITION;
    }
}

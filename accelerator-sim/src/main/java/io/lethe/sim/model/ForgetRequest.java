package io.lethe.sim.model;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.nn.Hyperparameters;
import java.util.Set;

/**
 * A forget instruction.
 *
 * @param mode guarantee level
 * @param recordIds the records to forget
 * @param unlearningBranchId APPROXIMATE only: id of the new unlearning branch
 * @param rank APPROXIMATE only: rank of the unlearning branch
 * @param seed APPROXIMATE only: seed of the unlearning branch
 * @param hyperparameters APPROXIMATE only: its hyperparameters
 * @param objective APPROXIMATE only: WEIGHTED_ASCENT, RANDOM_RELABEL or RANDOM_TARGET
 */
public record ForgetRequest(ForgetMode mode, Set<String> recordIds, String unlearningBranchId, int rank, long seed,
                            Hyperparameters hyperparameters, BranchObjective objective) {

    public ForgetRequest {
        if (mode == null) {
            throw new SimConfigException("mode", "must be EXACT, APPROXIMATE or REBASE");
        }
        if (recordIds == null || recordIds.isEmpty()) {
            throw new SimConfigException("recordIds", "nothing to forget");
        }
        recordIds = Set.copyOf(recordIds);
        if (mode == ForgetMode.APPROXIMATE) {
            SimConfigException.requirePositive("rank", rank);
            if (objective == null || objective == BranchObjective.LEARN) {
                throw new SimConfigException("objective", "APPROXIMATE needs an unlearning objective");
            }
        }
    }

    public static ForgetRequest exact(Set<String> ids) {
        return new ForgetRequest(ForgetMode.EXACT, ids, null, 0, 0, null, null);
    }

    public static ForgetRequest rebase(Set<String> ids) {
        return new ForgetRequest(ForgetMode.REBASE, ids, null, 0, 0, null, null);
    }

    public static ForgetRequest approximate(Set<String> ids, String branchId, int rank, long seed,
                                            Hyperparameters hp, BranchObjective objective) {
        return new ForgetRequest(ForgetMode.APPROXIMATE, ids, branchId, rank, seed, hp, objective);
    }
}

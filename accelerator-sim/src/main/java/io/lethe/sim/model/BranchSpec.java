package io.lethe.sim.model;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.nn.Hyperparameters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a branch's training is replayed from, besides the backbone and the slice: id, rank, seed,
 * hyperparameters, the new classes it adds (empty for none), its objective and, for unlearning
 * objectives, which slice records are the forget set.
 */
public record BranchSpec(String branchId, int rank, long seed, Hyperparameters hyperparameters,
                         List<String> newClasses, BranchObjective objective, Set<String> forgetRecordIds) {

    public BranchSpec {
        if (branchId == null || branchId.isBlank()) {
            throw new SimConfigException("branchId", "must not be blank");
        }
        SimConfigException.requirePositive("rank", rank);
        newClasses = List.copyOf(newClasses == null ? List.of() : newClasses);
        objective = objective == null ? BranchObjective.LEARN : objective;
        forgetRecordIds = Set.copyOf(forgetRecordIds == null ? Set.of() : forgetRecordIds);
    }

    /** A plain learning branch. */
    public static BranchSpec learn(String branchId, int rank, long seed, Hyperparameters hp, List<String> newClasses) {
        return new BranchSpec(branchId, rank, seed, hp, newClasses, BranchObjective.LEARN, Set.of());
    }

    /** The same spec with some forget ids dropped (they left the slice). */
    BranchSpec without(Set<String> removed) {
        Set<String> f = new TreeSet<>(forgetRecordIds);
        f.removeAll(removed);
        return new BranchSpec(branchId, rank, seed, hyperparameters, newClasses, objective, f);
    }

    /** Canonical text for replay records. */
    public String canonical() {
        return "branch=" + branchId + ";rank=" + rank + ";seed=" + seed + ";" + hyperparameters.canonical()
                + ";new=" + String.join(",", newClasses) + ";objective=" + objective
                + ";forget=" + String.join(",", new TreeSet<>(forgetRecordIds));
    }
}

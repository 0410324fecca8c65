package io.lethe.sim.report;

import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.BranchObjective;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.workload.TaskDefinition;
import java.util.List;

/**
 * The data and settings of one report run: which classes the backbone learns, which arrive later through
 * an adapt branch, which base class is forgotten APPROXIMATE and REBASE, which adapted class EXACT.
 *
 * @param task the workload
 * @param baseClasses backbone classes
 * @param newClasses classes added by the adapt branch
 * @param baseTrain backbone training records
 * @param baseTest held-out records of the base classes
 * @param newTrain training records of the new classes
 * @param newTest held-out records of the new classes
 * @param baseForgetGroup base classes forgotten together by APPROXIMATE and REBASE (a group of subjects, so the
 *        membership-inference attack has enough records for its interval)
 * @param newForgetGroup adapted classes forgotten together by EXACT
 * @param approximateObjective the paper's objective for this task
 * @param adaptRank rank of the adapt branch
 * @param unlearnRank rank of the unlearning branch
 * @param unlearnHyperparameters hyperparameters of the unlearning branch
 * @param settingsNote human description of the CI-sized settings
 */
public record WorkloadPlan(TaskDefinition task, List<String> baseClasses, List<String> newClasses,
                           List<SimRecord> baseTrain, List<SimRecord> baseTest, List<SimRecord> newTrain,
                           List<SimRecord> newTest, List<String> baseForgetGroup, List<String> newForgetGroup,
                           BranchObjective approximateObjective, int adaptRank, int unlearnRank,
                           Hyperparameters unlearnHyperparameters, String settingsNote) {

    /** The base group as one name ({@code s9..s16}-style lists are joined by commas). */
    public String baseForgetName() {
        return String.join(",", baseForgetGroup);
    }

    /** The adapted group as one name. */
    public String newForgetName() {
        return String.join(",", newForgetGroup);
    }
}

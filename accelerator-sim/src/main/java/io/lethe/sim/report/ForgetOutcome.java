package io.lethe.sim.report;

import java.util.List;

/**
 * One forget, measured against a retrain-from-scratch reference (fresh chip, same seeds, data without the
 * forgotten class).
 *
 * @param mode EXACT, APPROXIMATE or REBASE
 * @param forgottenClass the data subject / class forgotten
 * @param method how it was done (objective or retraining scope)
 * @param forgottenRecords number of training records forgotten
 * @param chance chance accuracy (1 / number of model outputs)
 * @param retainedAccuracyBefore held-out accuracy on all other classes, before
 * @param retainedAccuracyAfter same, after
 * @param forgottenAccuracyBefore held-out accuracy on the forgotten class, before
 * @param forgottenAccuracyAfter same, after
 * @param forgottenTrainAccuracyAfter accuracy on the forgotten training records themselves, after
 * @param referenceRetainedAccuracy retrain reference, retained classes
 * @param referenceForgottenAccuracy retrain reference, forgotten class
 * @param miaAuc loss-threshold MIA AUC, forgotten training records vs held-out records of the class, after
 * @param miaAucBefore same attack on the model before forgetting
 * @param referenceMiaAuc same attack on the retrain reference
 * @param mia the attack after, with its bootstrap 95 % interval and record counts
 * @param referenceMia the attack on the retrain reference, with its interval
 * @param unlearnWallMillis wall time of the forget
 * @param referenceWallMillis wall time of the retrain reference
 * @param unlearnEnergyJoules simulated energy of the forget (training, programming, SRAM)
 * @param referenceEnergyJoules simulated energy of the retrain (off-chip training, programming a fresh chip, branches)
 * @param retrainedBranches branch ids retrained or created
 * @param sramBytesWritten SRAM bytes written (attach + zeroise)
 * @param programmingPulses write-verify pulses spent
 */
public record ForgetOutcome(String mode, String forgottenClass, String method, int forgottenRecords, double chance,
                            double retainedAccuracyBefore, double retainedAccuracyAfter,
                            double forgottenAccuracyBefore, double forgottenAccuracyAfter,
                            double forgottenTrainAccuracyAfter,
                            double referenceRetainedAccuracy, double referenceForgottenAccuracy,
                            double miaAuc, double miaAucBefore, double referenceMiaAuc,
                            MembershipInference.Estimate mia, MembershipInference.Estimate referenceMia,
                            long unlearnWallMillis, long referenceWallMillis,
                            double unlearnEnergyJoules, double referenceEnergyJoules,
                            List<String> retrainedBranches, long sramBytesWritten, long programmingPulses) {

    /** Retained accuracy change in percentage points (after - before). */
    public double retainedDeltaPoints() {
        return 100 * (retainedAccuracyAfter - retainedAccuracyBefore);
    }
}

package io.lethe.sim.report;

/**
 * Simulated costs of LoRA-on-hybrid against the analogue-update baseline for the task's unlearning job
 * (the APPROXIMATE forget), and per-sample inference energy. Every ratio is baseline / LoRA-on-hybrid, so
 * a ratio above 1 means the hybrid is cheaper. Definitions: {@link SimReport#DEFINITIONS}.
 */
public record CostFigures(
        double loraTrainingEnergyJoules, double baselineTrainingEnergyJoules, double trainingCostRatio,
        double loraWeightWriteEnergyJoules, double baselineWeightWriteEnergyJoules, double weightWriteEnergyRatio,
        double loraDeploymentEnergyJoules, double baselineDeploymentEnergyJoules, double deploymentOverheadRatio,
        double loraDeploymentLatencySeconds, double baselineDeploymentLatencySeconds, double deploymentLatencyRatio,
        double hybridInferenceEnergyJoules, double analogueUpdateInferenceEnergyJoules,
        double allDigitalInferenceEnergyJoules, double inferenceEnergyRatio, double inferenceEnergyRatioVsAllDigital,
        long baselineTrainingPulses, long baselineDeploymentPulses, long loraDeploymentBytes,
        long backboneProgrammingPulses, double backboneMeanPulsesPerCell, long backboneNonConvergedCells,
        long[] backbonePulseHistogram, int backboneTiles, long backboneCells,
        java.util.Map<String, Double> loraTrainingEnergyByOperation,
        java.util.Map<String, Double> baselineTrainingEnergyByOperation) {
}

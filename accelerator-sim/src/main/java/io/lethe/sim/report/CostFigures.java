package io.lethe.sim.report;

import java.util.Map;

/**
 * Simulated costs of LoRA-on-hybrid against its baselines, for the task's unlearning job (the APPROXIMATE
 * forget) and one inference. Every ratio is baseline / LoRA-on-hybrid, so above 1 means the hybrid is cheaper;
 * the one figure that is hybrid / something ({@link Inference#loraOverheadVsAnalogueOnly}) is named as an
 * overhead. Definitions: {@link SimReport#DEFINITIONS}.
 *
 * @param training in-situ analogue training of every adapted weight vs LoRA trained in the digital unit
 * @param deployment reprogramming the array vs writing the branch into SRAM
 * @param inference the same model all-digital vs on the hybrid
 * @param backbone what programming the backbone in the first place took
 */
public record CostFigures(Training training, Deployment deployment, Inference inference, Backbone backbone) {

    /**
     * One training job, same records, objective, epochs, batches and seed on both sides.
     *
     * @param samples training records per epoch (both sides)
     * @param epochs epochs (both sides)
     * @param optimiserSteps optimiser steps (both sides)
     * @param baselineEnergyJoules in-situ training: analogue reads, gradient MACs, optimiser state, write-verify
     * @param hybridEnergyJoules LoRA training: analogue reads, digital MACs, optimiser state and branch rewrites
     * @param energyRatio baseline / hybrid
     * @param baselineTrainableParameters backbone weights and biases the baseline updates
     * @param hybridTrainableParameters LoRA parameters
     * @param trainableParameterRatio baseline / hybrid
     * @param baselineMacs analogue cell MACs plus digital MACs of the baseline
     * @param hybridMacs the same for the hybrid
     * @param macRatio baseline / hybrid
     * @param baselineDigitalMacs digital MACs only (weight gradients), baseline
     * @param hybridDigitalMacs digital MACs only (LoRA forward and backward), hybrid
     * @param digitalMacRatio baseline / hybrid
     * @param baselineWeightWriteEnergyJoules SET/RESET pulses, their drivers and verify reads during training
     * @param hybridWeightWriteEnergyJoules SRAM rewrites of the INT8 branch during training
     * @param weightWriteEnergyRatio baseline / hybrid
     * @param baselineOptimiserEnergyJoules optimiser state traffic, baseline
     * @param hybridOptimiserEnergyJoules optimiser state traffic, hybrid
     * @param baselinePulses write-verify pulses during the baseline's training
     * @param baselineEnergyByOperation energy (J) per operation, baseline
     * @param hybridEnergyByOperation energy (J) per operation, hybrid
     */
    public record Training(int samples, int epochs, long optimiserSteps,
                           double baselineEnergyJoules, double hybridEnergyJoules, double energyRatio,
                           long baselineTrainableParameters, long hybridTrainableParameters,
                           double trainableParameterRatio,
                           long baselineMacs, long hybridMacs, double macRatio,
                           long baselineDigitalMacs, long hybridDigitalMacs, double digitalMacRatio,
                           double baselineWeightWriteEnergyJoules, double hybridWeightWriteEnergyJoules,
                           double weightWriteEnergyRatio,
                           double baselineOptimiserEnergyJoules, double hybridOptimiserEnergyJoules,
                           long baselinePulses,
                           Map<String, Double> baselineEnergyByOperation, Map<String, Double> hybridEnergyByOperation) {
    }

    /**
     * Deploying the trained update onto a chip that holds the original model.
     *
     * @param hybridEnergyJoules writing the branch's INT8 image into SRAM
     * @param changedCellsEnergyJoules write-verify of every cell whose target moved (with drivers and verify reads)
     * @param energyRatio changed cells / hybrid
     * @param fullReprogramEnergyJoules every cell RESET and written again by write-verify
     * @param fullReprogramRatio full reprogram / hybrid
     * @param hybridBytes bytes written into SRAM
     * @param changedCells cells the changed-cells reprogramming targeted
     * @param changedCellsPulses pulses it spent
     * @param changedCellsPulseHistogram {@code [k]} = targeted cells that took exactly k pulses
     * @param fullReprogramPulses pulses of the full reprogram (the RESETs included)
     * @param hybridLatencySeconds serial latency of the SRAM write
     * @param changedCellsLatencySeconds serial latency of the changed-cells reprogramming
     * @param latencyRatio changed cells / hybrid
     */
    public record Deployment(double hybridEnergyJoules, double changedCellsEnergyJoules, double energyRatio,
                             double fullReprogramEnergyJoules, double fullReprogramRatio, long hybridBytes,
                             long changedCells, long changedCellsPulses, long[] changedCellsPulseHistogram,
                             long fullReprogramPulses, double hybridLatencySeconds, double changedCellsLatencySeconds,
                             double latencyRatio) {
    }

    /**
     * One inference of one sample (for the image task one denoising step) with every branch attached.
     *
     * @param hybridEnergyJoules analogue backbone MVMs (DAC, cells, lines, integrators, ADC) plus the digital
     *     branches and the activations' SRAM traffic
     * @param allDigitalEnergyJoules the same model, LoRA merged, all-digital: INT8 MACs and SRAM reads of every
     *     weight, the same activation traffic
     * @param energyRatio all-digital / hybrid
     * @param analogueOnlyEnergyJoules the analogue backbone with every branch dropped (not the same model)
     * @param loraOverheadVsAnalogueOnly hybrid / analogue-only: what the branches add (an overhead, not a reduction)
     * @param branchWeightFraction attached branch weights / backbone weights (f)
     */
    public record Inference(double hybridEnergyJoules, double allDigitalEnergyJoules, double energyRatio,
                            double analogueOnlyEnergyJoules, double loraOverheadVsAnalogueOnly,
                            double branchWeightFraction) {
    }

    /**
     * Programming the backbone into the array once.
     *
     * @param tiles tiles used
     * @param cells cells used
     * @param pulses pulses spent
     * @param meanPulsesPerCell pulses per cell
     * @param nonConvergedCells cells left outside tolerance
     * @param pulseHistogram {@code [k]} = cells that took exactly k pulses
     */
    public record Backbone(int tiles, long cells, long pulses, double meanPulsesPerCell, long nonConvergedCells,
                           long[] pulseHistogram) {
    }
}

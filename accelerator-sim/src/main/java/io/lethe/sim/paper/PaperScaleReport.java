package io.lethe.sim.paper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lethe.sim.report.PaperFigures;
import java.util.Locale;

/**
 * {@code lethe sim report --task ... --scale paper}: the three ratios for the paper's own architecture at the
 * paper's sizes, from operation counts under the same definitions and cost table as the CI-size report (see
 * {@code io.lethe.sim.report.SimReport#DEFINITIONS}). Nothing is trained: inference counts are exact for the
 * listed layers, deployment is the full-reprogram variant with write-verify simulated cell by cell on the real
 * shapes, and training is a lower bound for the baseline (its write-verify during training is left out, because
 * which cells each step changes is only known by training).
 *
 * @param task face, speaker or image
 * @param preset the preset whose cost table priced the counts
 * @param assumptionsFile the file holding every cost figure
 * @param architecture the architecture and job counted
 * @param weights weights of the listed layers
 * @param adaptedWeights weights of the adapted layers (what the baseline trains)
 * @param loraParameters parameters of the LoRA branch
 * @param branchWeightFraction loraParameters / adaptedWeights (f)
 * @param trainableParameterRatio adaptedWeights / loraParameters
 * @param training the training-cost figures
 * @param deployment the deployment figures
 * @param inference the inference figures
 * @param paper the paper's figures
 * @param notNumbered what this estimate does not give, and why
 * @param wallMillis wall time
 */
public record PaperScaleReport(String task, String preset, String assumptionsFile, PaperArchitecture architecture,
                               long weights, long adaptedWeights, long loraParameters, double branchWeightFraction,
                               double trainableParameterRatio, Training training, Deployment deployment,
                               Inference inference, PaperFigures paper, String notNumbered, long wallMillis) {

    /**
     * @param baselineEnergyJoules in-situ training without its write-verify (a lower bound)
     * @param hybridEnergyJoules LoRA training
     * @param energyRatioLowerBound baseline / hybrid (write-verify during training would only raise it)
     * @param macRatio analogue + digital MACs, baseline / hybrid
     * @param digitalMacRatio digital MACs alone, baseline / hybrid
     * @param baselineOptimiserShare optimiser state traffic / baseline energy
     */
    public record Training(double baselineEnergyJoules, double hybridEnergyJoules, double energyRatioLowerBound,
                           double macRatio, double digitalMacRatio, double baselineOptimiserShare) {
    }

    /**
     * @param hybridEnergyJoules writing the branch image into SRAM
     * @param fullReprogramEnergyJoules every adapted cell RESET and written by simulated write-verify
     * @param fullReprogramRatio full reprogram / hybrid
     * @param cellsReprogrammed adapted cells (plus reference cells)
     * @param pulses pulses of the full reprogram (RESETs included)
     * @param meanPulsesPerCell write-verify pulses per programmed cell
     * @param nonConvergedCells cells left outside tolerance
     */
    public record Deployment(double hybridEnergyJoules, double fullReprogramEnergyJoules, double fullReprogramRatio,
                             long cellsReprogrammed, long pulses, double meanPulsesPerCell, long nonConvergedCells) {
    }

    /**
     * @param hybridEnergyJoules one inference, analogue backbone + digital LoRA + activations
     * @param allDigitalEnergyJoules the same model, LoRA merged, all-digital INT8 + activations
     * @param energyRatio all-digital / hybrid
     * @param analogueOnlyEnergyJoules the backbone without the branch
     * @param loraOverheadVsAnalogueOnly hybrid / analogue-only (an overhead, not a reduction)
     */
    public record Inference(double hybridEnergyJoules, double allDigitalEnergyJoules, double energyRatio,
                            double analogueOnlyEnergyJoules, double loraOverheadVsAnalogueOnly) {
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report", e);
        }
    }

    /** Human-readable text. */
    public String toText() {
        StringBuilder t = new StringBuilder();
        line(t, "Lethe sim report, paper scale (operation counts, nothing trained): task %s, preset %s", task, preset);
        line(t, "Model: %s", architecture.model());
        line(t, "Source: %s", architecture.source());
        line(t, "Not counted on either side: %s", architecture.omitted());
        line(t, "Cost figures from %s", assumptionsFile);
        line(t, "Weights %d, adapted %d, LoRA rank %d %d parameters: f = %.4f, trainable-parameter ratio %.2fx",
                weights, adaptedWeights, architecture.rank(), loraParameters, branchWeightFraction,
                trainableParameterRatio);
        line(t, "Unlearning job: %d samples x %d epochs, batch %d (%d optimiser steps)", architecture.trainingSamples(),
                architecture.epochs(), architecture.batchSize(), architecture.optimiserSteps());
        line(t, "");
        line(t, "%-34s %12s %12s %10s %9s", "ratio (baseline / hybrid)", "baseline", "LoRA-hybrid", "ours", "paper");
        line(t, "%-34s %10.3e J %10.3e J >=%7.2fx %8.2fx", "training cost (lower bound)", training.baselineEnergyJoules(),
                training.hybridEnergyJoules(), training.energyRatioLowerBound(), paper.trainingCostReduction());
        line(t, "  MAC ratio %.2fx, digital MAC ratio %.2fx, optimiser state %.1f %% of the baseline",
                training.macRatio(), training.digitalMacRatio(), 100 * training.baselineOptimiserShare());
        line(t, "%-34s %10.3e J %10.3e J %9.2fx %8.2fx", "deployment (full reprogram)",
                deployment.fullReprogramEnergyJoules(), deployment.hybridEnergyJoules(), deployment.fullReprogramRatio(),
                paper.deploymentOverheadReduction());
        line(t, "  %d cells, %d pulses (%.1f write-verify pulses per cell), %d not converged",
                deployment.cellsReprogrammed(), deployment.pulses(), deployment.meanPulsesPerCell(),
                deployment.nonConvergedCells());
        line(t, "%-34s %10.3e J %10.3e J %9.2fx %8.2fx", "inference vs all-digital",
                inference.allDigitalEnergyJoules(), inference.hybridEnergyJoules(), inference.energyRatio(),
                paper.inferenceEnergyReduction());
        line(t, "  LoRA overhead vs analogue-only (not a reduction): %.3fx", inference.loraOverheadVsAnalogueOnly());
        line(t, "");
        line(t, "Not numbered here: %s", notNumbered);
        line(t, "Wall time %.1f s", wallMillis / 1000.0);
        return t.toString();
    }

    private static void line(StringBuilder t, String format, Object... args) {
        t.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

package io.lethe.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@code lethe sim report --task ...}: learning, forgetting and adaptation accuracy, MIA
 * figures, and the three cost ratios beside the paper's, with the assumptions file named.
 *
 * @param task face, speaker or image
 * @param preset the preset used
 * @param assumptionsFile classpath resource holding every cost figure and its citation/ASSUMPTION label
 * @param settings what data and sizes this run used
 * @param backboneAccuracy held-out accuracy of the backbone alone on the base classes
 * @param newDataAccuracyBeforeAdapt held-out accuracy on the new classes before the adapt branch
 * @param newDataAccuracy held-out accuracy on the new classes after adapting
 * @param originalAccuracy held-out accuracy on all classes after adapting (the model every forget starts from)
 * @param forgets one outcome per forget mode
 * @param trainingCostRatio = costs.trainingCostRatio
 * @param deploymentOverheadRatio = costs.deploymentOverheadRatio
 * @param inferenceEnergyRatio = costs.inferenceEnergyRatio
 * @param costs the cost figures behind the ratios
 * @param paper the paper's figures
 * @param definitions what each figure means
 * @param doneWhen issue 3's acceptance checks on this run
 * @param wallMillis wall time of the whole run
 */
@JsonPropertyOrder({"task", "preset", "assumptionsFile", "trainingCostRatio", "deploymentOverheadRatio",
        "inferenceEnergyRatio", "paper"})
public record SimReport(String task, String preset, String assumptionsFile, String settings,
                        double backboneAccuracy, double newDataAccuracyBeforeAdapt, double newDataAccuracy,
                        double originalAccuracy, List<ForgetOutcome> forgets,
                        double trainingCostRatio, double deploymentOverheadRatio, double inferenceEnergyRatio,
                        CostFigures costs, PaperFigures paper, Map<String, String> definitions,
                        Map<String, Boolean> doneWhen, long wallMillis) {

    /** How every ratio and metric is defined. */
    public static final Map<String, String> DEFINITIONS = buildDefinitions();

    private static Map<String, String> buildDefinitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("trainingCostRatio", "Energy of the analogue-update baseline / energy of LoRA-on-hybrid for the same "
                + "unlearning job (APPROXIMATE forget: same data, objective, epochs, batches, seed). Both pay the "
                + "analogue forward and backward reads; the baseline also computes every weight gradient digitally "
                + "and rewrites changed cells by write-verify after every optimiser step; LoRA computes branch "
                + "gradients and rewrites the INT8 branch in SRAM after every step.");
        d.put("weightWriteEnergyRatio", "Only the weight-writing part of training: baseline SET/RESET pulses + "
                + "verify reads / LoRA SRAM weight writes.");
        d.put("deploymentOverheadRatio", "Energy to deploy the update onto a chip that holds the original model: "
                + "baseline = write-verify of every cell whose target moved (from the original conductances); "
                + "LoRA = writing the branch's INT8 bytes into SRAM.");
        d.put("inferenceEnergyRatio", "Energy of one inference with the analogue-update baseline (analogue "
                + "backbone only, no branches) / LoRA-on-hybrid (analogue backbone + digital branches). Below 1 "
                + "means the branches cost extra at inference.");
        d.put("inferenceEnergyRatioVsAllDigital", "Energy of one inference with every weight (backbone and "
                + "branches) as INT8 in SRAM on the digital unit / LoRA-on-hybrid.");
        d.put("accuracy", "Held-out accuracy with seeded read noise, INT8 branches, DAC/ADC quantisation. For "
                + "image: fraction of samples generated for (digit, owner) that the style classifier attributes to "
                + "that owner.");
        d.put("miaAuc", "Loss-threshold membership inference: AUC separating the forgotten training records "
                + "(members) from held-out records of the same class (non-members) by loss; 0.5 = no signal.");
        d.put("reference", "Retrain from scratch: a fresh chip, the backbone and branches trained from the same "
                + "seeds on the data without the forgotten class.");
        d.put("chance", "1 / number of model outputs (classes or style owners).");
        return d;
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report", e);
        }
    }

    /** Human-readable text. */
    public String toText() {
        StringBuilder t = new StringBuilder();
        line(t, "Lethe sim report: task %s, preset %s (%s)", task, preset, settings);
        line(t, "Cost figures from %s (every figure cited or labelled ASSUMPTION)", assumptionsFile);
        line(t, "");
        line(t, "Accuracy: backbone %.1f%%, new data before adapt %.1f%%, after adapt %.1f%%, all classes %.1f%%",
                100 * backboneAccuracy, 100 * newDataAccuracyBeforeAdapt, 100 * newDataAccuracy, 100 * originalAccuracy);
        line(t, "");
        line(t, "%-11s %-8s %-16s %9s %9s %9s %9s %9s %7s %7s %9s %9s", "forget", "class", "method", "retained",
                "forgotten", "ref-ret", "ref-forg", "chance", "MIA", "refMIA", "time(ms)", "ref(ms)");
        for (ForgetOutcome f : forgets) {
            line(t, "%-11s %-8s %-16s %4.1f>%4.1f %4.1f>%4.1f %9.1f %9.1f %9.1f %7.3f %7.3f %9d %9d", f.mode(),
                    f.forgottenClass(), f.method(), 100 * f.retainedAccuracyBefore(), 100 * f.retainedAccuracyAfter(),
                    100 * f.forgottenAccuracyBefore(), 100 * f.forgottenAccuracyAfter(),
                    100 * f.referenceRetainedAccuracy(), 100 * f.referenceForgottenAccuracy(), 100 * f.chance(),
                    f.miaAuc(), f.referenceMiaAuc(), f.unlearnWallMillis(), f.referenceWallMillis());
        }
        line(t, "");
        line(t, "%-28s %14s %14s %10s %10s", "ratio (baseline / hybrid)", "baseline", "LoRA-hybrid", "ours", "paper");
        line(t, "%-28s %12.3e J %12.3e J %9.2fx %9.2fx", "training cost", costs.baselineTrainingEnergyJoules(),
                costs.loraTrainingEnergyJoules(), trainingCostRatio, paper.trainingCostReduction());
        line(t, "%-28s %12.3e J %12.3e J %9.2fx %10s", "  of which weight writes", costs.baselineWeightWriteEnergyJoules(),
                costs.loraWeightWriteEnergyJoules(), costs.weightWriteEnergyRatio(), "-");
        line(t, "%-28s %12.3e J %12.3e J %9.2fx %9.2fx", "deployment overhead", costs.baselineDeploymentEnergyJoules(),
                costs.loraDeploymentEnergyJoules(), deploymentOverheadRatio, paper.deploymentOverheadReduction());
        line(t, "%-28s %12.3e J %12.3e J %9.2fx %9.2fx", "inference energy / sample",
                costs.analogueUpdateInferenceEnergyJoules(), costs.hybridInferenceEnergyJoules(), inferenceEnergyRatio,
                paper.inferenceEnergyReduction());
        line(t, "%-28s %12.3e J %12.3e J %9.2fx %10s", "  vs all-digital inference", costs.allDigitalInferenceEnergyJoules(),
                costs.hybridInferenceEnergyJoules(), costs.inferenceEnergyRatioVsAllDigital(), "-");
        line(t, "Training energy by operation (baseline | LoRA-hybrid):");
        for (String op : costs.baselineTrainingEnergyByOperation().keySet()) {
            line(t, "  %-16s %12.3e J | %12.3e J", op, costs.baselineTrainingEnergyByOperation().get(op),
                    costs.loraTrainingEnergyByOperation().getOrDefault(op, 0.0));
        }
        line(t, "Deployment latency (serial): baseline %.3e s, LoRA %.3e s, ratio %.1fx",
                costs.baselineDeploymentLatencySeconds(), costs.loraDeploymentLatencySeconds(),
                costs.deploymentLatencyRatio());
        line(t, "Backbone programming: %d tiles, %d cells, %d pulses (%.1f per cell), %d cells not converged",
                costs.backboneTiles(), costs.backboneCells(), costs.backboneProgrammingPulses(),
                costs.backboneMeanPulsesPerCell(), costs.backboneNonConvergedCells());
        line(t, "");
        definitions.forEach((k, v) -> line(t, "%s: %s", k, v));
        line(t, "");
        doneWhen.forEach((k, v) -> line(t, "[%s] %s", v ? "ok" : "MISS", k));
        line(t, "Wall time %.1f s", wallMillis / 1000.0);
        return t.toString();
    }

    private static void line(StringBuilder t, String format, Object... args) {
        t.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

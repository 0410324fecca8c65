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
 * @param challenge the unlearning challenge's score of the APPROXIMATE forget, or null when not asked for
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
                        CostFigures costs, ChallengeOutcome challenge, PaperFigures paper,
                        Map<String, String> definitions,
                        Map<String, Boolean> doneWhen, long wallMillis) {

    /** How every ratio and metric is defined. */
    public static final Map<String, String> DEFINITIONS = buildDefinitions();

    private static Map<String, String> buildDefinitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("trainingCostRatio", "Energy of one training job, baseline / LoRA-on-hybrid, for the task's unlearning "
                + "job (the APPROXIMATE forget) with the same records, objective, epochs, batches and seed on both "
                + "sides. Baseline: in-situ training of every adapted backbone weight and bias on the array: "
                + "analogue forward MVMs and transposed reads for backpropagation, digital MACs for every weight "
                + "gradient, optimiser state traffic for every weight (Adam moments and fp32 master weight in SRAM), "
                + "and after every optimiser step write-verify of the cells whose target moved by more than half "
                + "the tolerance (pulses, drivers, verify reads). Hybrid: the backbone frozen in the array (the same "
                + "analogue forward and transposed reads), the LoRA branch's forward and backward MACs in the "
                + "digital unit, its optimiser state in SRAM and its INT8 image rewritten in SRAM after every step. "
                + "costs.training also gives the trainable-parameter ratio and the MAC ratio (analogue cell MACs + "
                + "digital MACs; and digital MACs alone).");
        d.put("weightWriteEnergyRatio", "The weight-writing part of training only: baseline SET/RESET pulses, their "
                + "drivers and verify reads / LoRA INT8 rewrites of the branch in SRAM.");
        d.put("deploymentOverheadRatio", "Energy to deploy the update onto a chip that holds the original model: "
                + "baseline = write-verify of every cell whose target moved (pulses with write-driver energy, verify "
                + "reads), starting from the original conductances; hybrid = writing the branch's INT8 image into "
                + "SRAM. costs.deployment.fullReprogramRatio is the variant where every cell is RESET and written "
                + "again.");
        d.put("inferenceEnergyRatio", "Energy of one inference of one sample (image: one denoising step), the same "
                + "model (LoRA merged into the weights, new-class heads kept) executed all-digital on the preset's "
                + "digital unit (one INT8 MAC and one SRAM byte read per weight) / LoRA-on-hybrid (analogue backbone "
                + "MVMs: DAC, cells, lines, integrators, ADC; digital branches: INT8 MACs and SRAM reads). Both "
                + "sides also move every layer's INT8 input and output vector through SRAM.");
        d.put("loraOverheadVsAnalogueOnly", "Hybrid inference energy / the analogue backbone alone with every "
                + "branch dropped: what the digital branches add. An overhead (at least 1 by construction), not a "
                + "reduction; the analogue-only model is not the same model.");
        d.put("branchWeightFraction", "Attached branch parameters / backbone weights (f): training, deployment and "
                + "inference ratios all scale roughly with 1/f.");
        d.put("accuracy", "Held-out accuracy with seeded read noise, INT8 branches, DAC/ADC quantisation. For "
                + "image: fraction of samples generated for (digit, owner) that the style classifier attributes to "
                + "that owner.");
        d.put("miaAuc", "Loss-threshold membership inference: AUC separating the forgotten training records "
                + "(members) from held-out records of the same class (non-members) by loss; 0.5 = no signal. "
                + "forgets[].mia gives it with a percentile-bootstrap 95 % interval (members and non-members "
                + "resampled separately, 2000 times, seeded) and the record counts; with a handful of records the "
                + "interval is wide and the AUC alone means little.");
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
        for (ForgetOutcome f : forgets) {
            line(t, "%-11s MIA AUC %.3f [95%% CI %.3f-%.3f] on %d members / %d non-members; reference %.3f "
                    + "[%.3f-%.3f]", f.mode(), f.mia().auc(), f.mia().ciLow(), f.mia().ciHigh(), f.mia().members(),
                    f.mia().nonMembers(), f.referenceMia().auc(), f.referenceMia().ciLow(), f.referenceMia().ciHigh());
        }
        line(t, "%-11s %-8s %-16s %9s %9s %9s %9s %9s %7s %7s %9s %9s", "forget", "class", "method", "retained",
                "forgotten", "ref-ret", "ref-forg", "chance", "MIA", "refMIA", "time(ms)", "ref(ms)");
        for (ForgetOutcome f : forgets) {
            line(t, "%-11s %-8s %-16s %4.1f>%4.1f %4.1f>%4.1f %9.1f %9.1f %9.1f %7.3f %7.3f %9d %9d", f.mode(),
                    f.forgottenClass(), f.method(), 100 * f.retainedAccuracyBefore(), 100 * f.retainedAccuracyAfter(),
                    100 * f.forgottenAccuracyBefore(), 100 * f.forgottenAccuracyAfter(),
                    100 * f.referenceRetainedAccuracy(), 100 * f.referenceForgottenAccuracy(), 100 * f.chance(),
                    f.miaAuc(), f.referenceMiaAuc(), f.unlearnWallMillis(), f.referenceWallMillis());
        }
        if (challenge != null) {
            line(t, "Unlearning challenge score of APPROXIMATE (%d unlearned vs %d retrained models, %d records): "
                            + "forget score %.3f (retraining itself %.3f), final %.3f; epsilon median %.2f, max %.2f, "
                            + "%.0f%% at the cap; scored below %.0f", challenge.models(), challenge.models(),
                    challenge.forgetRecords(), challenge.forgetScore(), challenge.oracleForgetScore(),
                    challenge.finalScore(), challenge.epsilonMedian(), challenge.epsilonMax(),
                    100 * challenge.epsilonAtCap(), challenge.scoredUpTo());
        }
        line(t, "");
        costLines(t);
        line(t, "");
        definitions.forEach((k, v) -> line(t, "%s: %s", k, v));
        line(t, "");
        doneWhen.forEach((k, v) -> line(t, "[%s] %s", v ? "ok" : "MISS", k));
        line(t, "Wall time %.1f s", wallMillis / 1000.0);
        return t.toString();
    }

    private void costLines(StringBuilder t) {
        CostFigures.Training tr = costs.training();
        CostFigures.Deployment de = costs.deployment();
        CostFigures.Inference in = costs.inference();
        line(t, "Training job: %d records x %d epochs (%d optimiser steps), same data and seed on both sides",
                tr.samples(), tr.epochs(), tr.optimiserSteps());
        line(t, "%-30s %14s %14s %10s %10s", "ratio (baseline / hybrid)", "baseline", "LoRA-hybrid", "ours", "paper");
        line(t, "%-30s %12.3e J %12.3e J %9.2fx %9.2fx", "training cost", tr.baselineEnergyJoules(),
                tr.hybridEnergyJoules(), trainingCostRatio, paper.trainingCostReduction());
        line(t, "%-30s %14d %14d %9.2fx %10s", "  trainable parameters", tr.baselineTrainableParameters(),
                tr.hybridTrainableParameters(), tr.trainableParameterRatio(), "-");
        line(t, "%-30s %14d %14d %9.2fx %10s", "  MACs (analogue + digital)", tr.baselineMacs(), tr.hybridMacs(),
                tr.macRatio(), "-");
        line(t, "%-30s %14d %14d %9.2fx %10s", "  digital MACs", tr.baselineDigitalMacs(), tr.hybridDigitalMacs(),
                tr.digitalMacRatio(), "-");
        line(t, "%-30s %12.3e J %12.3e J %9.2fx %10s", "  of which weight writes", tr.baselineWeightWriteEnergyJoules(),
                tr.hybridWeightWriteEnergyJoules(), tr.weightWriteEnergyRatio(), "-");
        line(t, "%-30s %12.3e J %12.3e J %10s %10s", "  of which optimiser state", tr.baselineOptimiserEnergyJoules(),
                tr.hybridOptimiserEnergyJoules(), "", "-");
        line(t, "%-30s %12.3e J %12.3e J %9.2fx %9.2fx", "deployment (changed cells)", de.changedCellsEnergyJoules(),
                de.hybridEnergyJoules(), deploymentOverheadRatio, paper.deploymentOverheadReduction());
        line(t, "%-30s %12.3e J %12.3e J %9.2fx %10s", "  full reprogram variant", de.fullReprogramEnergyJoules(),
                de.hybridEnergyJoules(), de.fullReprogramRatio(), "-");
        line(t, "%-30s %12.3e J %12.3e J %9.2fx %9.2fx", "inference / sample vs digital", in.allDigitalEnergyJoules(),
                in.hybridEnergyJoules(), inferenceEnergyRatio, paper.inferenceEnergyReduction());
        line(t, "LoRA overhead vs analogue-only inference (hybrid / analogue-only, not a reduction): %.2fx "
                + "(analogue-only %.3e J); branch weights / backbone weights f = %.3f",
                in.loraOverheadVsAnalogueOnly(), in.analogueOnlyEnergyJoules(), in.branchWeightFraction());
        line(t, "Training energy by operation (baseline | LoRA-hybrid):");
        for (String op : tr.baselineEnergyByOperation().keySet()) {
            line(t, "  %-22s %12.3e J | %12.3e J", op, tr.baselineEnergyByOperation().get(op),
                    tr.hybridEnergyByOperation().getOrDefault(op, 0.0));
        }
        line(t, "Deployment: %d cells changed, %d pulses (full reprogram %d pulses); latency (serial) baseline "
                + "%.3e s, LoRA %.3e s, ratio %.1fx", de.changedCells(), de.changedCellsPulses(),
                de.fullReprogramPulses(), de.changedCellsLatencySeconds(), de.hybridLatencySeconds(), de.latencyRatio());
        CostFigures.Backbone bb = costs.backbone();
        line(t, "Backbone programming: %d tiles, %d cells, %d pulses (%.1f per cell), %d cells not converged",
                bb.tiles(), bb.cells(), bb.pulses(), bb.meanPulsesPerCell(), bb.nonConvergedCells());
    }

    private static void line(StringBuilder t, String format, Object... args) {
        t.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

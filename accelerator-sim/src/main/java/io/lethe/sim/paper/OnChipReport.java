package io.lethe.sim.paper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lethe.sim.report.CostFigures;
import io.lethe.sim.report.MembershipInference;
import io.lethe.sim.report.PaperFigures;
import io.lethe.sim.report.SimReport;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lethe sim report --task face|speaker --arch paper}: a paper experiment on the paper's own model, trained
 * and forgotten on the simulated chip, with the three ratios under {@link SimReport#DEFINITIONS}.
 *
 * @param task face or speaker
 * @param model the architecture
 * @param preset the preset used
 * @param assumptionsFile the file holding every cost figure
 * @param settings data, sizes and schedules of this run
 * @param quality forgetting quality against the baseline and the retrain
 * @param exact EXACT forgetting of a group by retraining one shard's branch, against the whole model retrained
 *              (null for image: not built at the DiT)
 * @param backboneWeights weights programmed into the array
 * @param backbonePulses write-verify pulses of programming the backbone
 * @param training the training-cost figures of the unlearning job
 * @param deployment the deployment figures
 * @param inference the inference figures
 * @param unlearnWallMillis wall time of the LoRA unlearning
 * @param retrainWallMillis wall time of the retrain from scratch (float training and programming a fresh chip)
 * @param unlearnEnergyJoules simulated energy of the LoRA unlearning and its deployment into SRAM
 * @param retrainEnergyJoules simulated energy of the retrain (host training and programming)
 * @param paper the paper's figures
 * @param wallMillis wall time of the whole run
 * @param generation the image task's sample-based figures (absent for face and speaker)
 */
public record OnChipReport(String task, String model, String preset, String assumptionsFile, String settings,
                           Quality quality, ExactOutcome exact,
                              long backboneWeights, long backbonePulses, CostFigures.Training training,
                              CostFigures.Deployment deployment, CostFigures.Inference inference,
                              long unlearnWallMillis, long retrainWallMillis, double unlearnEnergyJoules,
                              double retrainEnergyJoules, PaperFigures paper, long wallMillis,
                              @JsonInclude(JsonInclude.Include.NON_NULL) DitGeneration generation) {

    /**
     * Forgetting quality on the analogue chip (seeded read noise).
     *
     * @param forgottenSubject the subject forgotten
     * @param chance 1 / outputs
     * @param retainedBefore held-out accuracy on the other subjects, backbone
     * @param retainedAfter the same with the unlearning branch
     * @param forgottenBefore held-out accuracy on the forgotten subject, backbone
     * @param forgottenAfter the same with the unlearning branch
     * @param baselineRetained the analogue-update baseline after the same job, other subjects
     * @param baselineForgotten the baseline, forgotten subject
     * @param referenceRetained retrain from scratch without the subject, other subjects
     * @param referenceForgotten the retrain, forgotten subject
     * @param mia loss-threshold MIA, the forgotten subject's training images vs its held-out ones, after
     * @param miaBefore the same on the backbone
     * @param referenceMia the same on the retrain
     */
    public record Quality(String forgottenSubject, double chance, double retainedBefore, double retainedAfter,
                          double forgottenBefore, double forgottenAfter, double baselineRetained,
                          double baselineForgotten, double referenceRetained, double referenceForgotten,
                          MembershipInference.Estimate mia, MembershipInference.Estimate miaBefore,
                          MembershipInference.Estimate referenceMia) {
    }

    /** The definitions every ratio follows (the same as the CI-size report's). */
    @JsonProperty
    public Map<String, String> definitions() {
        return SimReport.DEFINITIONS;
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
        Quality q = quality;
        line(t, "Lethe sim report: task %s on the paper's %s, preset %s", task, model, preset);
        line(t, "%s", settings);
        line(t, "Cost figures from %s; definitions as in `lethe sim report --task face --json`", assumptionsFile);
        line(t, "");
        line(t, "Forget %s (chance %.1f%%): retained %.1f%% -> %.1f%%, forgotten %.1f%% -> %.1f%%", q.forgottenSubject(),
                100 * q.chance(), 100 * q.retainedBefore(), 100 * q.retainedAfter(), 100 * q.forgottenBefore(),
                100 * q.forgottenAfter());
        line(t, "  analogue-update baseline after the same job: retained %.1f%%, forgotten %.1f%%",
                100 * q.baselineRetained(), 100 * q.baselineForgotten());
        line(t, "  retrain from scratch: retained %.1f%%, forgotten %.1f%%", 100 * q.referenceRetained(),
                100 * q.referenceForgotten());
        line(t, "  MIA AUC %.3f [95%% CI %.3f-%.3f] on %d/%d records; before %.3f; retrain %.3f [%.3f-%.3f]",
                q.mia().auc(), q.mia().ciLow(), q.mia().ciHigh(), q.mia().members(), q.mia().nonMembers(),
                q.miaBefore().auc(), q.referenceMia().auc(), q.referenceMia().ciLow(), q.referenceMia().ciHigh());
        line(t, "  unlearning %d ms, %.3e J; retrain %d ms, %.3e J", unlearnWallMillis, unlearnEnergyJoules,
                retrainWallMillis, retrainEnergyJoules);
        if (generation != null) {
            generationText(t, generation);
        }
        ExactOutcome e = exact;
        line(t, "");
        if (e == null) {
            line(t, "EXACT (SISA over LoRA branches): not built for this architecture");
        } else {
            exactText(t, e);
        }
        costText(t);
        return t.toString();
    }

    private static void generationText(StringBuilder t, DitGeneration g) {
        line(t, "  samples: %d per style condition, %d DDIM steps, judged by a style classifier", g.samplesPerCondition(),
                g.samplingSteps());
        line(t, "  forgotten style %s judged %s: backbone %.1f%% -> LoRA %.1f%% (baseline %.1f%%, retrain %.1f%%, after "
                        + "continual learning %.1f%%)", g.forgottenStyle(), g.forgottenStyle(), 100 * g.forgottenBefore(),
                100 * g.forgottenAfter(), 100 * g.forgottenBaseline(), 100 * g.forgottenReference(),
                100 * g.forgottenAfterContinual());
        line(t, "  retained styles judged their own: %.1f%% -> %.1f%% (baseline %.1f%%, retrain %.1f%%, after continual "
                        + "learning %.1f%%)", 100 * g.retainedBefore(), 100 * g.retainedAfter(), 100 * g.retainedBaseline(),
                100 * g.retainedReference(), 100 * g.retainedAfterContinual());
        line(t, "  continual learning adds %s: judged %s %.1f%% -> %.1f%% (%d ms)", g.newStyle(), g.newStyle(),
                100 * g.newStyleBefore(), 100 * g.newStyleAfter(), g.continualWallMillis());
    }

    private static void exactText(StringBuilder t, ExactOutcome e) {
        line(t, "EXACT forget %s (shard %d of %d retrained on %d of its %d samples; chance %.1f%%):", e.forgottenGroup(),
                e.retrainedShard() + 1, e.shards(), e.shardSamplesAfter(), e.shardSamplesBefore(), 100 * e.chance());
        line(t, "  retained %.1f%% -> %.1f%% (retrain %.1f%%), forgotten %.1f%% -> %.1f%% (retrain %.1f%%)",
                100 * e.retainedBefore(), 100 * e.retainedAfter(), 100 * e.referenceRetained(),
                100 * e.forgottenBefore(), 100 * e.forgottenAfter(), 100 * e.referenceForgotten());
        line(t, "  MIA AUC %.3f [95%% CI %.3f-%.3f] on %d/%d records; before %.3f; retrain %.3f [%.3f-%.3f]",
                e.mia().auc(), e.mia().ciLow(), e.mia().ciHigh(), e.mia().members(), e.mia().nonMembers(),
                e.miaBefore().auc(), e.referenceMia().auc(), e.referenceMia().ciLow(), e.referenceMia().ciHigh());
        line(t, "  EXACT %d ms, %.3e J; retrain from scratch %d ms, %.3e J: %.1fx less wall, %.1fx less energy",
                e.exactWallMillis(), e.exactEnergyJoules(), e.retrainWallMillis(), e.retrainEnergyJoules(),
                e.wallRatio(), e.energyRatio());
        for (ExactOutcome.Part part : e.retrainParts()) {
            line(t, "    retrain part: %-50s %8d ms %12.3e J", part.name(), part.wallMillis(), part.energyJoules());
        }
        line(t, "  retrained branch bit-identical to the retrain's: %s; other branches unchanged: %s",
                e.branchBitIdenticalToRetrain(), e.otherBranchesUnchanged());
    }

    private void costText(StringBuilder t) {
        line(t, "");
        line(t, "Training job: %d samples x %d epochs (%d steps)", training.samples(), training.epochs(),
                training.optimiserSteps());
        line(t, "%-30s %14s %14s %10s %10s", "ratio (baseline / hybrid)", "baseline", "LoRA-hybrid", "ours", "paper");
        line(t, "%-30s %12.3e J %12.3e J %9.2fx %9.2fx", "training cost", training.baselineEnergyJoules(),
                training.hybridEnergyJoules(), training.energyRatio(), paper.trainingCostReduction());
        line(t, "%-30s %14d %14d %9.2fx", "  trainable parameters", training.baselineTrainableParameters(),
                training.hybridTrainableParameters(), training.trainableParameterRatio());
        line(t, "%-30s %14d %14d %9.2fx", "  MACs (analogue + digital)", training.baselineMacs(),
                training.hybridMacs(), training.macRatio());
        line(t, "%-30s %14d %14d %9.2fx", "  digital MACs", training.baselineDigitalMacs(),
                training.hybridDigitalMacs(), training.digitalMacRatio());
        line(t, "%-30s %12.3e J %12.3e J %9.2fx %9.2fx", "deployment (changed cells)",
                deployment.changedCellsEnergyJoules(), deployment.hybridEnergyJoules(), deployment.energyRatio(),
                paper.deploymentOverheadReduction());
        line(t, "%-30s %12.3e J %12.3e J %9.2fx", "  full reprogram variant", deployment.fullReprogramEnergyJoules(),
                deployment.hybridEnergyJoules(), deployment.fullReprogramRatio());
        line(t, "%-30s %12.3e J %12.3e J %9.2fx %9.2fx", "inference / sample vs digital",
                inference.allDigitalEnergyJoules(), inference.hybridEnergyJoules(), inference.energyRatio(),
                paper.inferenceEnergyReduction());
        line(t, "LoRA overhead vs analogue-only (not a reduction) %.2fx; f = %.3f", inference.loraOverheadVsAnalogueOnly(),
                inference.branchWeightFraction());
        line(t, "Wall time %.1f s", wallMillis / 1000.0);
    }

    private static void line(StringBuilder t, String format, Object... args) {
        t.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

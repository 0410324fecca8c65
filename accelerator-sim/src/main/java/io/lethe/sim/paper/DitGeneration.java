package io.lethe.sim.paper;

/**
 * How the image task's forgetting and continual learning are measured: a style classifier (host float, trained
 * once, deterministic: {@code ImageTask}'s judge, on optdigits test rows 1000+ rendered in every style) labels
 * images the generator samples on the analogue chip. Fractions are of {@code samplesPerCondition} samples per
 * condition (digits 0-9 in turn).
 *
 * @param definition what the fractions are
 * @param samplesPerCondition samples generated per style condition
 * @param samplingSteps DDIM steps per sample
 * @param forgottenStyle the style owner forgotten
 * @param newStyle the style added by continual learning
 * @param forgottenBefore fraction of samples conditioned on the forgotten style judged that style: backbone
 * @param forgottenAfter the same after the unlearning branch
 * @param forgottenBaseline the same after the analogue-update baseline of the same job
 * @param forgottenReference the same for the retrain from scratch without the style
 * @param forgottenAfterContinual the same after the continual-learning branch was added beside the unlearning one
 * @param retainedBefore mean over the retained styles of the fraction judged their own style: backbone
 * @param retainedAfter the same after the unlearning branch
 * @param retainedBaseline the same for the baseline
 * @param retainedReference the same for the retrain
 * @param retainedAfterContinual the same after continual learning
 * @param newStyleBefore fraction of samples conditioned on the new style judged that style, before continual learning
 * @param newStyleAfter the same after it
 * @param continualWallMillis wall time of training the continual-learning branch
 */
public record DitGeneration(String definition, int samplesPerCondition, int samplingSteps, String forgottenStyle,
                            String newStyle, double forgottenBefore, double forgottenAfter, double forgottenBaseline,
                            double forgottenReference, double forgottenAfterContinual, double retainedBefore,
                            double retainedAfter, double retainedBaseline, double retainedReference,
                            double retainedAfterContinual, double newStyleBefore, double newStyleAfter,
                            long continualWallMillis) {

    static final String DEFINITION = "generated samples judged by a style classifier (host float MLP on optdigits "
            + "test rows 1000+ rendered in all 5 styles, never seen by the generator); forgotten* = fraction of "
            + "samples conditioned on the forgotten style judged that style (chance 0.2); retained* = mean over the "
            + "retained styles of the fraction judged their own style; newStyle* = the same for the style continual "
            + "learning adds. quality.*Before/After/baseline/reference in this report carry the same fractions, and "
            + "quality.mia is the loss-threshold MIA on the noise-prediction loss (forgotten style's training records "
            + "vs its held-out ones, fixed seeded timestep and noise per record)";
}

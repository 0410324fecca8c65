package io.lethe.sim.model;

import java.util.Map;

/**
 * Accuracy of the deployed model on a record set.
 *
 * @param records records evaluated
 * @param accuracy CLASSIFY: fraction predicted correctly (records of unknown classes count as wrong);
 *                 DENOISE: fraction of samples generated for the record's (digit, owner) that the style
 *                 classifier attributes to that owner
 * @param lossByRecord per-record loss (cross-entropy, or denoising MSE at fixed seeded noise), for
 *                     membership inference
 * @param confidenceByRecord per-record confidence, for the unlearning challenge's forget score: CLASSIFY the
 *                           logit-scaled confidence {@code ln p(label) - ln(1 - p(label))} (LiRA's, with the other
 *                           classes' probabilities summed); DENOISE the negative denoising MSE
 */
public record Evaluation(int records, double accuracy, Map<String, Double> lossByRecord,
                         Map<String, Double> confidenceByRecord) {
}

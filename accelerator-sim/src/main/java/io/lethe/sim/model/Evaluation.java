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
 */
public record Evaluation(int records, double accuracy, Map<String, Double> lossByRecord) {
}

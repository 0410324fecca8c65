package io.lethe.sim.workload;

/** What a task's network is trained to do. */
public enum Objective {
    /** Predict the record's label (face subject, speaker). */
    CLASSIFY,
    /** Conditional denoising generator: reconstruct a clean image from a noisy one, given digit and style owner. */
    DENOISE
}

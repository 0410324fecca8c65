package io.lethe.api.jobs;

/** The parts of a model version. */
public enum ComponentKind {
    /** The frozen backbone in the analogue arrays. */
    BACKBONE,
    /** A LoRA branch in SRAM trained on its slice. */
    BRANCH,
    /** A LoRA branch in SRAM trained to suppress a forget set (APPROXIMATE). */
    UNLEARNING_BRANCH
}

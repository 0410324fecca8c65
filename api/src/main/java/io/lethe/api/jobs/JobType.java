package io.lethe.api.jobs;

/** What a worker is asked to do. */
public enum JobType {
    /** Train the backbone off-chip and program it into the analogue tiles (write-verify). */
    TRAIN_BACKBONE,
    /** Train one LoRA branch per slice, backbone frozen. */
    LEARN,
    /** Continual learning: one new branch, growing the output layer for new classes. */
    ADAPT,
    /** Remove records' influence: EXACT slice retraining, APPROXIMATE unlearning branch, or REBASE. */
    FORGET,
    /** Make a completed version the one on the device: swap branches in SRAM. */
    DEPLOY
}

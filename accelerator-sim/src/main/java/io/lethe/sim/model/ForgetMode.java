package io.lethe.sim.model;

/** The guarantee level of a forget (DESIGN.md §2). */
public enum ForgetMode {
    /** Retrain only the branches whose slice holds the records (and branches trained on top of them). */
    EXACT,
    /** Train an unlearning branch with the paper's objective; the backbone keeps the records. */
    APPROXIMATE,
    /** Retrain the backbone without the records and reprogram it through write-verify. */
    REBASE
}

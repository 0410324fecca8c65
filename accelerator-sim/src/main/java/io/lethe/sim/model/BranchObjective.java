package io.lethe.sim.model;

/** What a branch is trained for. */
public enum BranchObjective {
    /** Plain learning on its slice (continual learning / adaptation). */
    LEARN,
    /** Paper (face): weighted cross-entropy, weight -0.5 on the forget records, 1 elsewhere. */
    WEIGHTED_ASCENT,
    /** Paper (speaker): each forget record gets a random label from the other classes. */
    RANDOM_RELABEL,
    /** Paper (image, "CG"): forget records' regression targets replaced by uniform noise. */
    RANDOM_TARGET
}

package io.lethe.sim.report;

/**
 * The seed paper's headline figures (arXiv 2601.10037 / MrLinNing/RMAdaptiveMachine README, 180 nm
 * 128x128 1T1R macro), reductions against a baseline that updates analogue weights. The paper's exact
 * definitions are not public (see shared/research/paper-and-simulators.md §1.7).
 */
public record PaperFigures(double trainingCostReduction, double deploymentOverheadReduction,
                           double inferenceEnergyReduction, String source) {

    public static final PaperFigures SEED_PAPER = new PaperFigures(147.76, 387.95, 48.44,
            "Lin et al., arXiv 2601.10037 (code: github.com/MrLinNing/RMAdaptiveMachine); definitions not published");
}

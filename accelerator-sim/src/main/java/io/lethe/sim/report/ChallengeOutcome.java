package io.lethe.sim.report;

/**
 * The NeurIPS 2023 Machine Unlearning Challenge's score of the APPROXIMATE forget ({@link ChallengeForgetScore}),
 * from {@code models} unlearned and {@code models} retrained models: {@code lethe sim report --challenge-models N}.
 *
 * @param definition what was run and measured
 * @param models models on each side
 * @param forgetRecords forget-set examples scored
 * @param forgetScore F, in [0, 1]; 1 = no rule tells the two populations apart on any example
 * @param oracleForgetScore F of {@code models} further retrains (other seeds) against the same retrains: what
 *                          retraining itself scores at this number of models, the ceiling to read F against
 * @param finalScore F x retainAccuracyUnlearned / retainAccuracyRetrained x testAccuracyUnlearned / testAccuracyRetrained
 * @param retainAccuracyUnlearned mean over the unlearned models of the accuracy on the retained training records
 * @param retainAccuracyRetrained the same over the retrained models
 * @param testAccuracyUnlearned mean over the unlearned models of the held-out accuracy on the retained classes
 * @param testAccuracyRetrained the same over the retrained models
 * @param epsilonMedian median of the forget set's epsilons
 * @param epsilonMax largest of them
 * @param epsilonAtCap fraction of the forget set at the cap (50)
 * @param scoredUpTo epsilon from which an example earns nothing, ceil(ln(models - 1))
 * @param wallMillis wall time of the 3 x models runs
 */
public record ChallengeOutcome(String definition, int models, int forgetRecords, double forgetScore,
                               double oracleForgetScore, double finalScore, double retainAccuracyUnlearned, double retainAccuracyRetrained,
                               double testAccuracyUnlearned, double testAccuracyRetrained, double epsilonMedian,
                               double epsilonMax, double epsilonAtCap, double scoredUpTo, long wallMillis) {

    static final String DEFINITION = "NeurIPS 2023 Machine Unlearning Challenge score (google-deepmind/"
            + "unlearning_evaluation metric.py, reimplemented): the APPROXIMATE forget run N times on the original "
            + "model with N unlearning seeds, against N retrains from scratch without the forgotten class with N "
            + "backbone and adapt seeds, each programmed onto a chip with the original's device variation (write-verify "
            + "noise drawn anew); per forgotten training record the "
            + "confidence under each model (classify: ln p(label) - ln of the other classes' probability; image: "
            + "the negative denoising MSE), then per record the largest epsilon over single- and double-threshold "
            + "rules telling unlearned from retrained (delta 1e-5, cap 50), bucketed by 0.5 up to ceil(ln(N - 1)) "
            + "at 1, 1/2, 1/4, ... points; forgetScore = mean points; finalScore = forgetScore x retain-accuracy "
            + "ratio x test-accuracy ratio (unlearned / retrained means); oracleForgetScore = the forget score of N "
            + "more retrains (other seeds) against the same N, what retraining itself scores. The challenge used 512 "
            + "models a side; with fewer, epsilon is biased upwards even between two sets of retrains and its scale is "
            + "coarser, so read forgetScore against oracleForgetScore at the same N.";
}

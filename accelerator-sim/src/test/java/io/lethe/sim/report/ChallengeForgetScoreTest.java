package io.lethe.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.sim.random.SeededRandom;
import org.junit.jupiter.api.Test;

/** The challenge's forget score on populations whose answer is known. */
class ChallengeForgetScoreTest {

    @Test
    void bucketsAreHalfUnitsUpToTheLogOfTheModelCount() {
        // 16 models a side: ceil(ln 15) = 3, so six buckets worth 1, 1/2, ..., 1/32, and nothing from 3 on.
        assertThat(ChallengeForgetScore.points(0.0, 16)).isEqualTo(1.0);
        assertThat(ChallengeForgetScore.points(0.49, 16)).isEqualTo(1.0);
        assertThat(ChallengeForgetScore.points(0.5, 16)).isEqualTo(0.5);
        assertThat(ChallengeForgetScore.points(2.9, 16)).isEqualTo(1.0 / 32);
        assertThat(ChallengeForgetScore.points(3.0, 16)).isZero();
        assertThat(ChallengeForgetScore.points(ChallengeForgetScore.EPSILON_CAP, 512)).isZero();
    }

    @Test
    void givesTheChallengeCodesFiguresOnASeededCase() {
        // Pinned: the same inputs through a numpy port of metric.py (its torch calls replaced one for one) gave
        // these epsilons and F, to the last digit, when this class was written; so did three other seeded cases.
        double[][] unlearned = new double[16][6];
        double[][] retrained = new double[16][6];
        SeededRandom rng = new SeededRandom(1);
        for (int m = 0; m < 16; m++) {
            for (int e = 0; e < 6; e++) {
                unlearned[m][e] = rng.nextGaussian() * (1 + 0.3 * e);
                retrained[m][e] = rng.nextGaussian();
            }
        }
        assertThat(ChallengeForgetScore.epsilons(unlearned, retrained)).containsExactly(
                new double[] {1.0985589539125038, 1.3862543603198694, 1.9458872916512278, 2.0794215414798334,
                        2.397880727238039, 2.708039534378654}, within(1e-12));
        assertThat(ChallengeForgetScore.forgetScore(unlearned, retrained)).isCloseTo(0.13020833333333334, within(1e-15));
    }

    @Test
    void theScoreFallsAsThePopulationsMoveApartAndASeparatedOneScoresNothing() {
        // Even two draws of one distribution leave some apparent gap for the best of 160,000 rules: epsilon is
        // biased upwards at small model counts (the challenge used 512 a side), so only the order is asserted.
        double[][] retrained = gaussians(64, 20, 0.0, new SeededRandom(2));
        double same = ChallengeForgetScore.forgetScore(gaussians(64, 20, 0.0, new SeededRandom(1)), retrained);
        double shifted = ChallengeForgetScore.forgetScore(gaussians(64, 20, 1.0, new SeededRandom(1)), retrained);
        double apart = ChallengeForgetScore.forgetScore(gaussians(64, 20, 20.0, new SeededRandom(1)), retrained);
        assertThat(same).isGreaterThan(shifted);
        assertThat(shifted).isGreaterThan(apart);
        assertThat(apart).as("every example perfectly separated: infinity, capped, worth nothing").isZero();
        assertThat(ChallengeForgetScore.epsilons(gaussians(64, 3, 20.0, new SeededRandom(1)), retrained))
                .containsOnly(ChallengeForgetScore.EPSILON_CAP);
        for (double e : ChallengeForgetScore.epsilons(gaussians(64, 20, 0.0, new SeededRandom(1)), retrained)) {
            assertThat(e).isBetween(0.0, 5.0);
        }
    }

    @Test
    void anUnlearnedPopulationFarPeakierThanRetrainingGetsTheCap() {
        double[][] retrained = gaussians(16, 1, 0.0, new SeededRandom(3));
        double[][] unlearned = new double[16][1];
        for (int m = 0; m < 16; m++) {
            unlearned[m][0] = 1e-4 * m;
        }
        assertThat(ChallengeForgetScore.epsilons(unlearned, retrained)).containsExactly(ChallengeForgetScore.EPSILON_CAP);
    }

    @Test
    void constantPopulationsAreIndistinguishableWhenEqualAndCappedWhenNot() {
        double[][] a = new double[8][1];
        double[][] b = new double[8][1];
        assertThat(ChallengeForgetScore.epsilons(a, b)).containsExactly(0.0);
        for (double[] row : b) {
            row[0] = 3;
        }
        assertThat(ChallengeForgetScore.epsilons(a, b)).containsExactly(ChallengeForgetScore.EPSILON_CAP);
    }

    @Test
    void overlappingPopulationsGetTheEpsilonOfTheirBestRule() {
        // Retrained at 0..7, unlearned at 4..11, eight models a side. No rule errs on only one of eight on each side
        // (the four shared values 4-7 are on both); the best ones err on 1 of one side and 3 of the other, e.g.
        // "unlearned if at least 7": FNR 3/8 (4, 5, 6), FPR 1/8 (7), epsilon = ln(1 - delta - 3/8) - ln(1/8).
        double[][] retrained = new double[8][1];
        double[][] unlearned = new double[8][1];
        for (int m = 0; m < 8; m++) {
            retrained[m][0] = m;
            unlearned[m][0] = m + 4;
        }
        double expected = Math.log(1 - ChallengeForgetScore.DELTA - 3.0 / 8) - Math.log(1.0 / 8);
        assertThat(ChallengeForgetScore.epsilons(unlearned, retrained)[0]).isCloseTo(expected, within(1e-12));
        assertThat(ChallengeForgetScore.median(new double[] {3, 1, 2, 10})).isEqualTo(2.5);
    }

    private static double[][] gaussians(int models, int examples, double mean, SeededRandom rng) {
        double[][] m = new double[models][examples];
        for (double[] row : m) {
            for (int e = 0; e < examples; e++) {
                row[e] = mean + rng.nextGaussian();
            }
        }
        return m;
    }
}

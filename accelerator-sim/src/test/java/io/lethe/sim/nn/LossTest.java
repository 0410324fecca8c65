package io.lethe.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossTest {

    private static Samples samples(double weight) {
        return new Samples(Nd4j.zeros(1, 1), new int[] {0}, null, new double[] {weight});
    }

    @Test
    void negativeWeightAscendsTheForgetSampleLoss() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{2.0, 0.0, 0.0}});
        double descent = Loss.CROSS_ENTROPY.evaluate(logits, samples(1.0)).gradient().getDouble(0, 0);
        double ascent = Loss.CROSS_ENTROPY.evaluate(logits, samples(-0.5)).gradient().getDouble(0, 0);
        assertThat(descent).isNegative();
        assertThat(ascent).isPositive().isEqualTo(-0.5 * descent, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void ascentStopsOnceTheSampleIsBelowChance() {
        INDArray forgotten = Nd4j.createFromArray(new double[][] {{-3.0, 0.0, 0.0}});
        INDArray g = Loss.CROSS_ENTROPY.evaluate(forgotten, samples(-0.5)).gradient();
        assertThat(g.norm2Number().doubleValue()).isZero();
    }

    @Test
    void logitConfidenceIsTheLogOddsOfTheLabelAndKeepsItsPrecisionWhenConfident() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{2.0, 0.0, 0.0}, {40.0, 0.0, -5.0}, {0.0, 3.0, 0.0}});
        double[] c = Loss.logitConfidenceOf(Loss.softmax(logits), new int[] {0, 0, 0});
        // p = e^2 / (e^2 + 2), the others 2 / (e^2 + 2): ln(e^2 / 2).
        assertThat(c[0]).isCloseTo(2 - Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
        // 1 - p rounds to 0 here (about 4e-18 below 1); summing the others' probabilities keeps ln(e^40 / (1 + e^-5)).
        assertThat(c[1]).isCloseTo(40 - Math.log(1 + Math.exp(-5)), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c[2]).isCloseTo(-Math.log(1 + Math.exp(3)), org.assertj.core.data.Offset.offset(1e-12));
    }
}

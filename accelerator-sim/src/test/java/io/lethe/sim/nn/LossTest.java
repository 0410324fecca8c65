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
}

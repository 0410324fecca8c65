package io.lethe.sim.nn;

import io.lethe.sim.random.SeededRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Extra output units a branch adds for new classes, held digitally with the branch (so adapting to a
 * new class never reprograms the analogue array): {@code logits_new = h E + e}.
 */
final class HeadExtension {

    final INDArray e;
    final INDArray bias;

    HeadExtension(INDArray e, INDArray bias) {
        this.e = e;
        this.bias = bias;
    }

    static HeadExtension init(int inputs, int newClasses, SeededRandom rng) {
        return new HeadExtension(rng.gaussian(inputs, newClasses).muli(0.1 / Math.sqrt(inputs)),
                Nd4j.zeros(DataType.DOUBLE, 1, newClasses));
    }

    int classes() {
        return e.columns();
    }
}

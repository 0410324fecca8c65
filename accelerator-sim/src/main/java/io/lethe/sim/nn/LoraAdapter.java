package io.lethe.sim.nn;

import io.lethe.sim.random.SeededRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A LoRA pair on one layer in row-vector convention: {@code z += scaling * (h A) B}, A is inputs x rank,
 * B is rank x outputs. B starts at zero so a fresh branch changes nothing.
 */
final class LoraAdapter {

    final INDArray a;
    final INDArray b;
    final double scaling;

    LoraAdapter(INDArray a, INDArray b, double scaling) {
        this.a = a;
        this.b = b;
        this.scaling = scaling;
    }

    static LoraAdapter init(int inputs, int outputs, int rank, double alpha, SeededRandom rng) {
        INDArray a = rng.gaussian(inputs, rank).muli(1.0 / Math.sqrt(inputs));
        return new LoraAdapter(a, Nd4j.zeros(DataType.DOUBLE, rank, outputs), alpha / rank);
    }

    int rank() {
        return a.columns();
    }
}

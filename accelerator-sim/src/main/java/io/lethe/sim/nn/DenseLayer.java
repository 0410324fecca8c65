package io.lethe.sim.nn;

import io.lethe.sim.device.AnalogCrossbar;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One backbone layer: float master weights (inputs x outputs) as trained off-chip, a digital bias, and
 * once programmed, the crossbar that holds the weights as conductances.
 */
public final class DenseLayer {

    final INDArray weight;
    final INDArray bias;
    final Activation activation;
    AnalogCrossbar crossbar;

    DenseLayer(INDArray weight, INDArray bias, Activation activation) {
        this.weight = weight;
        this.bias = bias;
        this.activation = activation;
    }

    DenseLayer copy() {
        DenseLayer c = new DenseLayer(weight.dup(), bias.dup(), activation);
        c.crossbar = crossbar == null ? null : crossbar.copy();
        return c;
    }

    /** Takes over {@code other}'s cells (same shape), so reprogramming starts from their current state. */
    public void adoptCrossbar(DenseLayer other) {
        if (other.crossbar != null && other.inputs() == inputs() && other.outputs() == outputs()) {
            crossbar = other.crossbar;
        }
    }

    public int inputs() {
        return weight.rows();
    }

    public int outputs() {
        return weight.columns();
    }

    public INDArray weight() {
        return weight;
    }

    public INDArray bias() {
        return bias;
    }

    public AnalogCrossbar crossbar() {
        return crossbar;
    }
}

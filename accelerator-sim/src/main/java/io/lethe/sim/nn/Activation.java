package io.lethe.sim.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Element-wise activations used between layers (applied digitally after the ADC). */
public enum Activation {
    RELU, IDENTITY;

    INDArray apply(INDArray z) {
        return this == RELU ? Transforms.relu(z, true) : z.dup();
    }

    /** Multiplies {@code upstream} by the derivative at pre-activation {@code z}. */
    INDArray backprop(INDArray upstream, INDArray z) {
        return this == RELU ? upstream.mul(z.gt(0).castTo(DataType.DOUBLE)) : upstream;
    }
}

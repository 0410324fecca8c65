package io.lethe.sim.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-feature standardisation fitted on the backbone's training records only and frozen with the
 * backbone: a record that is only in a branch slice never influences it (which keeps EXACT forgetting exact).
 */
public final class FeatureNormalizer {

    private final INDArray mean;
    private final INDArray std;

    private FeatureNormalizer(INDArray mean, INDArray std) {
        this.mean = mean;
        this.std = std;
    }

    /** Fits mean and standard deviation (floored at 1e-3) column by column. */
    public static FeatureNormalizer fit(INDArray features) {
        INDArray mean = features.mean(true, 0);
        INDArray centered = features.subRowVector(mean);
        INDArray std = Transforms.sqrt(centered.muli(centered).mean(true, 0), false);
        return new FeatureNormalizer(mean, Transforms.max(std, 1e-3, false));
    }

    /** Identity normalisation. */
    public static FeatureNormalizer identity(int columns) {
        return new FeatureNormalizer(org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, columns),
                org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, columns));
    }

    public INDArray apply(INDArray features) {
        return features.subRowVector(mean).diviRowVector(std);
    }

    public INDArray mean() {
        return mean;
    }

    public INDArray std() {
        return std;
    }
}

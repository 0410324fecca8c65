package io.lethe.sim.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One epoch's worth of training examples.
 *
 * @param inputs one row per example
 * @param labels class index per example (classification), or null
 * @param targets regression target rows (denoising), or null
 * @param weights per-example loss weight (1 normally; negative for gradient-ascent forgetting)
 */
public record Samples(INDArray inputs, int[] labels, INDArray targets, double[] weights) {

    public int size() {
        return inputs.rows();
    }

    /** The examples at {@code rows}, in that order. */
    public Samples select(int[] rows) {
        int[] l = null;
        double[] w = new double[rows.length];
        if (labels != null) {
            l = new int[rows.length];
        }
        for (int i = 0; i < rows.length; i++) {
            w[i] = weights[rows[i]];
            if (l != null) {
                l[i] = labels[rows[i]];
            }
        }
        return new Samples(inputs.getRows(rows), l, targets == null ? null : targets.getRows(rows), w);
    }
}

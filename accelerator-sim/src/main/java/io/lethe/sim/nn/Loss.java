package io.lethe.sim.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Per-example-weighted losses and their gradients w.r.t. the network output. */
public enum Loss {
    /** Softmax cross-entropy on class labels. */
    CROSS_ENTROPY,
    /** Mean squared error on regression targets. */
    MSE;

    /** Value and gradient of one mini-batch. */
    public record Result(double value, INDArray gradient) {
    }

    /**
     * Computes the weighted mean loss. A negative weight (gradient ascent, the paper's forget objective)
     * is switched off for an example once its true-class probability is below chance, because ascent on a
     * sample that is already forgotten only inflates logits without bound.
     */
    public Result evaluate(INDArray output, Samples s) {
        return this == CROSS_ENTROPY ? crossEntropy(output, s) : mse(output, s);
    }

    private static Result crossEntropy(INDArray logits, Samples s) {
        int n = logits.rows();
        int classes = logits.columns();
        INDArray p = softmax(logits);
        INDArray grad = p.dup();
        double[] w = s.weights().clone();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double pTrue = p.getDouble(i, s.labels()[i]);
            if (w[i] < 0 && pTrue < 1.0 / classes) {
                w[i] = 0;
            }
            total += -w[i] * Math.log(Math.max(pTrue, 1e-12));
            grad.putScalar(i, s.labels()[i], p.getDouble(i, s.labels()[i]) - 1.0);
        }
        INDArray wv = Nd4j.createFromArray(w).reshape(n, 1).divi(n);
        return new Result(total / n, grad.muliColumnVector(wv));
    }

    private static Result mse(INDArray out, Samples s) {
        int n = out.rows();
        INDArray diff = out.sub(s.targets());
        INDArray wv = Nd4j.createFromArray(s.weights()).reshape(n, 1);
        double value = diff.mul(diff).muliColumnVector(wv).sumNumber().doubleValue() / (n * out.columns());
        return new Result(value, diff.muliColumnVector(wv).muli(2.0 / (n * out.columns())));
    }

    /** Row-wise softmax, stabilised by subtracting the row max. */
    public static INDArray softmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.rows(), 1));
        INDArray e = Transforms.exp(shifted, false);
        return e.diviColumnVector(e.sum(1).reshape(logits.rows(), 1));
    }

    /** Per-example cross-entropy (unweighted), for membership inference. */
    public static double[] perExampleCrossEntropy(INDArray logits, int[] labels) {
        return crossEntropyOf(softmax(logits), labels);
    }

    /** {@link #perExampleCrossEntropy} from the softmax {@code probabilities} already taken. */
    public static double[] crossEntropyOf(INDArray probabilities, int[] labels) {
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = -Math.log(Math.max(probabilities.getDouble(i, labels[i]), 1e-12));
        }
        return out;
    }

    /**
     * Per-example logit-scaled confidence {@code ln(p_label + 1e-45) - ln(p_others + 1e-45)} from the softmax
     * {@code probabilities}, the others' probabilities summed rather than taken as {@code 1 - p_label} so that a
     * confident example keeps its precision: LiRA's statistic, as the NeurIPS 2023 unlearning challenge's scorer
     * computes it from logits.
     */
    public static double[] logitConfidenceOf(INDArray probabilities, int[] labels) {
        double[][] p = probabilities.toDoubleMatrix();
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double others = 0;
            for (int c = 0; c < p[i].length; c++) {
                others += c == labels[i] ? 0 : p[i][c];
            }
            out[i] = Math.log(p[i][labels[i]] + 1e-45) - Math.log(others + 1e-45);
        }
        return out;
    }

    /** Per-example mean squared error, for membership inference on the generator. */
    public static double[] perExampleMse(INDArray out, INDArray targets) {
        INDArray d = out.sub(targets);
        return d.muli(d).mean(1).castTo(DataType.DOUBLE).toDoubleVector();
    }
}

package io.lethe.sim.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DiT's elementwise work on plain row-major arrays. Each ND4J call costs tens of microseconds of overhead
 * (it names every op with a random UUID), which at 16 tokens x 32 channels is far more than the arithmetic; one
 * Java pass per step keeps a training step at a few ND4J calls (the matrix products). Token rows are
 * (sample, token), so row {@code r} belongs to sample {@code r / tokens}; per-sample rows (modulation) hold
 * {@code chunks} blocks of {@code width} columns.
 */
final class DitOps {

    private static final double EPS = 1e-6;
    private static final double GELU_C = Math.sqrt(2 / Math.PI);

    private DitOps() {
    }

    /**
     * The array's values in row-major order. A dense row-major double array is copied out of its buffer in one
     * native copy (ND4J's {@code asDouble} reads element by element, and {@code dup} allocates a native copy first).
     */
    static double[] values(INDArray x) {
        if (dense(x)) {
            double[] v = new double[(int) x.length()];
            ((DoublePointer) x.data().addressPointer()).get(v);
            return v;
        }
        return x.dup('c').data().asDouble();
    }

    /** A rows x cols row-major matrix of {@code v}, filled in one native copy (ND4J's own fill is per element). */
    static INDArray matrix(double[] v, int cols) {
        INDArray m = Nd4j.createUninitialized(DataType.DOUBLE, v.length / cols, cols);
        ((DoublePointer) m.data().addressPointer()).put(v);
        return m;
    }

    private static boolean dense(INDArray x) {
        return x.dataType() == DataType.DOUBLE && x.ordering() == 'c' && x.offset() == 0 && !x.isView()
                && x.data().length() == x.length() && x.elementWiseStride() == 1;
    }

    /** LayerNorm of each row without affine parameters; {@code inv} receives 1 / sigma per row. */
    static double[] layerNorm(double[] x, int width, double[] inv) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / width; r++) {
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += x[r * width + j];
            }
            mean /= width;
            double var = 0;
            for (int j = 0; j < width; j++) {
                double c = x[r * width + j] - mean;
                var += c * c;
            }
            inv[r] = 1 / Math.sqrt(var / width + EPS);
            for (int j = 0; j < width; j++) {
                y[r * width + j] = (x[r * width + j] - mean) * inv[r];
            }
        }
        return y;
    }

    /** dL/dx of {@link #layerNorm}: {@code inv (dy - mean(dy) - y mean(dy y))} per row. */
    static double[] layerNormBackward(double[] dy, double[] y, double[] inv, int width) {
        double[] dx = new double[dy.length];
        for (int r = 0; r < dy.length / width; r++) {
            double mean = 0;
            double meanY = 0;
            for (int j = 0; j < width; j++) {
                mean += dy[r * width + j];
                meanY += dy[r * width + j] * y[r * width + j];
            }
            mean /= width;
            meanY /= width;
            for (int j = 0; j < width; j++) {
                dx[r * width + j] = inv[r] * (dy[r * width + j] - mean - y[r * width + j] * meanY);
            }
        }
        return dx;
    }

    /** {@code x (1 + scale) + shift}, shift and scale the sample's chunks {@code shift} and {@code scale} of m. */
    static double[] modulate(double[] x, double[] m, int chunks, int shift, int scale, int width, int tokens) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / width; r++) {
            int base = (r / tokens) * chunks * width;
            for (int j = 0; j < width; j++) {
                y[r * width + j] = x[r * width + j] * (1 + m[base + scale * width + j]) + m[base + shift * width + j];
            }
        }
        return y;
    }

    /** {@code x * (offset + m's chunk)}, per sample: a gate (offset 0) or a scale's gradient (offset 1). */
    static double[] timesChunk(double[] x, double[] m, int chunks, int chunk, double offset, int width, int tokens) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / width; r++) {
            int base = (r / tokens) * chunks * width + chunk * width;
            for (int j = 0; j < width; j++) {
                y[r * width + j] = x[r * width + j] * (offset + m[base + j]);
            }
        }
        return y;
    }

    /** Adds to {@code dm}'s chunk the sum over each sample's tokens of {@code a * b} ({@code b} null: of a). */
    static void sumPerSample(double[] a, double[] b, double[] dm, int chunks, int chunk, int width, int tokens) {
        for (int r = 0; r < a.length / width; r++) {
            int base = (r / tokens) * chunks * width + chunk * width;
            for (int j = 0; j < width; j++) {
                dm[base + j] += b == null ? a[r * width + j] : a[r * width + j] * b[r * width + j];
            }
        }
    }

    static double[] plus(double[] a, double[] b) {
        double[] y = a.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += b[i];
        }
        return y;
    }

    /** GELU of {@code z}; {@code tanh} receives each element's tanh term, for {@link #geluBackward}. */
    static double[] gelu(double[] z, double[] tanh) {
        double[] y = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double v = z[i];
            double t = tanh(GELU_C * (v + 0.044715 * v * v * v));
            tanh[i] = t;
            y[i] = 0.5 * v * (1 + t);
        }
        return y;
    }

    /** dL/dz of {@link #gelu}, from the forward pass's tanh terms. */
    static double[] geluBackward(double[] grad, double[] z, double[] tanh) {
        double[] y = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double v = z[i];
            double t = tanh[i];
            double dInner = GELU_C * (1 + 3 * 0.044715 * v * v);
            y[i] = grad[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * dInner);
        }
        return y;
    }

    /** tanh through the exponential: Math.tanh is StrictMath's, a fifth of a training step's time here. */
    private static double tanh(double x) {
        if (Math.abs(x) > 20) {
            return Math.signum(x);
        }
        return 1 - 2 / (Math.exp(2 * x) + 1);
    }

    static double[] silu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] / (1 + Math.exp(-x[i]));
        }
        return y;
    }

    static double[] siluBackward(double[] grad, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-x[i]));
            y[i] = grad[i] * s * (1 + x[i] * (1 - s));
        }
        return y;
    }
}

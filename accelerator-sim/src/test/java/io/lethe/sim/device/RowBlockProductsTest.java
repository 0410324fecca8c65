package io.lethe.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.sim.config.Nd4jRuntime;
import io.lethe.sim.random.SeededRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * Both direct layouts compute the same product of a block read in place: whichever one a CPU's kernels make match
 * ND4J's bits (only one is used on a given machine, so the other is checked here), the column-major one once put back
 * in row order agrees with the row-major one to rounding.
 */
class RowBlockProductsTest {

    private static final int N = 32;
    private static final int K = 128;
    private static final int M = 96;
    /** The block is columns 128-255 of a 32 x 256 input, read with its leading dimension. */
    private static final int LDA = 256;

    static {
        Nd4jRuntime.configure();
    }

    @Test
    void theColumnMajorDoubleProductIsTheRowMajorOneTransposed() {
        double[] a = values(new SeededRandom(1), N * LDA);
        double[] b = values(new SeededRandom(2), K * M);
        double[] rows = doubleProduct(RowBlockProducts.Path.BLAS, a, b);
        double[] columns = doubleProduct(RowBlockProducts.Path.BLAS_COLUMNS, a, b);
        double[] back = new double[N * M];
        RowBlockProducts.transpose(columns, N, M, back);
        for (int i = 0; i < back.length; i++) {
            assertThat(back[i]).as("element %d", i).isCloseTo(rows[i], within(1e-12 * (1 + Math.abs(rows[i]))));
        }
        assertThat(rows[0]).as("block columns 128-255 of row 0 times column 0")
                .isCloseTo(naive(a, b, 0, 0), within(1e-12));
    }

    @Test
    void theColumnMajorFloatProductIsTheRowMajorOneTransposed() {
        float[] a = floats(values(new SeededRandom(3), N * LDA));
        float[] b = floats(values(new SeededRandom(4), K * M));
        float[] rows = floatProduct(RowBlockProducts.Path.BLAS, a, b);
        float[] columns = floatProduct(RowBlockProducts.Path.BLAS_COLUMNS, a, b);
        double[] back = new double[N * M];
        RowBlockProducts.transpose(columns, N, M, back);
        for (int i = 0; i < back.length; i++) {
            assertThat(back[i]).as("element %d", i).isCloseTo(rows[i], within(1e-4 * (1 + Math.abs(rows[i]))));
        }
    }

    private static double[] doubleProduct(RowBlockProducts.Path layout, double[] a, double[] b) {
        try (DoublePointer pa = new DoublePointer(a.length); DoublePointer pb = new DoublePointer(b.length);
             DoublePointer pc = new DoublePointer((long) N * M)) {
            pa.put(a, 0, a.length);
            pb.put(b, 0, b.length);
            RowBlockProducts.dgemm(layout, N, M, K, pa.position(LDA - K), LDA, pb, pc);
            double[] c = new double[N * M];
            pc.get(c, 0, c.length);
            return c;
        }
    }

    private static float[] floatProduct(RowBlockProducts.Path layout, float[] a, float[] b) {
        try (FloatPointer pa = new FloatPointer(a.length); FloatPointer pb = new FloatPointer(b.length);
             FloatPointer pc = new FloatPointer((long) N * M)) {
            pa.put(a, 0, a.length);
            pb.put(b, 0, b.length);
            RowBlockProducts.sgemm(layout, N, M, K, pa.position(LDA - K), LDA, pb, pc);
            float[] c = new float[N * M];
            pc.get(c, 0, c.length);
            return c;
        }
    }

    private static double naive(double[] a, double[] b, int row, int column) {
        double sum = 0;
        for (int k = 0; k < K; k++) {
            sum += a[row * LDA + LDA - K + k] * b[k * M + column];
        }
        return sum;
    }

    private static double[] values(SeededRandom random, int n) {
        double[] v = new double[n];
        random.fillGaussian(v);
        return v;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}

package io.lethe.sim.device;

import io.lethe.sim.random.SeededRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A small GEMM in Java that gives ND4J's bits without ND4J's per-call cost (about 0.1 ms per call on the CI
 * machine, more than a tile's whole product). OpenBLAS's double kernels accumulate every output as one fused
 * multiply-add per term in order of k from zero; this does the same, so wherever ND4J takes that kernel the results
 * are equal bit for bit. Which kernel ND4J takes depends on the shape alone (edge blocks of narrow matrices take
 * another one), so every shape is checked once against ND4J on seeded data and the callers use this only for shapes
 * that matched; the others stay with ND4J.
 */
final class FmaGemm {

    private static final Map<List<Integer>, Boolean> MATCHES_ND4J = new ConcurrentHashMap<>();

    private FmaGemm() {
    }

    /**
     * {@code a (n x k) b (k x m)}, row-major arrays. Four rows of {@code a} share each pass over a row of {@code b}
     * (a quarter of the loads); every output still gets its terms one by one in order of k.
     */
    static double[] multiply(double[] a, int n, int k, double[] b, int m) {
        double[] c = new double[n * m];
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int r0 = i * m;
            int r1 = r0 + m;
            int r2 = r1 + m;
            int r3 = r2 + m;
            for (int t = 0; t < k; t++) {
                double a0 = a[i * k + t];
                double a1 = a[(i + 1) * k + t];
                double a2 = a[(i + 2) * k + t];
                double a3 = a[(i + 3) * k + t];
                int bt = t * m;
                for (int j = 0; j < m; j++) {
                    double bv = b[bt + j];
                    c[r0 + j] = Math.fma(a0, bv, c[r0 + j]);
                    c[r1 + j] = Math.fma(a1, bv, c[r1 + j]);
                    c[r2 + j] = Math.fma(a2, bv, c[r2 + j]);
                    c[r3 + j] = Math.fma(a3, bv, c[r3 + j]);
                }
            }
        }
        for (; i < n; i++) {
            int row = i * m;
            for (int t = 0; t < k; t++) {
                double av = a[i * k + t];
                int bt = t * m;
                for (int j = 0; j < m; j++) {
                    c[row + j] = Math.fma(av, b[bt + j], c[row + j]);
                }
            }
        }
        return c;
    }

    /** Whether {@link #multiply} gives ND4J's {@code mmul} bits for this shape (checked once per shape). */
    static boolean matchesNd4j(int n, int k, int m) {
        return MATCHES_ND4J.computeIfAbsent(List.of(n, k, m), s -> check(n, k, m));
    }

    private static boolean check(int n, int k, int m) {
        INDArray a = new SeededRandom(n * 31L + k).gaussian(n, k);
        INDArray b = new SeededRandom(m * 17L + k).gaussian(k, m);
        double[] nd4j = a.mmul(b).dup('c').data().asDouble();
        double[] ours = multiply(a.dup('c').data().asDouble(), n, k, b.dup('c').data().asDouble(), m);
        return Arrays.equals(bits(nd4j), bits(ours));
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}

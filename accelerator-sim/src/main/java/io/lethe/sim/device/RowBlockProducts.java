package io.lethe.sim.device;

import io.lethe.sim.random.SeededRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The tile row-block products of one MVM through the weights and the read-noise variances held in tiles: for each
 * matrix M and row block b, {@code x[:, block b] . M[block b, :]} (n x cols), which the tiles' ADCs digitise
 * separately. Every block is one {@code cblas_dgemm} of the OpenBLAS library ND4J itself calls (the same
 * {@code openblas_nolapack} build, held to one thread by {@code Nd4jRuntime}), reading the block's columns of x in
 * place (lda = rows) and writing into buffers kept from call to call. An ND4J {@code mmul} spends 30-300 us of CPU
 * around the same {@code dgemm} (output allocation, shape checks, op dispatch); a direct call costs about 1 us. Every
 * path gives the bits of one ND4J {@code mmul} per block: the direct call is checked once per shape against that,
 * and a shape that does not match goes to Java ({@link FmaGemm}, where that matches and the product is small) or to
 * one {@code mmul} per block.
 *
 * <p>Not thread-safe: the caller holds this object's monitor from {@link #multiply} until it has read the products.
 */
final class RowBlockProducts {

    /**
     * Multiply-adds per matrix and MVM up to which Java's {@link FmaGemm} is used when the direct call does not give
     * ND4J's bits: Java's fma loop runs at about 0.85 ns per multiply-add of CPU time here, so 65,536 of them take
     * about one ND4J call's fixed cost.
     */
    static final long JAVA_MULTIPLY_ADDS = 65_536;

    private static final Map<List<Integer>, Boolean> DIRECT_MATCHES_MMUL = new ConcurrentHashMap<>();

    /** How one MVM's products are computed. */
    enum Path { BLAS, JAVA, ND4J }

    private final int rows;
    private final int cols;
    private final int tileRows;
    private final int rowBlocks;
    private final INDArray[][] blocks;
    private final double[][][] blockValues;
    /** The matrices, row-major in native memory; block b starts at row b * tileRows. */
    private final DoublePointer[] native_;
    private Scratch scratch;

    /** The row blocks of {@code matrices} (each rows x cols). */
    RowBlockProducts(int tileRows, INDArray... matrices) {
        this.rows = Math.toIntExact(matrices[0].rows());
        this.cols = Math.toIntExact(matrices[0].columns());
        this.tileRows = tileRows;
        this.rowBlocks = (rows + tileRows - 1) / tileRows;
        this.blocks = new INDArray[matrices.length][rowBlocks];
        this.blockValues = new double[matrices.length][rowBlocks][];
        this.native_ = new DoublePointer[matrices.length];
        for (int m = 0; m < matrices.length; m++) {
            for (int b = 0; b < rowBlocks; b++) {
                blocks[m][b] = rowsOf(matrices[m], b * tileRows, width(b));
                blockValues[m][b] = NativeArrays.values(blocks[m][b]);
            }
            double[] all = NativeArrays.values(matrices[m]);
            native_[m] = new DoublePointer(all.length);
            native_[m].put(all, 0, all.length);
        }
    }

    /** The products' buffers for {@code n} rows: valid until the next {@link #multiply} with another {@code n}. */
    Scratch scratch(int n) {
        if (scratch == null || scratch.n != n) {
            scratch = new Scratch(n, path(n), rows, cols, rowBlocks, blocks.length);
        }
        return scratch;
    }

    /**
     * Fills {@code s.products[m]} with the products of {@code s.inputs[m]} (n x rows, row-major) and matrix m: block b
     * is n x cols row-major from {@code b * n * cols}.
     */
    void multiply(Scratch s) {
        int n = s.n;
        Path path = s.path;
        for (int m = 0; m < blocks.length; m++) {
            if (path == Path.BLAS) {
                s.nativeIn.put(s.inputs[m], 0, s.inputs[m].length);
                for (int b = 0; b < rowBlocks; b++) {
                    openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                            openblas_nolapack.CblasNoTrans, n, cols, width(b), 1.0, s.nativeIn.position(b * tileRows),
                            rows, native_[m].position((long) b * tileRows * cols), cols, 0.0,
                            s.nativeOut.position((long) b * n * cols), cols);
                }
                s.nativeIn.position(0);
                native_[m].position(0);
                s.nativeOut.position(0).get(s.products[m], 0, s.products[m].length);
                continue;
            }
            for (int b = 0; b < rowBlocks; b++) {
                double[] x = columns(s.inputs[m], n, b);
                double[] p = path == Path.JAVA ? FmaGemm.multiply(x, n, width(b), blockValues[m][b], cols)
                        : NativeArrays.values(NativeArrays.of(x, n, width(b)).mmul(blocks[m][b]));
                System.arraycopy(p, 0, s.products[m], b * n * cols, n * cols);
            }
        }
    }

    /** BLAS calls (direct {@code dgemm}) and ND4J calls one {@link #multiply} of {@code n} rows makes. */
    int[] calls(int n) {
        Path path = path(n);
        int perMvm = blocks.length * rowBlocks;
        return new int[] {path == Path.BLAS ? perMvm : 0, path == Path.ND4J ? perMvm : 0};
    }

    Path path(int n) {
        boolean direct = true;
        boolean java = (long) n * rows * cols <= JAVA_MULTIPLY_ADDS;
        for (int b = 0; b < rowBlocks; b++) {
            direct &= directMatchesMmul(n, width(b), cols, rows);
            java &= FmaGemm.matchesNd4j(n, width(b), cols);
        }
        return direct ? Path.BLAS : java ? Path.JAVA : Path.ND4J;
    }

    private int width(int block) {
        return Math.min(rows, (block + 1) * tileRows) - block * tileRows;
    }

    /** Columns of row block {@code block} of {@code x} (n x rows), row-major. */
    private double[] columns(double[] x, int n, int block) {
        int from = block * tileRows;
        int width = width(block);
        double[] t = new double[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * rows + from, t, i * width, width);
        }
        return t;
    }

    private static INDArray rowsOf(INDArray m, int from, int count) {
        return m.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all()).dup('c');
    }

    /** Inputs, products and native buffers of MVMs of {@code n} rows, reused from call to call. */
    static final class Scratch {
        final int n;
        final Path path;
        final double[] in;
        final double[] rowMax;
        final double[][] inputs;
        final double[][] products;
        final double[] gaussians;
        final DoublePointer nativeIn;
        final DoublePointer nativeOut;

        Scratch(int n, Path path, int rows, int cols, int rowBlocks, int matrices) {
            this.n = n;
            this.path = path;
            this.in = new double[n * rows];
            this.rowMax = new double[n];
            this.inputs = new double[matrices][n * rows];
            this.products = new double[matrices][rowBlocks * n * cols];
            this.gaussians = new double[n * cols];
            this.nativeIn = new DoublePointer((long) n * rows);
            this.nativeOut = new DoublePointer((long) rowBlocks * n * cols);
        }
    }

    /**
     * Whether {@code cblas_dgemm} on an n x k block read with leading dimension {@code lda} gives the bits of ND4J's
     * {@code mmul} of the same block copied out (checked once per shape on seeded data).
     */
    private static boolean directMatchesMmul(int n, int k, int m, int lda) {
        return DIRECT_MATCHES_MMUL.computeIfAbsent(List.of(n, k, m, lda), s -> checkDirect(n, k, m, lda));
    }

    private static boolean checkDirect(int n, int k, int m, int lda) {
        INDArray a = new SeededRandom(n * 31L + k + lda).gaussian(n, lda);
        INDArray b = new SeededRandom(m * 17L + k).gaussian(k, m);
        int from = lda - k;
        INDArray block = a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, lda)).dup('c');
        double[] nd4j = NativeArrays.values(block.mmul(b));
        double[] av = NativeArrays.values(a);
        double[] bv = NativeArrays.values(b);
        try (DoublePointer pa = new DoublePointer(av.length); DoublePointer pb = new DoublePointer(bv.length);
             DoublePointer pc = new DoublePointer((long) n * m)) {
            pa.put(av, 0, av.length);
            pb.put(bv, 0, bv.length);
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, n, m, k, 1.0, pa.position(from), lda, pb, m, 0.0, pc, m);
            double[] direct = new double[n * m];
            pc.get(direct, 0, direct.length);
            return Arrays.equals(bits(nd4j), bits(direct));
        }
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}

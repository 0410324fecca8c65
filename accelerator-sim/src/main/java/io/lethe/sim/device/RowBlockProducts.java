package io.lethe.sim.device;

import io.lethe.sim.random.SeededRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The tile row-block products of one MVM: for each row block b, the partial sums {@code x[:, b] . W[b, :]} (DOUBLE,
 * which the tiles' ADCs round) and the read-noise variances {@code x[:, b]^2 . V[b, :]} (FLOAT: they only set the
 * sigma of each output's noise, and float's relative error of about 6e-8 per operation is far below any device
 * figure). Every block is one {@code cblas_dgemm} or {@code cblas_sgemm} of the OpenBLAS library ND4J itself calls
 * (the same {@code openblas_nolapack} build, held to one thread by {@code Nd4jRuntime}), reading the block's columns
 * of x in place (lda = rows) and writing into buffers kept from call to call. An ND4J {@code mmul} took 27-80 us more
 * CPU than the same {@code dgemm} called directly at 1x256x128 here and 100-750 us more at 32x512x512 (its new
 * output array among it); a direct call adds a few us.
 *
 * <p>Every path gives the bits of one ND4J {@code mmul} per block, DOUBLE for the partial sums and FLOAT (of the
 * inputs' squares and the variances, each rounded to float) for the variances: the direct calls are checked once per
 * shape against that, and a shape that does not match goes to Java ({@link FmaGemm}, partial sums only, where that
 * matches and the product is small) or to one {@code mmul} per block. The direct call is tried with the product
 * written row-major and written column-major: OpenBLAS picks its kernel by CPU, and on some (an AMD EPYC with
 * AVX-512 here) its {@code sgemm} sums in another order when the output's layout is swapped, while ND4J, which writes
 * its product column-major, matches one layout only.
 *
 * <p>Not thread-safe: the caller holds this object's monitor from {@link #scratch} until it has read the products.
 */
final class RowBlockProducts {

    /**
     * Multiply-adds per MVM up to which Java's {@link FmaGemm} is used when the direct call does not give ND4J's
     * bits: Java's fma loop runs at about 0.85 ns per multiply-add of CPU time here, so 65,536 of them take about one
     * ND4J call's fixed cost.
     */
    static final long JAVA_MULTIPLY_ADDS = 65_536;

    private static final Map<List<Object>, Boolean> DIRECT_MATCHES_MMUL = new ConcurrentHashMap<>();

    /**
     * How one MVM's products are computed: a direct BLAS call writing each block's product row-major
     * ({@code BLAS}) or column-major ({@code BLAS_COLUMNS}), Java's {@link FmaGemm}, or one ND4J {@code mmul} a block.
     */
    enum Path {
        BLAS, BLAS_COLUMNS, JAVA, ND4J;

        boolean direct() {
            return this == BLAS || this == BLAS_COLUMNS;
        }
    }

    private final int rows;
    private final int cols;
    private final int tileRows;
    private final int rowBlocks;
    private final INDArray[] weightBlocks;
    private final INDArray[] varianceBlocks;
    private final double[][] weightBlockValues;
    /** The weights (double) and the variances (float), row-major in native memory; block b from row b * tileRows. */
    private final DoublePointer weights;
    private final FloatPointer variances;
    private Scratch scratch;

    RowBlockProducts(int tileRows, INDArray weights, INDArray variances) {
        this.rows = Math.toIntExact(weights.rows());
        this.cols = Math.toIntExact(weights.columns());
        this.tileRows = tileRows;
        this.rowBlocks = (rows + tileRows - 1) / tileRows;
        INDArray floatVariances = variances.castTo(DataType.FLOAT);
        this.weightBlocks = new INDArray[rowBlocks];
        this.varianceBlocks = new INDArray[rowBlocks];
        this.weightBlockValues = new double[rowBlocks][];
        for (int b = 0; b < rowBlocks; b++) {
            weightBlocks[b] = rowsOf(weights, b * tileRows, width(b));
            varianceBlocks[b] = rowsOf(floatVariances, b * tileRows, width(b));
            weightBlockValues[b] = NativeArrays.values(weightBlocks[b]);
        }
        double[] w = NativeArrays.values(weights);
        this.weights = new DoublePointer(w.length);
        this.weights.put(w, 0, w.length);
        float[] v = floatVariances.dup('c').data().asFloat();
        this.variances = new FloatPointer(v.length);
        this.variances.put(v, 0, v.length);
    }

    /** The buffers of MVMs of {@code n} rows: kept until an MVM with another {@code n}. */
    Scratch scratch(int n) {
        if (scratch == null || scratch.n != n) {
            scratch = new Scratch(n, path(n, false), path(n, true), rows, cols, rowBlocks);
        }
        return scratch;
    }

    /**
     * From {@code w.inputs} (n x rows, row-major) computes every block's partial sums and variances into the native
     * buffers (block b is n x cols row-major from {@code b * n * cols}); {@link #block} then reads one block.
     */
    void multiply(Scratch s, MvmWorkspace w) {
        int n = s.n;
        if (s.weightPath.direct()) {
            s.nativeIn.put(w.inputs, 0, w.inLength);
            for (int b = 0; b < rowBlocks; b++) {
                dgemm(s.weightPath, n, cols, width(b), s.nativeIn.position(b * tileRows), rows,
                        weights.position((long) b * tileRows * cols), s.nativeOut.position((long) b * n * cols));
            }
            s.nativeIn.position(0);
            weights.position(0);
        } else {
            for (int b = 0; b < rowBlocks; b++) {
                double[] x = columns(w.inputs, n, b);
                double[] p = s.weightPath == Path.JAVA ? FmaGemm.multiply(x, n, width(b), weightBlockValues[b], cols)
                        : NativeArrays.values(NativeArrays.of(x, n, width(b)).mmul(weightBlocks[b]));
                s.nativeOut.position((long) b * n * cols).put(p, 0, p.length);
            }
        }
        s.nativeOut.position(0);
        double[] inputs = w.inputs;
        float[] squares = w.squares;
        for (int i = 0; i < w.inLength; i++) {
            squares[i] = (float) (inputs[i] * inputs[i]);
        }
        if (s.variancePath.direct()) {
            s.nativeInF.put(squares, 0, w.inLength);
            for (int b = 0; b < rowBlocks; b++) {
                sgemm(s.variancePath, n, cols, width(b), s.nativeInF.position(b * tileRows), rows,
                        variances.position((long) b * tileRows * cols), s.nativeOutF.position((long) b * n * cols));
            }
            s.nativeInF.position(0);
            variances.position(0);
        } else {
            for (int b = 0; b < rowBlocks; b++) {
                float[] x = floatColumns(squares, n, b);
                INDArray xb = Nd4j.create(x, new long[] {n, width(b)}, 'c');
                float[] p = xb.mmul(varianceBlocks[b]).dup('c').data().asFloat();
                s.nativeOutF.position((long) b * n * cols).put(p, 0, p.length);
            }
        }
        s.nativeOutF.position(0);
    }

    /**
     * Reads block {@code b} of the last {@link #multiply} into {@code w.partial} and {@code w.variance} (widened to
     * double): one block at a time keeps the Java side's arrays within the core's cache.
     */
    void block(Scratch s, MvmWorkspace w, int b) {
        long from = (long) b * s.n * cols;
        int size = w.outLength;
        if (s.weightPath == Path.BLAS_COLUMNS) {
            s.nativeOut.position(from).get(w.transposed, 0, size);
            transpose(w.transposed, s.n, cols, w.partial);
        } else {
            s.nativeOut.position(from).get(w.partial, 0, size);
        }
        s.nativeOut.position(0);
        s.nativeOutF.position(from).get(w.varianceF, 0, size);
        s.nativeOutF.position(0);
        // Widening in a loop of its own: C2 vectorises it, where a float read inside the ADC pass made that 3x slower.
        float[] varianceF = w.varianceF;
        double[] variance = w.variance;
        if (s.variancePath == Path.BLAS_COLUMNS) {
            transpose(varianceF, s.n, cols, variance);
        } else {
            for (int i = 0; i < size; i++) {
                variance[i] = varianceF[i];
            }
        }
    }

    /** {@code columnMajor} (n x cols, column by column) into {@code rowMajor}. */
    static void transpose(double[] columnMajor, int n, int cols, double[] rowMajor) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                rowMajor[i * cols + j] = columnMajor[j * n + i];
            }
        }
    }

    /** {@link #transpose(double[], int, int, double[])} of float values, widened. */
    static void transpose(float[] columnMajor, int n, int cols, double[] rowMajor) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                rowMajor[i * cols + j] = columnMajor[j * n + i];
            }
        }
    }

    /**
     * {@code c = a . b} for an n x k block of a row-major a read with leading dimension {@code lda} and a row-major k x m
     * b, written row-major ({@link Path#BLAS}) or column-major ({@link Path#BLAS_COLUMNS}) into {@code c}.
     */
    static void dgemm(Path layout, int n, int m, int k, DoublePointer a, int lda, DoublePointer b,
                              DoublePointer c) {
        if (layout == Path.BLAS) {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, n, m, k, 1.0, a, lda, b, m, 0.0, c, m);
        } else {
            // Column-major, a row-major matrix is its transpose: c = (a^T)^T . (b^T)^T.
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasColMajor, openblas_nolapack.CblasTrans,
                    openblas_nolapack.CblasTrans, n, m, k, 1.0, a, lda, b, m, 0.0, c, n);
        }
    }

    /** {@link #dgemm} in FLOAT. */
    static void sgemm(Path layout, int n, int m, int k, FloatPointer a, int lda, FloatPointer b,
                              FloatPointer c) {
        if (layout == Path.BLAS) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, n, m, k, 1.0f, a, lda, b, m, 0.0f, c, m);
        } else {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasColMajor, openblas_nolapack.CblasTrans,
                    openblas_nolapack.CblasTrans, n, m, k, 1.0f, a, lda, b, m, 0.0f, c, n);
        }
    }

    /** BLAS calls (direct {@code dgemm} and {@code sgemm}) and ND4J calls one MVM of {@code n} rows makes. */
    int[] calls(int n) {
        int blas = 0;
        int nd4j = 0;
        for (Path p : new Path[] {path(n, false), path(n, true)}) {
            blas += p.direct() ? rowBlocks : 0;
            nd4j += p == Path.ND4J ? rowBlocks : 0;
        }
        return new int[] {blas, nd4j};
    }

    private Path path(int n, boolean variance) {
        DataType type = variance ? DataType.FLOAT : DataType.DOUBLE;
        for (Path layout : new Path[] {Path.BLAS, Path.BLAS_COLUMNS}) {
            boolean direct = true;
            for (int b = 0; b < rowBlocks; b++) {
                direct &= directMatchesMmul(layout, type, n, width(b), cols, rows);
            }
            if (direct) {
                return layout;
            }
        }
        boolean java = !variance && (long) n * rows * cols <= JAVA_MULTIPLY_ADDS;
        for (int b = 0; b < rowBlocks; b++) {
            java = java && FmaGemm.matchesNd4j(n, width(b), cols);
        }
        return java ? Path.JAVA : Path.ND4J;
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

    private float[] floatColumns(float[] x, int n, int block) {
        int from = block * tileRows;
        int width = width(block);
        float[] t = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * rows + from, t, i * width, width);
        }
        return t;
    }

    private static INDArray rowsOf(INDArray m, int from, int count) {
        return m.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all()).dup('c');
    }

    /** How MVMs of {@code n} rows are computed, and their native buffers, reused from call to call. */
    static final class Scratch {
        final int n;
        final Path weightPath;
        final Path variancePath;
        final DoublePointer nativeIn;
        final DoublePointer nativeOut;
        final FloatPointer nativeInF;
        final FloatPointer nativeOutF;

        Scratch(int n, Path weightPath, Path variancePath, int rows, int cols, int rowBlocks) {
            this.n = n;
            this.weightPath = weightPath;
            this.variancePath = variancePath;
            this.nativeIn = new DoublePointer((long) n * rows);
            this.nativeOut = new DoublePointer((long) rowBlocks * n * cols);
            this.nativeInF = new FloatPointer((long) n * rows);
            this.nativeOutF = new FloatPointer((long) rowBlocks * n * cols);
        }
    }

    /**
     * Whether the direct {@code gemm} in {@code layout} on an n x k block read with leading dimension {@code lda}
     * gives the bits of ND4J's {@code mmul} of the same block copied out, in {@code type} (checked once per shape on
     * seeded data).
     */
    private static boolean directMatchesMmul(Path layout, DataType type, int n, int k, int m, int lda) {
        return DIRECT_MATCHES_MMUL.computeIfAbsent(List.of(layout, type, n, k, m, lda),
                s -> checkDirect(layout, type, n, k, m, lda));
    }

    private static boolean checkDirect(Path layout, DataType type, int n, int k, int m, int lda) {
        INDArray a = new SeededRandom(n * 31L + k + lda).gaussian(n, lda);
        INDArray b = new SeededRandom(m * 17L + k).gaussian(k, m);
        if (type == DataType.FLOAT) {
            // Variances and squared inputs are non-negative.
            a = Transforms.abs(a, false).castTo(DataType.FLOAT);
            b = Transforms.abs(b, false).castTo(DataType.FLOAT);
        }
        int from = lda - k;
        INDArray block = a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, lda)).dup('c');
        INDArray nd4j = block.mmul(b.dup('c')).dup(layout == Path.BLAS ? 'c' : 'f');
        if (type == DataType.FLOAT) {
            float[] av = a.dup('c').data().asFloat();
            float[] bv = b.dup('c').data().asFloat();
            try (FloatPointer pa = new FloatPointer(av.length); FloatPointer pb = new FloatPointer(bv.length);
                 FloatPointer pc = new FloatPointer((long) n * m)) {
                pa.put(av, 0, av.length);
                pb.put(bv, 0, bv.length);
                sgemm(layout, n, m, k, pa.position(from), lda, pb, pc);
                float[] direct = new float[n * m];
                pc.get(direct, 0, direct.length);
                return Arrays.equals(floatBits(nd4j.data().asFloat()), floatBits(direct));
            }
        }
        double[] av = NativeArrays.values(a);
        double[] bv = NativeArrays.values(b);
        try (DoublePointer pa = new DoublePointer(av.length); DoublePointer pb = new DoublePointer(bv.length);
             DoublePointer pc = new DoublePointer((long) n * m)) {
            pa.put(av, 0, av.length);
            pb.put(bv, 0, bv.length);
            dgemm(layout, n, m, k, pa.position(from), lda, pb, pc);
            double[] direct = new double[n * m];
            pc.get(direct, 0, direct.length);
            return Arrays.equals(bits(nd4j.data().asDouble()), bits(direct));
        }
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    private static int[] floatBits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}

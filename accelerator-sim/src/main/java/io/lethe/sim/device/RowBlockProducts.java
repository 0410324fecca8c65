package io.lethe.sim.device;

import io.lethe.sim.random.SeededRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The tile row-block products of one MVM through a matrix held in tiles: for every row block b,
 * {@code x[:, block b] . M[block b, :]} (n x cols), which its tiles' ADCs digitise separately. The column tiles of a
 * row block are one product already; this also makes the row blocks of full tile height one batched ND4J call (one
 * native call per MVM instead of one per row block, whose fixed cost is 35-60 us of CPU here, about what a 16x128x128
 * product costs), and keeps small MVMs in Java ({@link FmaGemm}), where that fixed cost is larger than the product.
 * Every path gives the bits of one ND4J {@code mmul} per row block: the batched call is checked once per shape
 * against that, {@link FmaGemm} likewise, and a shape that does not match falls back to one call per block.
 */
final class RowBlockProducts {

    /**
     * Multiply-adds per MVM up to which Java beats ND4J: Java's fma loop runs at about 0.85 ns per multiply-add of CPU
     * time here (443 us for 32x128x128), so 65,536 of them take about one ND4J call's fixed cost.
     */
    static final long JAVA_MULTIPLY_ADDS = 65_536;

    private static final Map<List<Integer>, Boolean> BATCH_MATCHES_BLOCKS = new ConcurrentHashMap<>();

    private final int rows;
    private final int cols;
    private final int tileRows;
    private final INDArray[] blocks;
    private final double[][] blockValues;
    private final INDArray fullHeightStack;
    private Scratch scratch;

    /** The row blocks of {@code matrix} (rows x cols), copied contiguous. */
    RowBlockProducts(INDArray matrix, int tileRows) {
        this.rows = Math.toIntExact(matrix.rows());
        this.cols = Math.toIntExact(matrix.columns());
        this.tileRows = tileRows;
        int count = (rows + tileRows - 1) / tileRows;
        this.blocks = new INDArray[count];
        this.blockValues = new double[count][];
        for (int b = 0; b < count; b++) {
            int from = b * tileRows;
            blocks[b] = matrix.get(NDArrayIndex.interval(from, Math.min(rows, from + tileRows)), NDArrayIndex.all())
                    .dup('c');
            blockValues[b] = NativeArrays.values(blocks[b]);
        }
        int full = rows / tileRows;
        this.fullHeightStack = full >= 2
                ? matrix.get(NDArrayIndex.interval(0, full * tileRows), NDArrayIndex.all()).dup('c')
                        .reshape('c', full, tileRows, cols)
                : null;
    }

    /**
     * {@code products[b]} = block b of the product of {@code x} (n x rows, row-major) and the matrix, n x cols
     * row-major. Synchronized: the native buffers are reused from call to call.
     */
    synchronized double[][] multiply(double[] x, int n) {
        if ((long) n * rows * cols <= JAVA_MULTIPLY_ADDS && javaMatches(n)) {
            return inJava(x, n);
        }
        Scratch buffers = scratch(n);
        double[][] products = new double[blocks.length][];
        int first = 0;
        if (buffers.batchIn != null) {
            first = batched(x, n, buffers, products);
        }
        for (int b = first; b < blocks.length; b++) {
            NativeArrays.put(buffers.blockIn[b], columns(x, n, b));
            products[b] = NativeArrays.values(buffers.blockIn[b].mmul(blocks[b], buffers.blockOut[b]));
        }
        return products;
    }

    private double[][] inJava(double[] x, int n) {
        double[][] products = new double[blocks.length][];
        for (int b = 0; b < blocks.length; b++) {
            products[b] = FmaGemm.multiply(columns(x, n, b), n, width(b), blockValues[b], cols);
        }
        return products;
    }

    /** The full-height row blocks as one batched product; returns how many blocks it filled. */
    private int batched(double[] x, int n, Scratch buffers, double[][] products) {
        int full = Math.toIntExact(fullHeightStack.size(0));
        double[] stacked = new double[full * n * tileRows];
        for (int b = 0; b < full; b++) {
            System.arraycopy(columns(x, n, b), 0, stacked, b * n * tileRows, n * tileRows);
        }
        NativeArrays.put(buffers.batchIn, stacked);
        double[] all = NativeArrays.values(Nd4j.matmul(buffers.batchIn, fullHeightStack, buffers.batchOut));
        for (int b = 0; b < full; b++) {
            products[b] = Arrays.copyOfRange(all, b * n * cols, (b + 1) * n * cols);
        }
        return full;
    }

    /**
     * Native input and output buffers for batches of {@code n} rows, kept for the next call with the same {@code n}:
     * allocating them took about a sixth of a 32x256x128 MVM's time.
     */
    private Scratch scratch(int n) {
        if (scratch == null || scratch.n != n) {
            boolean batch = fullHeightStack != null && batchMatchesBlocks(fullHeightStack.size(0), n);
            scratch = new Scratch(n, batch);
        }
        return scratch;
    }

    /** Reusable native buffers for one batch size; the batched pair is null where the batched call is not used. */
    private final class Scratch {
        final int n;
        final INDArray batchIn;
        final INDArray batchOut;
        final INDArray[] blockIn = new INDArray[blocks.length];
        final INDArray[] blockOut = new INDArray[blocks.length];

        Scratch(int n, boolean batch) {
            this.n = n;
            long full = batch ? fullHeightStack.size(0) : 0;
            this.batchIn = batch ? Nd4j.createUninitialized(DataType.DOUBLE, new long[] {full, n, tileRows}, 'c') : null;
            this.batchOut = batch ? Nd4j.createUninitialized(DataType.DOUBLE, new long[] {full, n, cols}, 'c') : null;
            for (int b = (int) full; b < blocks.length; b++) {
                blockIn[b] = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n, width(b)}, 'c');
                blockOut[b] = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n, cols}, 'c');
            }
        }
    }

    private boolean javaMatches(int n) {
        for (int b = 0; b < blocks.length; b++) {
            if (!FmaGemm.matchesNd4j(n, width(b), cols)) {
                return false;
            }
        }
        return true;
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

    /** Whether ND4J's batched matmul gives each block's {@code mmul} bits for this shape (checked once per shape). */
    private boolean batchMatchesBlocks(long batch, int n) {
        return BATCH_MATCHES_BLOCKS.computeIfAbsent(List.of(Math.toIntExact(batch), n, tileRows, cols),
                s -> checkBatch(Math.toIntExact(batch), n, tileRows, cols));
    }

    private static boolean checkBatch(int batch, int n, int k, int m) {
        INDArray a = new SeededRandom(batch * 131L + n * 31L + k).gaussian((long) batch * n, k)
                .reshape('c', batch, n, k);
        INDArray b = new SeededRandom(m * 17L + k).gaussian((long) batch * k, m).reshape('c', batch, k, m);
        INDArray together = Nd4j.matmul(a, b);
        for (int i = 0; i < batch; i++) {
            double[] alone = a.slice(i).dup('c').mmul(b.slice(i).dup('c')).data().asDouble();
            double[] inBatch = together.slice(i).dup('c').data().asDouble();
            if (!Arrays.equals(bits(alone), bits(inBatch))) {
                return false;
            }
        }
        return true;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}

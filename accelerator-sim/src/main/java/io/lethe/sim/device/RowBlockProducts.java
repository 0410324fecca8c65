package io.lethe.sim.device;

import io.lethe.sim.random.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The tile row-block products of one MVM through matrices of the same shape held in tiles (the weights and the
 * read-noise variances): for every matrix M, its input x and row block b, {@code x[:, block b] . M[block b, :]}
 * (n x cols), which the tiles' ADCs digitise separately. The column tiles of a row block are one product already;
 * here the row blocks of full tile height of every matrix are one batched ND4J call, and the shorter last block of
 * every matrix another, so an MVM makes one or two native calls instead of two per row block (each costs 35-60 us of
 * CPU here before its product, about what a 16x128x128 product costs). Small MVMs stay in Java ({@link FmaGemm}),
 * where that fixed cost is larger than the product. Every path gives the bits of one ND4J {@code mmul} per block:
 * batched calls are checked once per shape against that, {@link FmaGemm} likewise, and a shape that does not match
 * falls back to one call per block.
 */
final class RowBlockProducts {

    /**
     * Multiply-adds per matrix and MVM up to which Java beats ND4J: Java's fma loop runs at about 0.85 ns per
     * multiply-add of CPU time here (443 us for 32x128x128), so 65,536 of them take about one ND4J call's fixed cost.
     */
    static final long JAVA_MULTIPLY_ADDS = 65_536;

    private static final Map<List<Integer>, Boolean> BATCH_MATCHES_BLOCKS = new ConcurrentHashMap<>();

    private final int rows;
    private final int cols;
    private final int tileRows;
    private final int matrices;
    private final int rowBlocks;
    private final double[][][] blockValues;
    private final List<Group> groups = new ArrayList<>();
    private Scratch scratch;

    /** The row blocks of {@code matrices} (each rows x cols), copied contiguous. */
    RowBlockProducts(int tileRows, INDArray... matrices) {
        this.rows = Math.toIntExact(matrices[0].rows());
        this.cols = Math.toIntExact(matrices[0].columns());
        this.tileRows = tileRows;
        this.matrices = matrices.length;
        this.rowBlocks = (rows + tileRows - 1) / tileRows;
        this.blockValues = new double[matrices.length][rowBlocks][];
        for (int m = 0; m < matrices.length; m++) {
            for (int b = 0; b < rowBlocks; b++) {
                blockValues[m][b] = NativeArrays.values(rowsOf(matrices[m], b * tileRows, width(b)));
            }
        }
        int full = rows / tileRows;
        if (full > 0) {
            groups.add(new Group(0, full, matrices));
        }
        if (full < rowBlocks) {
            groups.add(new Group(full, rowBlocks, matrices));
        }
    }

    /**
     * {@code products[m][b]} = block b of the product of {@code inputs[m]} (n x rows, row-major) and matrix m, n x
     * cols row-major. Synchronized: the native buffers are reused from call to call.
     */
    synchronized double[][][] multiply(int n, double[]... inputs) {
        double[][][] products = new double[matrices][rowBlocks][];
        if (inJava(n)) {
            for (int m = 0; m < matrices; m++) {
                for (int b = 0; b < rowBlocks; b++) {
                    products[m][b] = FmaGemm.multiply(columns(inputs[m], n, b), n, width(b), blockValues[m][b], cols);
                }
            }
            return products;
        }
        Scratch buffers = scratch(n);
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).multiply(inputs, n, buffers.of[g], products);
        }
        return products;
    }

    /** ND4J calls that {@link #multiply} makes for {@code n} rows. */
    int nativeCalls(int n) {
        if (inJava(n)) {
            return 0;
        }
        return groups.stream().mapToInt(g -> g.batched(n) ? 1 : g.count() * matrices).sum();
    }

    private boolean inJava(int n) {
        if ((long) n * rows * cols > JAVA_MULTIPLY_ADDS) {
            return false;
        }
        for (int b = 0; b < rowBlocks; b++) {
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

    private static INDArray rowsOf(INDArray m, int from, int count) {
        return m.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all()).dup('c');
    }

    /**
     * Row blocks {@code from .. to} of every matrix, all of one height: one batched call (matrix-major, then block)
     * where that gives each block's {@code mmul} bits, else one call per block.
     */
    private final class Group {
        final int from;
        final int to;
        final int height;
        final INDArray[][] blocks;
        final INDArray stack;

        Group(int from, int to, INDArray[] source) {
            this.from = from;
            this.to = to;
            this.height = width(from);
            this.blocks = new INDArray[source.length][count()];
            double[] all = new double[source.length * count() * height * cols];
            for (int m = 0; m < source.length; m++) {
                for (int b = from; b < to; b++) {
                    blocks[m][b - from] = rowsOf(source[m], b * tileRows, height);
                    System.arraycopy(blockValues[m][b], 0, all, slot(m, b) * height * cols, height * cols);
                }
            }
            this.stack = batch() >= 2 ? NativeArrays.of(all, batch(), height, cols) : null;
        }

        int count() {
            return to - from;
        }

        int batch() {
            return matrices * count();
        }

        int slot(int matrix, int block) {
            return matrix * count() + block - from;
        }

        boolean batched(int n) {
            return stack != null && batchMatchesBlocks(batch(), n, height, cols);
        }

        void multiply(double[][] inputs, int n, INDArray[] buffers, double[][][] products) {
            if (batched(n)) {
                double[] stacked = new double[batch() * n * height];
                for (int m = 0; m < matrices; m++) {
                    for (int b = from; b < to; b++) {
                        System.arraycopy(columns(inputs[m], n, b), 0, stacked, slot(m, b) * n * height, n * height);
                    }
                }
                NativeArrays.put(buffers[0], stacked);
                double[] all = NativeArrays.values(Nd4j.matmul(buffers[0], stack, buffers[1]));
                for (int m = 0; m < matrices; m++) {
                    for (int b = from; b < to; b++) {
                        products[m][b] = Arrays.copyOfRange(all, slot(m, b) * n * cols, (slot(m, b) + 1) * n * cols);
                    }
                }
                return;
            }
            for (int m = 0; m < matrices; m++) {
                for (int b = from; b < to; b++) {
                    NativeArrays.put(buffers[0], columns(inputs[m], n, b));
                    products[m][b] = NativeArrays.values(buffers[0].mmul(blocks[m][b - from], buffers[1]));
                }
            }
        }

        /** An input and an output buffer for {@code n} rows: batched, or for one block at a time. */
        INDArray[] buffers(int n) {
            boolean batch = batched(n);
            return new INDArray[] {
                Nd4j.createUninitialized(DataType.DOUBLE, batch ? new long[] {batch(), n, height}
                        : new long[] {n, height}, 'c'),
                Nd4j.createUninitialized(DataType.DOUBLE, batch ? new long[] {batch(), n, cols}
                        : new long[] {n, cols}, 'c')};
        }
    }

    /**
     * Native buffers for batches of {@code n} rows, kept for the next call with the same {@code n}: allocating them
     * took about a sixth of a 32x256x128 MVM's time.
     */
    private Scratch scratch(int n) {
        if (scratch == null || scratch.n != n) {
            INDArray[][] of = new INDArray[groups.size()][];
            for (int g = 0; g < of.length; g++) {
                of[g] = groups.get(g).buffers(n);
            }
            scratch = new Scratch(n, of);
        }
        return scratch;
    }

    private record Scratch(int n, INDArray[][] of) {
    }

    /** Whether ND4J's batched matmul gives each block's {@code mmul} bits for this shape (checked once per shape). */
    private static boolean batchMatchesBlocks(int batch, int n, int k, int m) {
        return BATCH_MATCHES_BLOCKS.computeIfAbsent(List.of(batch, n, k, m), s -> checkBatch(batch, n, k, m));
    }

    private static boolean checkBatch(int batch, int n, int k, int m) {
        INDArray a = new SeededRandom(batch * 131L + n * 31L + k).gaussian((long) batch * n, k)
                .reshape('c', batch, n, k);
        INDArray b = new SeededRandom(m * 17L + k).gaussian((long) batch * k, m).reshape('c', batch, k, m);
        INDArray together = Nd4j.matmul(a, b);
        for (int i = 0; i < batch; i++) {
            double[] alone = NativeArrays.values(a.slice(i).dup('c').mmul(b.slice(i).dup('c')));
            double[] inBatch = NativeArrays.values(together.slice(i));
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

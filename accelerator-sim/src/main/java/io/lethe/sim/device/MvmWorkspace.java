package io.lethe.sim.device;

/**
 * The Java arrays one MVM works in (inputs, one row block's products, Gaussians, ADC codes, the output), one set per
 * thread and reused by every crossbar the thread reads: arrays allocated afresh for every MVM cost more than the
 * pass over them (cold memory), and arrays kept per crossbar would hold the heap for every layer of a model at once.
 * Arrays only grow, up to {@link #KEPT_VALUES}; the first {@link #inLength} or {@link #outLength} values are the
 * current MVM's.
 */
final class MvmWorkspace {

    private static final ThreadLocal<MvmWorkspace> CURRENT = ThreadLocal.withInitial(MvmWorkspace::new);

    int inLength;
    int outLength;
    double[] rowMax = new double[0];
    /** The inputs as given, and DAC-quantised (n x rows). */
    double[] in = new double[0];
    double[] inputs = new double[0];
    float[] squares = new float[0];
    /** One row block's partial sums and variances (n x cols), and the Gaussians drawn for it. */
    double[] partial = new double[0];
    /** A block's partial sums as a column-major direct call wrote them, before they are put in row-major order. */
    double[] transposed = new double[0];
    float[] varianceF = new float[0];
    double[] variance = new double[0];
    double[] gaussians = new double[0];
    double[] codes = new double[0];
    double[] magnitudes = new double[0];
    double[] out = new double[0];

    private MvmWorkspace() {
    }

    /**
     * Values per array up to which a thread keeps its workspace (2 MB of doubles; the bench's 32x512x512 needs 16,384):
     * a larger MVM, such as an evaluation of a whole record set in one batch, gets arrays of its own, freed after it,
     * as every MVM's were before.
     */
    static final int KEPT_VALUES = 1 << 18;

    /** This thread's workspace, with room for {@code n} vectors through a rows x cols matrix. */
    static MvmWorkspace of(int n, int rows, int cols) {
        long largest = (long) n * Math.max(rows, cols);
        MvmWorkspace w = largest > KEPT_VALUES ? new MvmWorkspace() : CURRENT.get();
        w.inLength = Math.multiplyExact(n, rows);
        w.outLength = Math.multiplyExact(n, cols);
        if (w.rowMax.length < n) {
            w.rowMax = new double[n];
        }
        if (w.in.length < w.inLength) {
            w.in = new double[w.inLength];
            w.inputs = new double[w.inLength];
            w.squares = new float[w.inLength];
        }
        if (w.out.length < w.outLength) {
            int m = w.outLength;
            w.partial = new double[m];
            w.transposed = new double[m];
            w.varianceF = new float[m];
            w.variance = new double[m];
            w.gaussians = new double[m];
            w.codes = new double[m];
            w.magnitudes = new double[m];
            w.out = new double[m];
        }
        return w;
    }
}

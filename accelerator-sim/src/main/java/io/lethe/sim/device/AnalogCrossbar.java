package io.lethe.sim.device;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.random.SeededRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One weight matrix (inputs x outputs) held as conductances in analogue RM tiles. A matrix larger than
 * a tile spans {@code ceil(rows/tileRows) x ceil(cols/tileCols)} tiles; each tile digitises its own column
 * partial sums through its ADC and the digital periphery adds the partial sums of the tiles stacked along
 * the input dimension.
 *
 * <p>Conductances are stored as "planes": one plane for {@link MappingScheme#OFFSET_LINEAR}, a G+ and a G-
 * plane for {@link MappingScheme#DIFFERENTIAL_PAIR}. Every cell has a fixed device-to-device factor drawn
 * once when the crossbar is created (devices keep their character across reprogramming).
 *
 * <p>The offset scheme subtracts, per input row, the current of a reference cell programmed to the zero
 * conductance through the same write-verify loop. Write-verify approaches its targets from one side and
 * stops at the near edge of the tolerance band, so every cell is biased by a fraction of the tolerance;
 * subtracting an ideal 50 uS instead would turn that bias into an error proportional to the input sum.
 */
public final class AnalogCrossbar {

    private final DeviceConfig cfg;
    private final int rows;
    private final int cols;
    private final INDArray[] planes;
    private final INDArray[] deviceFactors;
    private final INDArray reference;
    private final INDArray referenceFactors;
    private double scale = 1.0;
    private INDArray[] lastTargets;
    private boolean referenceProgrammed;
    private double[] adcFullScale;
    private INDArray cachedWeights;
    private INDArray cachedNoiseVariance;
    private RowBlockProducts cachedProducts;

    private AnalogCrossbar(DeviceConfig cfg, int rows, int cols, INDArray[] planes, INDArray[] deviceFactors,
                           INDArray reference, INDArray referenceFactors) {
        this.cfg = cfg;
        this.rows = rows;
        this.cols = cols;
        this.planes = planes;
        this.deviceFactors = deviceFactors;
        this.reference = reference;
        this.referenceFactors = referenceFactors;
    }

    /** Fresh, unprogrammed cells at the initial conductance, with device factors from {@code deviceRng}. */
    public static AnalogCrossbar fresh(int rows, int cols, DeviceConfig cfg, SeededRandom deviceRng) {
        int n = cfg.mapping() == MappingScheme.DIFFERENTIAL_PAIR ? 2 : 1;
        INDArray[] planes = new INDArray[n];
        INDArray[] factors = new INDArray[n];
        for (int p = 0; p < n; p++) {
            planes[p] = Nd4j.valueArrayOf(new long[] {rows, cols}, cfg.initialConductance(), DataType.DOUBLE);
            INDArray f = deviceRng.gaussian(rows, cols).muli(cfg.deviceToDeviceSigma()).addi(1.0);
            factors[p] = Transforms.max(f, 0.2, false);
        }
        INDArray reference = null;
        INDArray referenceFactors = null;
        if (cfg.mapping() == MappingScheme.OFFSET_LINEAR) {
            reference = Nd4j.valueArrayOf(new long[] {rows, 1}, cfg.initialConductance(), DataType.DOUBLE);
            referenceFactors = Transforms.max(deviceRng.gaussian(rows, 1).muli(cfg.deviceToDeviceSigma()).addi(1.0),
                    0.2, false);
        }
        return new AnalogCrossbar(cfg, rows, cols, planes, factors, reference, referenceFactors);
    }

    /** A deep copy (cells, device factors, calibration). */
    public AnalogCrossbar copy() {
        INDArray[] p = new INDArray[planes.length];
        INDArray[] f = new INDArray[planes.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = planes[i].dup();
            f[i] = deviceFactors[i].dup();
        }
        AnalogCrossbar c = new AnalogCrossbar(cfg, rows, cols, p, f, reference == null ? null : reference.dup(),
                referenceFactors == null ? null : referenceFactors.dup());
        c.referenceProgrammed = referenceProgrammed;
        c.scale = scale;
        if (lastTargets != null) {
            c.lastTargets = new INDArray[lastTargets.length];
            for (int i = 0; i < lastTargets.length; i++) {
                c.lastTargets[i] = lastTargets[i].dup();
            }
        }
        c.adcFullScale = adcFullScale == null ? null : adcFullScale.clone();
        return c;
    }

    /**
     * A crossbar exactly as {@link CrossbarState} captured it: cells, device factors, scale, last targets and
     * ADC calibration. Package-private: only the snapshot codec restores device state.
     */
    static AnalogCrossbar restored(DeviceConfig cfg, int rows, int cols, INDArray[] planes, INDArray[] factors,
                                   double scale, INDArray[] lastTargets, double[] adcFullScale,
                                   INDArray[] referenceState) {
        boolean hasReference = referenceState != null && referenceState.length == 2;
        AnalogCrossbar c = new AnalogCrossbar(cfg, rows, cols, planes, factors,
                hasReference ? referenceState[0] : null, hasReference ? referenceState[1] : null);
        c.referenceProgrammed = hasReference;
        c.scale = scale;
        c.lastTargets = lastTargets;
        c.adcFullScale = adcFullScale;
        return c;
    }

    /** Copies of the device-to-device factors, for snapshots. */
    /** The reference column and its device factors (null for the differential pair), for snapshots. */
    INDArray[] referenceStateCopy() {
        return reference == null ? null : new INDArray[] {reference.dup(), referenceFactors.dup()};
    }

    INDArray[] deviceFactorsCopy() {
        return dupAll(deviceFactors);
    }

    /** Copies of the last programming targets (null if never programmed), for snapshots. */
    INDArray[] lastTargetsCopy() {
        return lastTargets == null ? null : dupAll(lastTargets);
    }

    /** The ADC full scale per row block (null if never programmed), for snapshots. */
    double[] adcFullScaleCopy() {
        return adcFullScale == null ? null : adcFullScale.clone();
    }

    private static INDArray[] dupAll(INDArray[] arrays) {
        INDArray[] c = new INDArray[arrays.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = arrays[i].dup();
        }
        return c;
    }

    /**
     * Programs {@code weights} with a fresh per-tensor scale (the paper's linear mapping) through write-verify.
     */
    public ProgrammingResult program(INDArray weights, SeededRandom rng, CostLedger ledger) {
        scale = ConductanceMapping.scaleFor(weights, cfg);
        return programAtCurrentScale(weights, null, rng, ledger);
    }

    /**
     * Programs {@code weights} keeping the existing scale (weights beyond the window are clipped), touching
     * only cells whose target moved by more than half the tolerance since they were last programmed: how an
     * in-situ update rewrites the array.
     */
    public ProgrammingResult update(INDArray weights, SeededRandom rng, CostLedger ledger) {
        return programAtCurrentScale(weights, cfg.tolerance() / 2, rng, ledger);
    }

    /**
     * Full reprogramming at the existing scale: every weight cell is first RESET to the initial conductance
     * (one counted RESET pulse with its driver per cell) and then written by write-verify from there, the way
     * a chip is reprogrammed when the changed cells are not tracked. The reference column is kept.
     */
    public ProgrammingResult reprogramFromReset(INDArray weights, SeededRandom rng, CostLedger ledger) {
        long cells = (long) rows * cols * planes.length;
        for (INDArray plane : planes) {
            plane.assign(cfg.initialConductance());
        }
        ledger.add(Operation.RESET_PULSE, cells);
        ledger.add(Operation.WRITE_DRIVER, cells);
        lastTargets = null;
        ProgrammingResult written = programAtCurrentScale(weights, null, rng, ledger);
        return written.plus(new ProgrammingResult(0, 0, cells, 0, 0, new long[0], 0));
    }

    private ProgrammingResult programAtCurrentScale(INDArray weights, Double moveThreshold, SeededRandom rng,
                                                    CostLedger ledger) {
        INDArray[] targets = ConductanceMapping.targets(weights, scale, cfg);
        WriteVerifyProgrammer programmer = new WriteVerifyProgrammer(cfg);
        ProgrammingResult total = ProgrammingResult.none();
        if (reference != null && !referenceProgrammed) {
            INDArray zero = Nd4j.valueArrayOf(new long[] {rows, 1}, cfg.gZero(), DataType.DOUBLE);
            total = total.plus(programmer.program(reference, zero, referenceFactors, null, rng, ledger));
            referenceProgrammed = true;
        }
        for (int p = 0; p < planes.length; p++) {
            INDArray mask = moveThreshold == null ? null : moved(targets[p], p, moveThreshold);
            total = total.plus(programmer.program(planes[p], targets[p], deviceFactors[p], mask, rng, ledger));
            if (mask != null && lastTargets != null) {
                // Cells left alone keep their old target as reference, so slow drifts still trigger a rewrite.
                targets[p] = targets[p].mul(mask).addi(lastTargets[p].mul(mask.rsub(1.0)));
            }
        }
        lastTargets = targets;
        cachedWeights = null;
        cachedNoiseVariance = null;
        cachedProducts = null;
        calibrateAdc();
        return total;
    }

    private INDArray moved(INDArray target, int plane, double threshold) {
        INDArray previous = lastTargets == null ? planes[plane] : lastTargets[plane];
        return Transforms.abs(target.sub(previous), false).gt(threshold).castTo(DataType.DOUBLE);
    }

    /** ADC full scale per tile row-block: a fraction of the largest column |partial sum| at full-scale input. */
    private void calibrateAdc() {
        INDArray w = Transforms.abs(effectiveWeights(), true);
        int blocks = rowBlocks();
        adcFullScale = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            INDArray block = w.get(rowRange(b), NDArrayIndex.all());
            double worst = block.sum(0).maxNumber().doubleValue();
            adcFullScale[b] = Math.max(worst * cfg.adcFullScaleFraction(), 1e-12);
        }
    }

    /** The weights the array actually holds: conductances (after drift) mapped back through the scale. */
    public INDArray effectiveWeights() {
        if (cachedWeights == null) {
            INDArray w = Nd4j.zeros(DataType.DOUBLE, rows, cols);
            double driftFactor = driftFactor();
            for (int p = 0; p < planes.length; p++) {
                INDArray g = planes[p].mul(driftFactor);
                if (reference != null) {
                    g.subiColumnVector(reference.mul(driftFactor));
                } else {
                    g.subi(ConductanceMapping.reference(cfg));
                }
                w.addi(g.muli(ConductanceMapping.sign(p)));
            }
            cachedWeights = w.divi(scale);
        }
        return cachedWeights;
    }

    private double driftFactor() {
        if (cfg.driftNu() <= 0 || cfg.driftSeconds() <= DeviceConfig.DRIFT_T0_SECONDS) {
            return 1.0;
        }
        return Math.pow(cfg.driftSeconds() / DeviceConfig.DRIFT_T0_SECONDS, -cfg.driftNu());
    }

    /**
     * One analogue matrix-vector product per row of {@code x} (n x rows): DAC-quantised inputs, per-cell read
     * noise, per-tile ADC quantisation of partial sums, digital accumulation across tiles.
     *
     * <p>Each tile row block's partial sums and read-noise variances are one product each ({@link RowBlockProducts}).
     * The partial sums are DOUBLE; the variances {@code x^2 . V} are computed in FLOAT (squared inputs and per-cell
     * variances rounded to float, then widened): they only set the sigma of each output's Gaussian, and float's
     * relative error (about 6e-8 per operation, 1e-5 at worst over a block) is far below any device figure, while the
     * product costs half a double one. The noise model is unchanged: per read, per cell, independent, with a sigma
     * proportional to the conductance. Everything after the products (noise, ADC rounding and clipping, accumulation,
     * input rescaling) is one pass in Java over their values, in the order and with the rounding the element-wise
     * ND4J calls it replaces used, so every result is the same bit for bit as those calls with the variance product
     * in FLOAT (AnalogCrossbarFastPathTest compares it with that implementation).
     */
    public INDArray mvm(INDArray x, SeededRandom noise, CostLedger ledger) {
        int n = Math.toIntExact(x.rows());
        RowBlockProducts products = products();
        MvmWorkspace w = MvmWorkspace.of(n, rows, cols);
        double[] out = w.out;
        // The native buffers are the crossbar's: held from the products until the last block is read.
        synchronized (products) {
            RowBlockProducts.Scratch s = products.scratch(n);
            NativeArrays.valuesInto(x, w.in);
            rowAbsMax(w.in, n, w.rowMax);
            quantiseInputs(w.in, w.rowMax, n, w.inputs);
            products.multiply(s, w);
            java.util.Arrays.fill(out, 0, w.outLength, 0.0);
            for (int b = 0; b < rowBlocks(); b++) {
                products.block(s, w, b);
                noise.fillGaussian(w.gaussians, w.outLength);
                accumulateAdc(w, adcFullScale[b]);
            }
        }
        for (int i = 0; i < n; i++) {
            double m = w.rowMax[i];
            for (int j = i * cols; j < (i + 1) * cols; j++) {
                out[j] *= m;
            }
        }
        chargeRead(n, ledger);
        return NativeArrays.ofPrefix(out, w.outLength, n, cols);
    }

    /** BLAS calls and ND4J calls one MVM of {@code n} vectors makes (partial sums and variances), for benchmarks. */
    public int[] callsPerMvm(int n) {
        return products().calls(n);
    }

    /** max(max_j |x_ij|, 1e-12) per row: the DAC's per-vector full scale. */
    private void rowAbsMax(double[] x, int n, double[] into) {
        for (int i = 0; i < n; i++) {
            double best = Math.abs(x[i * rows]);
            for (int j = 1; j < rows; j++) {
                best = Math.max(best, Math.abs(x[i * rows + j]));
            }
            into[i] = Math.max(best, 1e-12);
        }
    }

    /**
     * DAC quantisation of {@code x / rowMax}: round(v * levels) / levels, as the ND4J calls computed it. |v| is at
     * most 1, so {@link #roundSmallHalfAwayFromZero} applies; each step is a loop of its own, which C2 vectorises.
     */
    private void quantiseInputs(double[] x, double[] rowMax, int n, double[] into) {
        double levels = Math.pow(2, cfg.dacBits() - 1) - 1;
        int length = n * rows;
        for (int r = 0; r < n; r++) {
            double m = rowMax[r];
            for (int i = r * rows; i < (r + 1) * rows; i++) {
                into[i] = x[i] / m * levels;
            }
        }
        for (int i = 0; i < length; i++) {
            into[i] = roundSmallHalfAwayFromZero(into[i]);
        }
        for (int i = 0; i < length; i++) {
            into[i] /= levels;
        }
    }

    /**
     * {@code out += clamp(round((partial + gaussians * sqrt(spread)) * levels / fullScale)) * fullScale / levels}
     * element by element over one block's products ({@link RowBlockProducts#block}), the Gaussians in row-major order: the same stream
     * {@code noise.gaussian(n, cols)} gave. Clamping to the integer code limit before rounding gives the bits of
     * rounding first ({@code round} is monotonic and keeps integers), and lets {@link #roundSmallHalfAwayFromZero}
     * round. Four simple loops instead of one: C2 vectorises each, which took the pass from about 3.5 to 3 ns a value.
     */
    private void accumulateAdc(MvmWorkspace w, double fullScale) {
        double levels = Math.pow(2, cfg.adcBits() - 1) - 1;
        double toCodes = levels / fullScale;
        double toValue = fullScale / levels;
        double[] partial = w.partial;
        double[] spread = w.variance;
        double[] gaussians = w.gaussians;
        double[] codes = w.codes;
        double[] magnitudes = w.magnitudes;
        double[] out = w.out;
        int size = w.outLength;
        for (int i = 0; i < size; i++) {
            codes[i] = (partial[i] + gaussians[i] * Math.sqrt(spread[i])) * toCodes;
        }
        for (int i = 0; i < size; i++) {
            codes[i] = Math.min(Math.max(codes[i], -levels), levels);
        }
        for (int i = 0; i < size; i++) {
            magnitudes[i] = Math.floor(Math.abs(codes[i]) + BELOW_HALF);
        }
        for (int i = 0; i < size; i++) {
            out[i] += Math.copySign(magnitudes[i], codes[i]) * toValue;
        }
    }

    /** The largest double below 0.5. */
    private static final double BELOW_HALF = Math.nextDown(0.5);

    /**
     * {@link #roundHalfAwayFromZero} for |v| below 2^52 (and NaN) without a branch: {@code floor(|v| + nextDown(0.5))}
     * with v's sign. The sum is exact or rounds the right way: below a half it stays under the next integer (for
     * 0.49999999999999994 the sum is 1 - 2^-53 exactly), and from a half up it reaches it (0.5 + nextDown(0.5) ties to
     * the even 1.0). Tests compare it with {@code roundHalfAwayFromZero} on halves, their neighbours and seeded values.
     */
    static double roundSmallHalfAwayFromZero(double v) {
        return Math.copySign(Math.floor(Math.abs(v) + BELOW_HALF), v);
    }

    /**
     * {@code Math.min(Math.max(v, -limit), limit)} with the same bits (NaN and -0.0 pass through as there) but two
     * plain comparisons: the library calls' NaN and signed-zero branches were the costliest part of the ADC pass.
     */
    static double clamp(double v, double limit) {
        double low = v < -limit ? -limit : v;
        return low > limit ? limit : low;
    }

    /**
     * ND4J's {@code round} (C's {@code round}): halves away from zero, exact for every double. {@code rint} rounds to
     * nearest (ties to even), so only an exact half below an even neighbour needs the step up; {@code r - a} is exact
     * because both are within 0.5 of each other. Unlike a test of the fractional part, whose outcome is a coin toss
     * for noisy values, that branch is almost never taken, so it costs no mispredictions.
     */
    static double roundHalfAwayFromZero(double v) {
        double a = Math.abs(v);
        double r = Math.rint(a);
        return Math.copySign(r - a == -0.5 ? r + 1.0 : r, v);
    }

    /** Row-block products of the effective weights and of the read-noise variances (cached until reprogramming). */
    private RowBlockProducts products() {
        if (cachedProducts == null) {
            cachedProducts = new RowBlockProducts(cfg.tileRows(), effectiveWeights(), noiseVariance());
        }
        return cachedProducts;
    }

    /** Charges the array operations of {@code n} MVMs (also used for transposed reads in backpropagation). */
    public void chargeRead(long n, CostLedger ledger) {
        chargeReads(rows, cols, planes.length, reference != null, cfg, n, ledger);
    }

    /**
     * The array operations of {@code n} MVMs through a {@code rows x cols} matrix split into the preset's tiles:
     * the one counting rule for simulated crossbars and for operation counts of layers that are not simulated.
     *
     * @param planes conductance planes per weight (2 for a differential pair)
     * @param withReference whether each tile has an offset-scheme reference column
     */
    public static void chargeReads(int rows, int cols, int planes, boolean withReference, DeviceConfig cfg, long n,
                                   CostLedger ledger) {
        long rowBlocks = (rows + cfg.tileRows() - 1) / cfg.tileRows();
        long colBlocks = (cols + cfg.tileCols() - 1) / cfg.tileCols();
        long referenceCells = withReference ? rows * colBlocks : 0;
        ledger.add(Operation.CELL_READ, n * (rows * (long) cols * planes + referenceCells));
        long rowLines = rows * colBlocks;
        long columnConversions = cols * rowBlocks;
        ledger.add(Operation.DAC_CONVERSION, n * rowLines);
        // Every driven row line and every read column line of every tile is charged once per MVM, and every
        // column passes its integrator before its ADC: the periphery that V^2 G t of the cells leaves out.
        ledger.add(Operation.LINE_CHARGE, n * (rowLines + columnConversions));
        ledger.add(Operation.INTEGRATOR, n * columnConversions);
        ledger.add(Operation.ADC_CONVERSION, n * columnConversions);
    }


    /** Per-cell read-noise variance in weight units, summed over planes. */
    INDArray noiseVariance() {
        if (cachedNoiseVariance == null) {
            INDArray v = Nd4j.zeros(DataType.DOUBLE, rows, cols);
            for (INDArray g : planes) {
                INDArray s = g.mul(cfg.readNoiseSigma() / scale);
                v.addi(s.muli(s));
            }
            if (reference != null) {
                INDArray s = reference.mul(cfg.readNoiseSigma() / scale);
                v.addiColumnVector(s.muli(s));
            }
            cachedNoiseVariance = v;
        }
        return cachedNoiseVariance;
    }

    private org.nd4j.linalg.indexing.INDArrayIndex rowRange(int block) {
        int from = block * cfg.tileRows();
        return NDArrayIndex.interval(from, Math.min(rows, from + cfg.tileRows()));
    }

    /** Tiles stacked along the input dimension. */
    public int rowBlocks() {
        return (rows + cfg.tileRows() - 1) / cfg.tileRows();
    }

    /** Tiles side by side along the output dimension. */
    public int colBlocks() {
        return (cols + cfg.tileCols() - 1) / cfg.tileCols();
    }

    /** Physical tiles used (both planes of a differential pair count). */
    public int tileCount() {
        return rowBlocks() * colBlocks() * planes.length;
    }

    /** Physical cells used (weight cells; the offset scheme adds one reference cell per row). */
    public long cellCount() {
        return (long) rows * cols * planes.length + (reference == null ? 0 : rows);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The per-tensor weight-to-conductance scale (uS per weight unit). */
    public double scale() {
        return scale;
    }

    /** The raw conductance planes (copies), for digests and inspection. */
    public INDArray[] conductances() {
        INDArray[] c = new INDArray[planes.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = planes[i].dup();
        }
        return c;
    }
}

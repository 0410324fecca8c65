package io.lethe.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.config.Presets;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.random.SeededRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The MVM's one-pass Java post-processing gives the same bits as the element-wise ND4J implementation it replaced
 * (kept below as the reference), so every replayed digest stays what it was.
 */
class AnalogCrossbarFastPathTest {

    private final DeviceConfig paper = Presets.paper180nm().device();

    @Test
    void mvmIsBitIdenticalToTheElementWiseNd4jImplementation() {
        // 600x500x20 is larger than a thread keeps its workspace for (MvmWorkspace.KEPT_VALUES).
        int[][] shapes = {{1, 256, 128}, {32, 256, 128}, {32, 512, 512}, {7, 300, 40}, {5, 100, 3}, {600, 500, 20}};
        for (int[] s : shapes) {
            AnalogCrossbar xbar = AnalogCrossbar.fresh(s[1], s[2], paper, new SeededRandom(2));
            xbar.program(new SeededRandom(1).gaussian(s[1], s[2]).muli(0.1), new SeededRandom(3), new CostLedger());
            INDArray x = new SeededRandom(4).gaussian(s[0], s[1]);

            INDArray fast = xbar.mvm(x, new SeededRandom(5), new CostLedger());
            INDArray reference = elementWise(xbar, x, new SeededRandom(5));

            assertThat(fast.toDoubleMatrix()).as("shape %dx%dx%d", s[0], s[1], s[2])
                    .isDeepEqualTo(reference.toDoubleMatrix());
        }
    }

    /**
     * A single vector's partial sums may go to Java's {@code FmaGemm} instead (where OpenBLAS's kernel for this CPU
     * sums them in another order than ND4J's call), which is as fast at that size; batches need the direct calls.
     */
    @Test
    void anMvmMakesOneDirectBlasCallPerRowBlockAndMatrixAndNoNd4jCall() {
        assertThat(programmed(256, 128).callsPerMvm(1)[1]).as("1 vector: no ND4J call").isZero();
        assertThat(programmed(256, 128).callsPerMvm(1)[0]).as("1 vector: the variances direct").isIn(2, 4);
        assertThat(programmed(512, 512).callsPerMvm(32)).as("4 row blocks, 2 matrices").containsExactly(8, 0);
        assertThat(programmed(140, 512).callsPerMvm(32)).as("a full block and a 12-row one").containsExactly(4, 0);
    }

    private AnalogCrossbar programmed(int rows, int cols) {
        AnalogCrossbar xbar = AnalogCrossbar.fresh(rows, cols, paper, new SeededRandom(2));
        xbar.program(new SeededRandom(1).gaussian(rows, cols).muli(0.1), new SeededRandom(3), new CostLedger());
        return xbar;
    }

    @Test
    void roundingMatchesNd4jOnHalvesAndTheirNeighbours() {
        double[] v = {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999999999999994, -0.49999999999999994, -0.0, 0.0,
            4503599627370497.0, -3.5000000000000004, 126.5, -127.49999999999999};
        double[] nd4j = Transforms.round(Nd4j.createFromArray(v), true).toDoubleVector();
        for (int i = 0; i < v.length; i++) {
            assertThat(Double.doubleToRawLongBits(AnalogCrossbar.roundHalfAwayFromZero(v[i])))
                    .as("round(%s)", v[i]).isEqualTo(Double.doubleToRawLongBits(nd4j[i]));
        }
    }

    @Test
    void roundingMatchesNd4jOnSeededValuesOfEveryMagnitude() {
        SeededRandom random = new SeededRandom(17);
        double[] v = new double[20_000];
        for (int i = 0; i < v.length; i++) {
            double halves = Math.floor(random.nextGaussian() * 400) / 2; // exact halves and integers
            double noisy = random.nextGaussian() * Math.pow(2, random.nextInt(60) - 5);
            v[i] = i % 3 == 0 ? halves : i % 3 == 1 ? noisy : Math.nextUp(halves);
        }
        double[] nd4j = Transforms.round(Nd4j.createFromArray(v), true).toDoubleVector();
        for (int i = 0; i < v.length; i++) {
            assertThat(Double.doubleToRawLongBits(AnalogCrossbar.roundHalfAwayFromZero(v[i])))
                    .as("round(%s)", v[i]).isEqualTo(Double.doubleToRawLongBits(nd4j[i]));
        }
    }

    @Test
    void branchFreeRoundingMatchesRoundHalfAwayFromZero() {
        SeededRandom random = new SeededRandom(19);
        double[] fixed = {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999999999999994, -0.49999999999999994, -0.0, 0.0,
            126.5, -127.49999999999999, 127.5, -127.5, 1e-300, Math.nextUp(0.5), Math.nextDown(1.5), 4503599627370495.5};
        double[] v = new double[60_000];
        for (int i = 0; i < v.length; i++) {
            double halves = Math.floor(random.nextGaussian() * 400) / 2;
            v[i] = i < fixed.length ? fixed[i] : i % 4 == 0 ? halves : i % 4 == 1 ? Math.nextUp(halves)
                    : i % 4 == 2 ? Math.nextDown(halves) : random.nextGaussian() * Math.pow(2, random.nextInt(40) - 20);
        }
        for (double x : v) {
            assertThat(Double.doubleToRawLongBits(AnalogCrossbar.roundSmallHalfAwayFromZero(x)))
                    .as("round(%s)", x).isEqualTo(Double.doubleToRawLongBits(AnalogCrossbar.roundHalfAwayFromZero(x)));
            // The ADC clamps to its integer code limit before rounding; that gives the bits of rounding first.
            double clampFirst = AnalogCrossbar.roundSmallHalfAwayFromZero(Math.min(Math.max(x, -127), 127));
            assertThat(Double.doubleToRawLongBits(clampFirst)).as("adc(%s)", x)
                    .isEqualTo(Double.doubleToRawLongBits(AnalogCrossbar.clamp(AnalogCrossbar.roundHalfAwayFromZero(x),
                            127)));
        }
        assertThat(AnalogCrossbar.roundSmallHalfAwayFromZero(Double.NaN)).isNaN();
    }

    @Test
    void clampMatchesMathMinOfMathMax() {
        double[] v = {-200, -127, -126.5, -0.0, 0.0, 3, 127, 127.5, 1e300, Double.NaN, Double.NEGATIVE_INFINITY};
        for (double x : v) {
            assertThat(Double.doubleToRawLongBits(AnalogCrossbar.clamp(x, 127)))
                    .as("clamp(%s)", x).isEqualTo(Double.doubleToRawLongBits(Math.min(Math.max(x, -127), 127)));
        }
    }

    /**
     * The MVM as it was before the fast path: one ND4J call per element-wise step; since the variance product went to
     * float, that product is one FLOAT {@code mmul} here too.
     */
    private INDArray elementWise(AnalogCrossbar xbar, INDArray x, SeededRandom noise) {
        long n = x.rows();
        INDArray xMax = Transforms.max(Transforms.abs(x, true).max(1), 1e-12, false).reshape(n, 1);
        double dacLevels = Math.pow(2, paper.dacBits() - 1) - 1;
        INDArray xq = Transforms.round(x.divColumnVector(xMax).mul(dacLevels), false).divi(dacLevels);
        INDArray out = Nd4j.zeros(DataType.DOUBLE, n, xbar.cols());
        INDArray w = xbar.effectiveWeights();
        INDArray variance = xbar.noiseVariance();
        double[] fullScale = xbar.adcFullScaleCopy();
        for (int b = 0; b < xbar.rowBlocks(); b++) {
            var rows = NDArrayIndex.interval(b * paper.tileRows(), Math.min(xbar.rows(), (b + 1) * paper.tileRows()));
            INDArray xb = xq.get(NDArrayIndex.all(), rows);
            INDArray partial = xb.mmul(w.get(rows, NDArrayIndex.all()));
            // The variance product in FLOAT (squared inputs and variances rounded to float), as the MVM computes it.
            INDArray spread = xb.mul(xb).castTo(DataType.FLOAT)
                    .mmul(variance.get(rows, NDArrayIndex.all()).castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
            INDArray sigma = Transforms.sqrt(spread, false);
            partial.addi(noise.gaussian(n, xbar.cols()).muli(sigma));
            double levels = Math.pow(2, paper.adcBits() - 1) - 1;
            INDArray codes = Transforms.round(partial.mul(levels / fullScale[b]), false);
            codes = Transforms.min(Transforms.max(codes, -levels, false), levels, false);
            out.addi(codes.muli(fullScale[b] / levels));
        }
        return out.muliColumnVector(xMax);
    }
}

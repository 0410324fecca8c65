package io.lethe.sim.device;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.random.SeededRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Iterative write-verify programming, simulated pulse by pulse but vectorised: each iteration reads back
 * every still-active cell of the whole array at once (with read noise), retires cells inside tolerance,
 * and applies one SET or RESET pulse to the rest. Pulse size = nominal step x the cell's fixed
 * device-to-device factor x a fresh cycle-to-cycle factor; the nominal step is coarse far from the target
 * and fine near it. Cells still outside tolerance after {@code maxIterations} pulses are non-converged and
 * keep whatever conductance they reached: that residual is what inference sees.
 */
public final class WriteVerifyProgrammer {

    private final DeviceConfig cfg;

    public WriteVerifyProgrammer(DeviceConfig cfg) {
        this.cfg = cfg;
    }

    /**
     * Programs {@code conductance} (modified in place) towards {@code target}.
     *
     * @param conductance current cell conductances (uS), updated in place
     * @param target target conductances (uS), same shape
     * @param deviceFactor per-cell pulse-response factor (device-to-device variation), same shape
     * @param mask 1 for cells to program, 0 to leave alone; null programs every cell
     * @param rng seeded source of read noise and cycle-to-cycle variation
     * @param ledger receives pulse and verify-read counts
     */
    public ProgrammingResult program(INDArray conductance, INDArray target, INDArray deviceFactor, INDArray mask,
                                     SeededRandom rng, CostLedger ledger) {
        long[] shape = conductance.shape();
        INDArray active = mask == null ? Nd4j.ones(DataType.DOUBLE, shape) : mask.dup();
        long targeted = active.sumNumber().longValue();
        INDArray pulses = Nd4j.zeros(DataType.DOUBLE, shape);
        long set = 0;
        long reset = 0;
        long reads = 0;
        for (int iteration = 0; targeted > 0; iteration++) {
            INDArray error = target.sub(verifyRead(conductance, rng, shape));
            reads += active.sumNumber().longValue();
            INDArray outside = Transforms.abs(error, true).gt(cfg.tolerance()).castTo(DataType.DOUBLE);
            active.muli(outside);
            if (iteration == cfg.maxIterations() || active.sumNumber().longValue() == 0) {
                break;
            }
            INDArray direction = Transforms.sign(error, true).muli(active);
            set += direction.gt(0).castTo(DataType.DOUBLE).sumNumber().longValue();
            reset += direction.lt(0).castTo(DataType.DOUBLE).sumNumber().longValue();
            conductance.addi(direction.muli(pulseSize(error, deviceFactor, rng, shape)));
            clampToWindow(conductance);
            pulses.addi(active);
        }
        long nonConverged = active.sumNumber().longValue();
        ledger.add(Operation.SET_PULSE, set);
        ledger.add(Operation.RESET_PULSE, reset);
        ledger.add(Operation.WRITE_DRIVER, set + reset);
        ledger.add(Operation.VERIFY_READ, reads);
        return new ProgrammingResult(targeted, set, reset, reads, nonConverged,
                histogram(pulses, mask), rmsError(conductance, target, mask, targeted));
    }

    private INDArray verifyRead(INDArray g, SeededRandom rng, long[] shape) {
        INDArray noise = rng.gaussian(shape[0], shape[1]).muli(g).muli(cfg.readNoiseSigma());
        return g.add(noise);
    }

    /** Nominal step (coarse or fine by distance), times device factor, times a non-negative cycle factor. */
    private INDArray pulseSize(INDArray error, INDArray deviceFactor, SeededRandom rng, long[] shape) {
        INDArray fine = Transforms.abs(error, true).lte(cfg.fineThreshold()).castTo(DataType.DOUBLE);
        INDArray nominal = fine.mul(cfg.finePulseStep() - cfg.coarsePulseStep()).addi(cfg.coarsePulseStep());
        INDArray cycle = rng.gaussian(shape[0], shape[1]).muli(cfg.cycleToCycleSigma()).addi(1.0);
        return nominal.muli(deviceFactor).muli(Transforms.max(cycle, 0.0, false));
    }

    private void clampToWindow(INDArray g) {
        Transforms.max(g, cfg.gMin(), false);
        Transforms.min(g, cfg.gMax(), false);
    }

    private long[] histogram(INDArray pulses, INDArray mask) {
        long[] h = new long[cfg.maxIterations() + 1];
        double[] p = pulses.reshape(-1).toDoubleVector();
        double[] m = mask == null ? null : mask.reshape(-1).toDoubleVector();
        for (int i = 0; i < p.length; i++) {
            if (m == null || m[i] > 0) {
                h[(int) p[i]]++;
            }
        }
        return h;
    }

    private static double rmsError(INDArray g, INDArray target, INDArray mask, long targeted) {
        if (targeted == 0) {
            return 0;
        }
        INDArray diff = g.sub(target);
        if (mask != null) {
            diff.muli(mask);
        }
        return Math.sqrt(diff.muli(diff).sumNumber().doubleValue() / targeted);
    }
}

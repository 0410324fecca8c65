package io.lethe.sim.nn;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.random.SeededRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic DDIM sampling (eta = 0) on the analogue chip: {@code steps} evenly spaced steps of the schedule
 * from pure noise, each predicting eps, estimating the clean image (clipped to [-1, 1]) and stepping to the
 * previous noise level. The paper samples 100 steps with classifier-free guidance 4.0; at CI size there is no
 * unconditional class to guide against, so no guidance.
 */
public final class DitSampler {

    private DitSampler() {
    }

    /**
     * One image per row of {@code conditions} (the one-hots), pixels in [0, 1].
     *
     * @param seed the starting noise and the read noise
     */
    public static INDArray sample(DitNetwork net, LoraByLayer lora, LoraByLayer fixed, DiffusionSchedule schedule,
                                  INDArray conditions, int steps, long seed, CostLedger ledger) {
        int n = conditions.rows();
        SeededRandom noise = SeededRandom.derive(seed, "sampling-noise");
        SeededRandom read = SeededRandom.derive(seed, "sampling-read-noise");
        INDArray x = noise.gaussian(n, DitNetwork.PIXELS);
        INDArray x0 = x;
        for (int i = steps - 1; i >= 0; i--) {
            int t = (int) Math.round((double) i * (schedule.steps() - 1) / Math.max(1, steps - 1));
            int prev = i == 0 ? -1 : (int) Math.round((double) (i - 1) * (schedule.steps() - 1) / Math.max(1, steps - 1));
            INDArray in = Nd4j.hstack(x, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, n, 1).addi(t), conditions);
            INDArray eps = net.forward(in, ComputeMode.ANALOG, lora, fixed, read, ledger).output();
            double a = schedule.alphaBar(t);
            x0 = x.sub(eps.mul(Math.sqrt(1 - a))).divi(Math.sqrt(a));
            x0 = clip(x0);
            double ap = prev < 0 ? 1.0 : schedule.alphaBar(prev);
            x = x0.mul(Math.sqrt(ap)).addi(eps.mul(Math.sqrt(1 - ap)));
        }
        return x0.add(1.0).divi(2.0);
    }

    private static INDArray clip(INDArray x) {
        double[] v = DitOps.values(x);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(-1, Math.min(1, v[i]));
        }
        return DitOps.matrix(v, x.columns());
    }
}

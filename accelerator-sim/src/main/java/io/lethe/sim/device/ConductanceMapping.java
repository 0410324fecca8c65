package io.lethe.sim.device;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Weight-to-conductance mapping, one scale per tensor. */
public final class ConductanceMapping {

    private ConductanceMapping() {
    }

    /**
     * The scale (uS per weight unit) that puts the tensor's largest magnitude at the window edge: for the
     * offset scheme {@code min((gMax-gZero)/max+, (gZero-gMin)/|min-|)} as in the paper's code; for the
     * differential pair {@code (gMax-gMin)/max|w|}.
     */
    public static double scaleFor(INDArray w, DeviceConfig cfg) {
        double maxPos = Math.max(w.maxNumber().doubleValue(), 1e-12);
        double maxNeg = Math.max(-w.minNumber().doubleValue(), 1e-12);
        if (cfg.mapping() == MappingScheme.DIFFERENTIAL_PAIR) {
            return (cfg.gMax() - cfg.gMin()) / Math.max(maxPos, maxNeg);
        }
        return Math.min((cfg.gMax() - cfg.gZero()) / maxPos, (cfg.gZero() - cfg.gMin()) / maxNeg);
    }

    /** Target conductance plane(s), clipped into the window. */
    public static INDArray[] targets(INDArray w, double scale, DeviceConfig cfg) {
        if (cfg.mapping() == MappingScheme.DIFFERENTIAL_PAIR) {
            INDArray pos = Transforms.max(w, 0.0, true).muli(scale).addi(cfg.gMin());
            INDArray neg = Transforms.max(w.neg(), 0.0, false).muli(scale).addi(cfg.gMin());
            return new INDArray[] {clip(pos, cfg), clip(neg, cfg)};
        }
        return new INDArray[] {clip(w.mul(scale).addi(cfg.gZero()), cfg)};
    }

    /** The conductance that means "no contribution" in a plane. */
    static double reference(DeviceConfig cfg) {
        return cfg.mapping() == MappingScheme.DIFFERENTIAL_PAIR ? cfg.gMin() : cfg.gZero();
    }

    /** +1 for the offset plane and G+, -1 for G-. */
    static double sign(int plane) {
        return plane == 0 ? 1.0 : -1.0;
    }

    private static INDArray clip(INDArray g, DeviceConfig cfg) {
        return Transforms.min(Transforms.max(g, cfg.gMin(), false), cfg.gMax(), false);
    }
}

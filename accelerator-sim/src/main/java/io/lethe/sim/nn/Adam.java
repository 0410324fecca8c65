package io.lethe.sim.nn;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Adam (beta1 0.9, beta2 0.999, eps 1e-8), updating parameter arrays in place. */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private final double lr;
    private final Map<String, INDArray> m = new HashMap<>();
    private final Map<String, INDArray> v = new HashMap<>();
    private int t;

    Adam(double lr) {
        this.lr = lr;
    }

    void step(Map<String, INDArray> params, Map<String, INDArray> grads) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (var e : params.entrySet()) {
            INDArray g = grads.get(e.getKey());
            if (g == null) {
                continue;
            }
            INDArray mi = m.computeIfAbsent(e.getKey(), k -> g.mul(0));
            INDArray vi = v.computeIfAbsent(e.getKey(), k -> g.mul(0));
            mi.muli(BETA1).addi(g.mul(1 - BETA1));
            vi.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
            INDArray denom = Transforms.sqrt(vi.div(c2), false).addi(EPS);
            e.getValue().subi(mi.div(c1).divi(denom).muli(lr));
        }
    }
}

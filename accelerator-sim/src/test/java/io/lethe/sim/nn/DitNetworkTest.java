package io.lethe.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.random.SeededRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The DiT block's hand-written backpropagation against finite differences (float mode, seeded). */
class DitNetworkTest {

    private static final int CONDITIONS = 5;
    private final DitNetwork net = DitNetwork.init(2, 8, 12, CONDITIONS, new SeededRandom(1));
    private final LoraByLayer lora = net.initLora(2, 4.0, new SeededRandom(2));
    private final LoraByLayer fixed = net.initLora(2, 4.0, new SeededRandom(6));
    private final INDArray rows = inputs(3);
    private final INDArray target = new SeededRandom(5).gaussian(3, DitNetwork.PIXELS);

    DitNetworkTest() {
        // Non-zero B so the gradients of A are not trivially zero, and a frozen branch that changes the output.
        lora.adapters.values().forEach(a -> a.b.assign(new SeededRandom(4).gaussian(a.b.rows(), a.b.columns()).muli(0.1)));
        fixed.adapters.values().forEach(a -> a.b.assign(new SeededRandom(7).gaussian(a.b.rows(), a.b.columns()).muli(0.1)));
    }

    private static INDArray inputs(int n) {
        INDArray pixels = new SeededRandom(3).gaussian(n, DitNetwork.PIXELS);
        INDArray t = Nd4j.createFromArray(new double[][] {{3}, {17}, {40}});
        INDArray c = Nd4j.createFromArray(new double[][] {{1, 0, 0, 1, 0}, {0, 1, 0, 0, 1}, {0, 0, 1, 1, 0}});
        return Nd4j.hstack(pixels, t, c);
    }

    private double loss() {
        var p = net.forward(rows, ComputeMode.FLOAT, lora, fixed, new SeededRandom(0), new CostLedger());
        return DiffusionSchedule.mse(p.output(), target).value();
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        var p = net.forward(rows, ComputeMode.FLOAT, lora, fixed, new SeededRandom(0), new CostLedger());
        Map<String, INDArray> g = net.backward(p, DiffusionSchedule.mse(p.output(), target).gradient(),
                Set.copyOf(net.linears().keySet()), true, new CostLedger());
        Map<String, INDArray> params = net.parameters(List.copyOf(net.linears().keySet()), true);
        params.putAll(lora.parameters());
        for (String name : List.of("cond", "embed", "0.ada", "1.ada", "kernel.0.dwconv", "kernel.1.dwconv",
                "0.fc1", "1.fc2", "final.ada", "final", "0.fc1.A", "1.fc2.B", "1.fc1.A")) {
            INDArray w = params.get(name);
            assertThat(g).as(name).containsKey(name);
            for (long i : new long[] {0, w.length() / 3, w.length() / 2 + 1, w.length() - 1}) {
                double old = w.getDouble(i);
                w.putScalar(i, old + 1e-5);
                double up = loss();
                w.putScalar(i, old - 1e-5);
                double down = loss();
                w.putScalar(i, old);
                double numeric = (up - down) / 2e-5;
                assertThat(g.get(name).getDouble(i)).as(name + "[" + i + "]")
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-7 + 1e-4 * Math.abs(numeric)));
            }
        }
        assertThat(g).as("the frozen branch gets no gradients").doesNotContainKeys("0.fc1.A.fixed");
        assertThat(g.keySet().stream().filter(k -> k.endsWith(".A") || k.endsWith(".B")).count())
                .as("one A and one B per adapted layer of the trained branch").isEqualTo(2L * net.adaptedLayers().size());
    }

    /**
     * A branch on fc1/fc2 needs no gradient through the adaLN and condition layers nor below block 0's fc1: the
     * backward pass charges the input-gradient products of final and of every fc layer but block 0's fc1, and the
     * branch's gradients are exactly those of a pass that goes everywhere (to train the condition embedding).
     */
    @Test
    void branchTrainingBackpropagatesOnlyWhereABranchParameterIsBelow() {
        var p = net.forward(rows, ComputeMode.FLOAT, lora, fixed, new SeededRandom(0), new CostLedger());
        INDArray dOutput = DiffusionSchedule.mse(p.output(), target).gradient();
        CostLedger branchOnly = new CostLedger();
        Map<String, INDArray> g = net.backward(p, dOutput, Set.of(), false, branchOnly);
        Map<String, INDArray> everywhere = net.backward(p, dOutput, Set.of("cond"), false, new CostLedger());

        assertThat(g.keySet()).hasSize(2 * net.adaptedLayers().size());
        g.forEach((name, gradient) -> assertThat(gradient).as(name).isEqualTo(everywhere.get(name)));
        long transposed = 0;
        for (String name : List.of("final", "1.fc2", "1.fc1", "0.fc2")) {
            DenseLayer d = net.linears().get(name);
            transposed += p.inputs.get(name).rows() * (long) d.inputs() * d.outputs();
        }
        assertThat(branchOnly.count(io.lethe.sim.cost.Operation.HOST_FP32_MAC)).isEqualTo(transposed);
    }

    @Test
    void patchesRoundTripAndLoraSitsOnTheMlpOnly() {
        INDArray images = new SeededRandom(9).uniform(2, DitNetwork.PIXELS);
        assertThat(DitNetwork.unpatchify(DitNetwork.patchify(images), 2)).isEqualTo(images);
        assertThat(net.adaptedLayers()).containsExactly("0.fc1", "0.fc2", "1.fc1", "1.fc2");
        assertThat(net.vectorsPerSample("0.fc1")).isEqualTo(16);
        assertThat(net.vectorsPerSample("0.ada")).isEqualTo(1);
    }
}

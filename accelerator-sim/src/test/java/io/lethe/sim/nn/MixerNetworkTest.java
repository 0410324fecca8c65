package io.lethe.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.random.SeededRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The mixer's hand-written backpropagation against finite differences (float mode, seeded). */
class MixerNetworkTest {

    private final MixerNetwork net = MixerNetwork.init(2, 5, 7, 3, new SeededRandom(1));
    private final LoraByLayer lora = net.initLora(2, 4.0, new SeededRandom(2));
    private final INDArray images = new SeededRandom(3).uniform(4, 256);
    private final Samples samples = new Samples(images, new int[] {0, 1, 2, 1}, null, new double[] {1, 1, -0.5, 1});

    MixerNetworkTest() {
        // Non-zero B so the gradients of A are not trivially zero.
        lora.adapters.values().forEach(a -> a.b.assign(new SeededRandom(4).gaussian(a.b.rows(), a.b.columns()).muli(0.1)));
    }

    private double loss() {
        var p = net.forward(images, ComputeMode.FLOAT, lora, new SeededRandom(0), new CostLedger());
        return Loss.CROSS_ENTROPY.evaluate(p.logits(), samples).value();
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        var p = net.forward(images, ComputeMode.FLOAT, lora, new SeededRandom(0), new CostLedger());
        Map<String, INDArray> g = net.backward(p, Loss.CROSS_ENTROPY.evaluate(p.logits(), samples).gradient(),
                Set.copyOf(net.linears().keySet()), true, new CostLedger());
        Map<String, INDArray> params = net.parameters(List.copyOf(net.linears().keySet()), true);
        params.putAll(lora.parameters());
        for (String name : List.of("embed", "0.token1", "1.token2", "0.channel1", "1.channel2", "out",
                "gain.0.norm1", "gain.final", "0.channel1.A", "out.B", "1.channel2.A")) {
            INDArray w = params.get(name);
            for (long i : new long[] {0, w.length() / 2, w.length() - 1}) {
                double old = w.getDouble(i);
                w.putScalar(i, old + 1e-5);
                double up = loss();
                w.putScalar(i, old - 1e-5);
                double down = loss();
                w.putScalar(i, old);
                double numeric = (up - down) / 2e-5;
                assertThat(g.get(name).getDouble(i)).as(name + "[" + i + "]")
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(numeric)));
            }
        }
    }

    /**
     * Training a branch needs no gradient below its lowest adapted layer (block 0's channel1): the backward pass
     * stops there, with the branch's gradients exactly those of a pass that goes all the way down (to train the
     * RMSNorm gains), and it charges the input-gradient products of the layers above only.
     */
    @Test
    void branchTrainingBackpropagatesNoFurtherThanTheLowestAdaptedLayer() {
        var p = net.forward(images, ComputeMode.FLOAT, lora, new SeededRandom(0), new CostLedger());
        INDArray dLogits = Loss.CROSS_ENTROPY.evaluate(p.logits(), samples).gradient();
        CostLedger branchOnly = new CostLedger();
        Map<String, INDArray> g = net.backward(p, dLogits, Set.of(), false, branchOnly);
        Map<String, INDArray> throughTheGains = net.backward(p, dLogits, Set.of(), true, new CostLedger());

        assertThat(g.keySet()).hasSize(2 * net.adaptedLayers().size());
        g.forEach((name, gradient) -> assertThat(gradient).as(name).isEqualTo(throughTheGains.get(name)));
        long transposed = 0;
        for (String name : List.of("out", "1.channel2", "1.channel1", "1.token2", "1.token1", "0.channel2")) {
            DenseLayer d = net.linears().get(name);
            transposed += p.inputs.get(name).rows() * (long) d.inputs() * d.outputs();
        }
        assertThat(branchOnly.count(io.lethe.sim.cost.Operation.HOST_FP32_MAC)).isEqualTo(transposed);
    }

    @Test
    void thePaperSizedMixerHasThePaperCounts() {
        MixerNetwork paper = MixerNetwork.init(2, 20, 32, 6, new SeededRandom(1));
        long adapted = paper.adaptedLayers().stream()
                .mapToLong(n -> (long) paper.linears().get(n).inputs() * paper.linears().get(n).outputs()).sum();
        long branch = paper.initLora(6, 4.0, new SeededRandom(2)).parameterCount();

        assertThat(paper.weightCount()).isEqualTo(5048);
        assertThat(adapted).isEqualTo(2680);
        assertThat(branch).isEqualTo(1404);
    }
}

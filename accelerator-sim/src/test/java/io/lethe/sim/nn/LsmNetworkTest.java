package io.lethe.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.config.Presets;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.random.SeededRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The spiking liquid on a tiny seeded problem: learns, replays, and charges its recurrence per window. */
class LsmNetworkTest {

    private final INDArray x = new SeededRandom(3).uniform(12, 4 * 6);
    private final int[] y = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
    private final Samples set = new Samples(x, y, null, new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});

    private static LsmNetwork net() {
        return LsmNetwork.init(6, 4, 16, 3, new SeededRandom(1));
    }

    @Test
    void floatTrainingLowersTheLossAndReplaysBitForBit() {
        LsmNetwork a = net();
        LsmNetwork b = net();
        double before = Loss.CROSS_ENTROPY.evaluate(a.logits(x, ComputeMode.FLOAT, LoraByLayer.NONE,
                new SeededRandom(0), new CostLedger()), set).value();

        double after = LsmTrainer.trainFloat(a, set, new Hyperparameters(30, 0.01, 12, 1), 5, new CostLedger());
        LsmTrainer.trainFloat(b, set, new Hyperparameters(30, 0.01, 12, 1), 5, new CostLedger());

        assertThat(after).isLessThan(before);
        assertThat(a.linears().get("fc1h").weight()).isEqualTo(b.linears().get("fc1h").weight());
    }

    @Test
    void loraOnTheAnalogueLiquidReadsItsWeightsOncePerWindow() {
        LsmNetwork net = net();
        net.program(Presets.paper180nm(), 2, new SeededRandom(3), new CostLedger());
        LoraByLayer lora = net.initLora(2, 4, new SeededRandom(4));
        CostLedger one = new CostLedger();

        net.logits(x.getRows(0), ComputeMode.ANALOG, lora, new SeededRandom(0), one);

        long loraWeights = 2L * (6 + 16) + 2L * (16 + 16);
        assertThat(one.count(Operation.SRAM_READ_BYTE)).isEqualTo(4 * loraWeights);
        assertThat(net.callsPerSample("fc1h")).isEqualTo(4);
        assertThat(net.callsPerSample("fc2")).isEqualTo(1);
    }
}

package io.lethe.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.config.Presets;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.random.SeededRandom;
import org.junit.jupiter.api.Test;

/** Seeded training regimes of the mixer on a tiny random problem. */
class MixerTrainerTest {

    private final Samples set = new Samples(new SeededRandom(3).uniform(6, 256), new int[] {0, 1, 2, 0, 1, 2}, null,
            new double[] {1, 1, -0.5, 1, 1, -0.5});
    private final Hyperparameters hp = new Hyperparameters(3, 0.01, 4, 4.0);

    private MixerNetwork programmed() {
        MixerNetwork net = MixerNetwork.init(1, 4, 5, 3, new SeededRandom(1));
        net.program(Presets.paper180nm(), 2, new SeededRandom(3), new CostLedger());
        return net;
    }

    @Test
    void loraTrainingReplaysBitForBitAndPaysItsOptimiserStateEveryStep() {
        MixerNetwork a = programmed();
        MixerNetwork b = programmed();
        LoraByLayer la = a.initLora(2, 4.0, new SeededRandom(5));
        LoraByLayer lb = b.initLora(2, 4.0, new SeededRandom(5));
        CostLedger ledger = new CostLedger();

        MixerTrainer.trainLora(a, la, set, hp, 9, ledger);
        MixerTrainer.trainLora(b, lb, set, hp, 9, new CostLedger());

        assertThat(la.parameters()).isEqualTo(lb.parameters());
        long steps = 3 * 2;
        assertThat(ledger.count(Operation.OPTIMISER_STATE_UPDATE)).isEqualTo(steps * la.parameterCount());
        assertThat(ledger.count(Operation.SET_PULSE)).as("the backbone stays frozen").isZero();
    }

    @Test
    void inSituTrainingRewritesOnlyTheAdaptedLayers() {
        MixerNetwork net = programmed();
        var before = net.linears().get("0.token1").crossbar().conductances()[0];
        CostLedger ledger = new CostLedger();

        ProgrammingResult r = MixerTrainer.trainInSitu(net, set, hp, 9, ledger);

        assertThat(r.totalPulses()).isPositive();
        assertThat(net.linears().get("0.token1").crossbar().conductances()[0]).isEqualTo(before);
        assertThat(ledger.count(Operation.WRITE_DRIVER)).isEqualTo(r.totalPulses());
    }
}

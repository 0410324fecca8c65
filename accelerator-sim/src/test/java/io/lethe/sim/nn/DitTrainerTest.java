package io.lethe.sim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.config.Presets;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.random.SeededRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded training regimes and sampling of the DiT on a tiny random problem: same seed, same digests. */
class DitTrainerTest {

    private static final int CONDITIONS = 3;
    private final DiffusionSchedule schedule = new DiffusionSchedule(20);
    private final Samples set = samples();
    private final Hyperparameters hp = new Hyperparameters(2, 0.01, 4, 8);

    private static Samples samples() {
        INDArray pixels = new SeededRandom(3).uniform(6, DitNetwork.PIXELS).muli(2).subi(1);
        INDArray c = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0},
                {0, 0, 1}});
        return new Samples(Nd4j.hstack(pixels, c), new int[] {0, 1, 2, 0, 1, 2}, null, new double[] {1, 1, 1, 1, 1, 1});
    }

    private DitNetwork programmed() {
        DitNetwork net = DitNetwork.init(1, 8, 16, CONDITIONS, new SeededRandom(1));
        DitTrainer.trainFloat(net, schedule, set, hp, 4, new CostLedger());
        net.program(Presets.paper180nm(), 2, new SeededRandom(3), new CostLedger());
        return net;
    }

    @Test
    void sameSeedGivesTheSameBackboneBranchAndSamples() {
        DitNetwork a = programmed();
        DitNetwork b = programmed();
        assertThat(a.linears().get("0.fc1").weight()).isEqualTo(b.linears().get("0.fc1").weight());
        LoraByLayer la = a.initLora(4, 8, new SeededRandom(5));
        LoraByLayer lb = b.initLora(4, 8, new SeededRandom(5));
        CostLedger ledger = new CostLedger();

        DitTrainer.trainLora(a, la, LoraByLayer.NONE, schedule, set, Set.of(1), hp, 9, ledger);
        DitTrainer.trainLora(b, lb, LoraByLayer.NONE, schedule, set, Set.of(1), hp, 9, new CostLedger());
        INDArray conditions = set.inputs().getColumns(64, 65, 66);
        INDArray sa = DitSampler.sample(a, la, LoraByLayer.NONE, schedule, conditions, 4, 11, new CostLedger());
        INDArray sb = DitSampler.sample(b, lb, LoraByLayer.NONE, schedule, conditions, 4, 11, new CostLedger());

        assertThat(la.digest()).isEqualTo(lb.digest());
        assertThat(sa).isEqualTo(sb);
        assertThat(sa.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(sa.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        long steps = 2 * 2;
        assertThat(ledger.count(Operation.OPTIMISER_STATE_UPDATE)).isEqualTo(steps * la.parameterCount());
        assertThat(ledger.count(Operation.SET_PULSE)).as("the backbone stays frozen").isZero();

        LoraByLayer other = b.initLora(4, 8, new SeededRandom(5));
        DitTrainer.trainLora(b, other, LoraByLayer.NONE, schedule, set, Set.of(1), hp, 10, new CostLedger());
        assertThat(other.digest()).as("another training seed, another branch").isNotEqualTo(la.digest());
    }

    @Test
    void theForgetObjectiveReplacesOnlyTheForgetRowsTargetsWithUniformNoise() {
        DiffusionSchedule.Pairs plain = schedule.draw(set, Set.of(), new SeededRandom(8));
        DiffusionSchedule.Pairs forget = schedule.draw(set, Set.of(1), new SeededRandom(8));

        assertThat(forget.inputs()).isEqualTo(plain.inputs());
        for (int row = 0; row < set.size(); row++) {
            if (set.labels()[row] == 1) {
                assertThat(forget.targets().getRow(row)).isNotEqualTo(plain.targets().getRow(row));
                assertThat(forget.targets().getRow(row).minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
            } else {
                assertThat(forget.targets().getRow(row)).isEqualTo(plain.targets().getRow(row));
            }
        }
    }

    @Test
    void inSituTrainingRewritesOnlyTheMlpLayers() {
        DitNetwork net = programmed();
        var before = net.linears().get("0.ada").crossbar().conductances()[0].dup();
        CostLedger ledger = new CostLedger();

        ProgrammingResult r = DitTrainer.trainInSitu(net, schedule, set, Set.of(1), hp, 9, ledger);

        assertThat(r.totalPulses()).isPositive();
        assertThat(net.linears().get("0.ada").crossbar().conductances()[0]).isEqualTo(before);
        assertThat(ledger.count(Operation.WRITE_DRIVER)).isEqualTo(r.totalPulses());
    }
}

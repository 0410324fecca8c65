package io.lethe.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.config.Presets;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.random.SeededRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class AnalogCrossbarTest {

    private final DeviceConfig paper = Presets.paper180nm().device();

    private static double relativeError(INDArray actual, INDArray expected) {
        return actual.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
    }

    private static INDArray weights() {
        return new SeededRandom(1).gaussian(300, 40).muli(0.1);
    }

    @Test
    void layerLargerThanATileIsSplitAndPartialSumsCombine() {
        AnalogCrossbar xbar = AnalogCrossbar.fresh(300, 40, paper, new SeededRandom(2));
        xbar.program(weights(), new SeededRandom(3), new CostLedger());
        INDArray x = Transforms.abs(new SeededRandom(4).gaussian(16, 300), false);
        CostLedger ledger = new CostLedger();

        INDArray y = xbar.mvm(x, new SeededRandom(5), ledger);

        assertThat(xbar.rowBlocks()).isEqualTo(3);
        assertThat(xbar.tileCount()).isEqualTo(3);
        assertThat(relativeError(y, x.mmul(weights()))).isLessThan(0.2);
        assertThat(ledger.count(Operation.ADC_CONVERSION)).isEqualTo(16L * 40 * 3);
        assertThat(ledger.count(Operation.CELL_READ)).isEqualTo(16L * (300 * 40 + 300));
        assertThat(ledger.count(Operation.INTEGRATOR)).isEqualTo(16L * 40 * 3);
        assertThat(ledger.count(Operation.LINE_CHARGE)).as("300 row lines, 40 column lines in each of 3 tiles")
                .isEqualTo(16L * (300 + 40 * 3));
    }

    @Test
    void fullReprogramResetsEveryCellAndWritesItAgain() {
        AnalogCrossbar xbar = AnalogCrossbar.fresh(300, 40, paper, new SeededRandom(2));
        xbar.program(weights(), new SeededRandom(3), new CostLedger());
        CostLedger changedOnly = new CostLedger();
        CostLedger full = new CostLedger();
        AnalogCrossbar copy = xbar.copy();

        xbar.update(weights(), new SeededRandom(6), changedOnly);
        copy.reprogramFromReset(weights(), new SeededRandom(6), full);

        assertThat(changedOnly.count(Operation.SET_PULSE)).as("nothing moved").isZero();
        assertThat(full.count(Operation.RESET_PULSE)).isGreaterThanOrEqualTo(300L * 40);
        assertThat(full.count(Operation.WRITE_DRIVER))
                .isEqualTo(full.count(Operation.SET_PULSE) + full.count(Operation.RESET_PULSE));
    }

    @Test
    void conductancesStayInThePaperWindowWithZeroAtFiftyMicroSiemens() {
        AnalogCrossbar xbar = AnalogCrossbar.fresh(300, 40, paper, new SeededRandom(2));
        xbar.program(weights(), new SeededRandom(3), new CostLedger());
        INDArray g = xbar.conductances()[0];
        assertThat(g.minNumber().doubleValue()).isGreaterThanOrEqualTo(20.0);
        assertThat(g.maxNumber().doubleValue()).isLessThanOrEqualTo(80.0);
        assertThat(relativeError(xbar.effectiveWeights(), weights())).isLessThan(0.15);
    }

    @Test
    void differentialPairUsesTwoCellsPerWeight() {
        DeviceConfig diff = paper.withMapping(MappingScheme.DIFFERENTIAL_PAIR);
        AnalogCrossbar xbar = AnalogCrossbar.fresh(300, 40, diff, new SeededRandom(2));
        xbar.program(weights(), new SeededRandom(3), new CostLedger());
        assertThat(xbar.cellCount()).isEqualTo(2L * 300 * 40);
        assertThat(xbar.tileCount()).isEqualTo(6);
        assertThat(relativeError(xbar.effectiveWeights(), weights())).isLessThan(0.15);
    }

    @Test
    void readNoiseMakesRepeatedReadsDifferButSeededReadsRepeat() {
        AnalogCrossbar xbar = AnalogCrossbar.fresh(300, 40, paper, new SeededRandom(2));
        xbar.program(weights(), new SeededRandom(3), new CostLedger());
        INDArray x = Transforms.abs(new SeededRandom(4).gaussian(4, 300), false);
        INDArray a = xbar.mvm(x, new SeededRandom(10), new CostLedger());
        INDArray b = xbar.mvm(x, new SeededRandom(11), new CostLedger());
        INDArray c = xbar.mvm(x, new SeededRandom(10), new CostLedger());
        assertThat(a.toDoubleMatrix()).isNotEqualTo(b.toDoubleMatrix());
        assertThat(a.toDoubleMatrix()).isEqualTo(c.toDoubleMatrix());
    }

    @Test
    void driftShrinksConductancesAndShiftsWeights() {
        AnalogCrossbar fresh = AnalogCrossbar.fresh(300, 40, paper.withDrift(0.05, 86_400), new SeededRandom(2));
        fresh.program(weights(), new SeededRandom(3), new CostLedger());
        AnalogCrossbar noDrift = AnalogCrossbar.fresh(300, 40, paper, new SeededRandom(2));
        noDrift.program(weights(), new SeededRandom(3), new CostLedger());
        assertThat(relativeError(fresh.effectiveWeights(), weights()))
                .isGreaterThan(relativeError(noDrift.effectiveWeights(), weights()));
    }
}

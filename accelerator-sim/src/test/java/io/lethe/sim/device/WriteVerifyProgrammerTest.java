package io.lethe.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.config.Presets;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.random.SeededRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class WriteVerifyProgrammerTest {

    private final DeviceConfig cfg = Presets.paper180nm().device();

    private INDArray targets() {
        return new SeededRandom(3).uniform(64, 64).muli(cfg.gMax() - cfg.gMin()).addi(cfg.gMin());
    }

    private INDArray factors() {
        return Transforms.max(new SeededRandom(4).gaussian(64, 64).muli(cfg.deviceToDeviceSigma()).addi(1), 0.2, false);
    }

    @Test
    void programsAlmostEveryCellWithinToleranceAndCountsEveryPulse() {
        INDArray g = Nd4j.valueArrayOf(new long[] {64, 64}, cfg.initialConductance());
        CostLedger ledger = new CostLedger();
        ProgrammingResult r = new WriteVerifyProgrammer(cfg).program(g, targets(), factors(), null, new SeededRandom(5), ledger);

        assertThat(r.cellsTargeted()).isEqualTo(64 * 64);
        assertThat(Arrays.stream(r.pulseHistogram()).sum()).isEqualTo(64 * 64);
        assertThat(r.nonConverged()).isLessThan(64 * 64 / 100);
        assertThat(r.rmsErrorMicroSiemens()).isLessThan(2 * cfg.tolerance());
        assertThat(ledger.count(Operation.SET_PULSE) + ledger.count(Operation.RESET_PULSE)).isEqualTo(r.totalPulses());
        assertThat(ledger.count(Operation.VERIFY_READ)).isEqualTo(r.verifyReads());
        assertThat(ledger.count(Operation.WRITE_DRIVER)).as("every pulse draws its driver").isEqualTo(r.totalPulses());
        assertThat(r.meanPulsesPerCell()).isGreaterThan(1);
    }

    @Test
    void cellsThatRunOutOfIterationsAreReportedNonConverged() {
        DeviceConfig strict = new DeviceConfig(128, 128, 20, 80, 50, MappingScheme.OFFSET_LINEAR, 20, 2, 0.4, 2,
                0.2, 0.3, 0.01, 0.6, 3, 8, 8, 0.5, 0, 0);
        INDArray g = Nd4j.valueArrayOf(new long[] {64, 64}, strict.initialConductance());
        ProgrammingResult r = new WriteVerifyProgrammer(strict).program(g, targets(), factors(), null,
                new SeededRandom(5), new CostLedger());
        assertThat(r.nonConverged()).isGreaterThan(64 * 64 / 2);
        assertThat(r.pulseHistogram()[3]).isGreaterThanOrEqualTo(r.nonConverged());
    }

    @Test
    void sameSeedGivesTheSameConductancesBitForBit() {
        INDArray a = Nd4j.valueArrayOf(new long[] {64, 64}, cfg.initialConductance());
        INDArray b = Nd4j.valueArrayOf(new long[] {64, 64}, cfg.initialConductance());
        new WriteVerifyProgrammer(cfg).program(a, targets(), factors(), null, new SeededRandom(9), new CostLedger());
        new WriteVerifyProgrammer(cfg).program(b, targets(), factors(), null, new SeededRandom(9), new CostLedger());
        assertThat(a.toDoubleMatrix()).isEqualTo(b.toDoubleMatrix());
    }

    @Test
    void maskedCellsAreLeftAlone() {
        INDArray g = Nd4j.valueArrayOf(new long[] {64, 64}, cfg.initialConductance());
        INDArray mask = Nd4j.zeros(64, 64);
        ProgrammingResult r = new WriteVerifyProgrammer(cfg).program(g, targets(), factors(), mask,
                new SeededRandom(5), new CostLedger());
        assertThat(r.totalPulses()).isZero();
        assertThat(g.maxNumber().doubleValue()).isEqualTo(cfg.initialConductance());
    }
}

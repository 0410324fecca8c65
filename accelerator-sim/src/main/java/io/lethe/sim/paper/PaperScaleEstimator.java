package io.lethe.sim.paper;

import io.lethe.sim.config.Nd4jRuntime;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.CostTable;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.device.AnalogCrossbar;
import io.lethe.sim.device.DeviceConfig;
import io.lethe.sim.device.MappingScheme;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.report.PaperFigures;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts the operations of a {@link PaperArchitecture} under the rules the simulator charges (the same
 * {@link AnalogCrossbar#chargeReads} for every analogue MVM, one INT8 MAC and SRAM read per digital weight use)
 * and prices them with the preset's cost table. Deployment programs every adapted layer shape through the real
 * write-verify model, from He-initialised weights (ASSUMPTION: a trained layer's weight distribution is not
 * available without training it; the per-tensor mapping spreads either over the same window).
 */
public final class PaperScaleEstimator {

    /** Seed of the stand-in weights and of the write-verify noise. */
    static final long SEED = 1;

    private static final String NOT_NUMBERED = "accuracy and forgetting quality (nothing is trained at this scale); "
            + "the changed-cells deployment and the write-verify during in-situ training (both depend on which "
            + "cells the trained update moves); the CI-size report measures both on its small models.";

    private final SimConfig config;
    private final CostTable table;

    /** Counts with the device model and cost table of {@code config}. */
    public PaperScaleEstimator(SimConfig config) {
        Nd4jRuntime.configure();
        this.config = config;
        this.table = config.costs();
    }

    /** The paper-scale report of {@code task}. */
    public PaperScaleReport estimate(String task) {
        long start = System.currentTimeMillis();
        PaperArchitecture a = PaperArchitectures.forTask(task);
        long adapted = a.adaptedWeights();
        long lora = a.loraParameters();
        return new PaperScaleReport(task, config.presetName(), table.resourceName(), a, a.weights(), adapted, lora,
                (double) lora / adapted, (double) adapted / lora, training(a), deployment(a), inference(a),
                PaperFigures.SEED_PAPER, NOT_NUMBERED, System.currentTimeMillis() - start);
    }

    // ------------------------------------------------------------------------------------------ inference

    private PaperScaleReport.Inference inference(PaperArchitecture a) {
        CostLedger hybrid = activations(a);
        CostLedger analogue = activations(a);
        CostLedger digital = activations(a);
        for (PaperLayer l : a.layers()) {
            for (int c = 0; c < l.copies(); c++) {
                analogueReads(l, l.vectorsPerSample(), hybrid);
                analogueReads(l, l.vectorsPerSample(), analogue);
                long lora = l.loraParameters(a.rank());
                hybrid.add(Operation.DIGITAL_MAC, lora * l.vectorsPerSample());
                hybrid.add(Operation.SRAM_READ_BYTE, lora * l.callsPerSample());
                // LoRA merged into W: the digital model has exactly the backbone's weights.
                digital.add(Operation.DIGITAL_MAC, l.weights() * l.vectorsPerSample());
                digital.add(Operation.SRAM_READ_BYTE, l.weights() * l.callsPerSample());
            }
        }
        double h = hybrid.energyJoules(table);
        double an = analogue.energyJoules(table);
        double d = digital.energyJoules(table);
        return new PaperScaleReport.Inference(h, d, d / h, an, h / an);
    }

    /** Each layer reads its INT8 input vectors from and writes its output vectors to SRAM, on both sides. */
    private static CostLedger activations(PaperArchitecture a) {
        CostLedger ledger = new CostLedger();
        for (PaperLayer l : a.layers()) {
            ledger.add(Operation.SRAM_READ_BYTE, (long) l.inputs() * l.vectorsPerSample() * l.copies());
            ledger.add(Operation.SRAM_WRITE_BYTE, (long) l.outputs() * l.vectorsPerSample() * l.copies());
        }
        return ledger;
    }

    private void analogueReads(PaperLayer l, long n, CostLedger ledger) {
        DeviceConfig d = config.device();
        boolean pair = d.mapping() == MappingScheme.DIFFERENTIAL_PAIR;
        AnalogCrossbar.chargeReads(l.inputs(), l.outputs(), pair ? 2 : 1, !pair, d, n, ledger);
    }

    // ------------------------------------------------------------------------------------------- training

    /**
     * Both sides: analogue forward MVMs and transposed reads (of the copies whose input gradient is needed, {@link
     * PaperLayer#copiesWithoutInputGradient}). Baseline: a digital MAC per adapted weight per vector for its gradient
     * and optimiser state for every adapted weight per step. Hybrid: LoRA forward, {@code du = dz · Bᵀ}, both factor
     * gradients and (where the input gradient is needed) {@code du · Aᵀ}, INT8 weights read from SRAM once per
     * product and call per step, optimiser state for every LoRA parameter and the INT8 image rewritten
     * each step. As in the simulator's trainer.
     */
    private PaperScaleReport.Training training(PaperArchitecture a) {
        long passes = (long) a.trainingSamples() * a.epochs();
        long steps = a.optimiserSteps();
        CostLedger baseline = new CostLedger();
        CostLedger hybrid = new CostLedger();
        long loraTensors = 0;
        for (PaperLayer l : a.layers()) {
            for (int c = 0; c < l.copies(); c++) {
                long vectors = passes * l.vectorsPerSample();
                boolean inputGradient = c >= l.copiesWithoutInputGradient();
                long reads = inputGradient ? 2 * vectors : vectors;
                analogueReads(l, reads, baseline);
                analogueReads(l, reads, hybrid);
                if (!l.adapted()) {
                    continue;
                }
                baseline.add(Operation.DIGITAL_MAC, l.weights() * vectors);
                // Forward (A and B), du = dz · Bᵀ, the two factor gradients, and where the input gradient is needed
                // du · Aᵀ: 3 MACs per branch parameter per vector, else 2 + B/(A+B); SRAM reads A and B forward, B
                // for du and A for the input gradient.
                long lora = l.loraParameters(a.rank());
                long loraB = (long) a.rank() * l.outputs();
                long loraA = lora - loraB;
                long macs = 2 * lora + loraB + (inputGradient ? loraA : 0);
                long bytes = lora + loraB + (inputGradient ? loraA : 0);
                hybrid.add(Operation.DIGITAL_MAC, macs * vectors);
                hybrid.add(Operation.SRAM_READ_BYTE, bytes * steps * l.callsPerSample());
                loraTensors += 2;
            }
        }
        baseline.add(Operation.OPTIMISER_STATE_UPDATE, a.adaptedWeights() * steps);
        hybrid.add(Operation.OPTIMISER_STATE_UPDATE, a.loraParameters() * steps);
        hybrid.add(Operation.SRAM_WRITE_BYTE, (a.loraParameters() + 4 * loraTensors) * steps);
        double b = baseline.energyJoules(table);
        double h = hybrid.energyJoules(table);
        double optimiser = baseline.count(Operation.OPTIMISER_STATE_UPDATE)
                * table.energyPj(Operation.OPTIMISER_STATE_UPDATE) * 1e-12;
        return new PaperScaleReport.Training(b, h, b / h, (double) macs(baseline) / macs(hybrid),
                (double) baseline.count(Operation.DIGITAL_MAC) / hybrid.count(Operation.DIGITAL_MAC), optimiser / b);
    }

    private static long macs(CostLedger ledger) {
        return ledger.count(Operation.CELL_READ) + ledger.count(Operation.DIGITAL_MAC);
    }

    // ----------------------------------------------------------------------------------------- deployment

    /** Full reprogram: every adapted cell RESET, then write-verify from the RESET state; one simulation per shape. */
    private PaperScaleReport.Deployment deployment(PaperArchitecture a) {
        CostLedger full = new CostLedger();
        ProgrammingResult total = ProgrammingResult.none();
        long cells = 0;
        int index = 0;
        for (PaperLayer l : a.layers()) {
            index++;
            if (!l.adapted()) {
                continue;
            }
            CostLedger one = new CostLedger();
            AnalogCrossbar xbar = AnalogCrossbar.fresh(l.inputs(), l.outputs(), config.device(),
                    SeededRandom.derive(SEED, "paper-device/" + index));
            INDArray w = SeededRandom.derive(SEED, "paper-weights/" + index).gaussian(l.inputs(), l.outputs())
                    .muli(Math.sqrt(2.0 / l.inputs()));
            ProgrammingResult r = xbar.program(w, SeededRandom.derive(SEED, "paper-programming/" + index), one);
            long weightCells = l.weights() * (config.device().mapping() == MappingScheme.DIFFERENTIAL_PAIR ? 2 : 1);
            one.add(Operation.RESET_PULSE, weightCells);
            one.add(Operation.WRITE_DRIVER, weightCells);
            for (int c = 0; c < l.copies(); c++) {
                full.addAll(one);
                total = total.plus(r);
                cells += xbar.cellCount();
            }
        }
        CostLedger sram = new CostLedger();
        long tensors = 2L * a.layers().stream().filter(PaperLayer::adapted).mapToInt(PaperLayer::copies).sum();
        sram.add(Operation.SRAM_WRITE_BYTE, a.loraParameters() + 4 * tensors);
        double h = sram.energyJoules(table);
        double f = full.energyJoules(table);
        long pulses = full.count(Operation.SET_PULSE) + full.count(Operation.RESET_PULSE);
        return new PaperScaleReport.Deployment(h, f, f / h, cells, pulses, total.meanPulsesPerCell(),
                total.nonConverged());
    }
}

package io.lethe.sim.report;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.CostTable;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.model.BackboneResult;
import io.lethe.sim.model.BaselineResult;
import io.lethe.sim.model.BranchResult;
import io.lethe.sim.model.SimModel;
import io.lethe.sim.nn.DenseLayer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prices the ledgers of one report run under the preset's cost table and forms the ratios of
 * {@link CostFigures}, as {@link SimReport#DEFINITIONS} states them.
 */
public final class CostComparison {

    private final CostTable table;

    /** Prices under {@code table}. */
    public CostComparison(CostTable table) {
        this.table = table;
    }

    /**
     * @param hybrid the model with the unlearning branch attached
     * @param branch the unlearning branch (the hybrid side of the training and deployment ratios)
     * @param baseline the analogue-update baseline of the same job
     * @param backbone the backbone's training and programming
     * @param samples records both sides trained on
     * @param epochs epochs both sides trained for
     * @param sample one held-out record for the inference figures
     */
    CostFigures compare(SimModel hybrid, BranchResult branch, BaselineResult baseline, BackboneResult backbone,
                        int samples, int epochs, SimRecord sample) {
        return new CostFigures(training(branch, baseline, samples, epochs), deployment(branch, baseline),
                inference(hybrid, sample), backbone(backbone));
    }

    private CostFigures.Training training(BranchResult branch, BaselineResult baseline, int samples, int epochs) {
        return training(baseline.trainingCost(), baseline.trainableParameters(),
                baseline.trainingProgramming().totalPulses(), loraTraining(branch), branch.weights().parameterCount(),
                samples, epochs);
    }

    /**
     * The training figures from the two sides' ledgers.
     *
     * @param insitu the in-situ baseline's operations
     * @param insituParams weights (and biases) it trains
     * @param insituPulses write-verify pulses it spent
     * @param lora the LoRA training's operations, without the final attach into SRAM
     * @param loraParams LoRA parameters
     */
    public CostFigures.Training training(CostLedger insitu, long insituParams, long insituPulses, CostLedger lora,
                                  long loraParams, int samples, int epochs) {
        long steps = insitu.count(Operation.OPTIMISER_STATE_UPDATE) / Math.max(1, insituParams);
        double loraEnergy = lora.energyJoules(table);
        double insituEnergy = insitu.energyJoules(table);
        double loraWrites = energy(lora, Operation.SRAM_WRITE_BYTE);
        double insituWrites = energy(insitu, Operation.SET_PULSE, Operation.RESET_PULSE, Operation.WRITE_DRIVER,
                Operation.VERIFY_READ);
        long insituMacs = macs(insitu);
        long loraMacs = macs(lora);
        return new CostFigures.Training(samples, epochs, steps, insituEnergy, loraEnergy, insituEnergy / loraEnergy,
                insituParams, loraParams, (double) insituParams / loraParams,
                insituMacs, loraMacs, (double) insituMacs / loraMacs,
                insitu.count(Operation.DIGITAL_MAC), lora.count(Operation.DIGITAL_MAC),
                (double) insitu.count(Operation.DIGITAL_MAC) / lora.count(Operation.DIGITAL_MAC),
                insituWrites, loraWrites, insituWrites / loraWrites,
                energy(insitu, Operation.OPTIMISER_STATE_UPDATE), energy(lora, Operation.OPTIMISER_STATE_UPDATE),
                insituPulses, byOperation(insitu), byOperation(lora));
    }

    /** The branch's training ledger without its final attach into SRAM (that write is its deployment). */
    private CostLedger loraTraining(BranchResult branch) {
        CostLedger training = branch.cost().copy();
        training.add(Operation.SRAM_WRITE_BYTE, -branch.weights().sramImage().length);
        return training;
    }

    /** Multiply-accumulates: one per analogue cell read plus every digital MAC. */
    private static long macs(CostLedger ledger) {
        return ledger.count(Operation.CELL_READ) + ledger.count(Operation.DIGITAL_MAC);
    }

    private CostFigures.Deployment deployment(BranchResult branch, BaselineResult baseline) {
        return deployment(branch.weights().sramImage().length, baseline.deploymentCost(),
                baseline.deploymentProgramming(), baseline.fullReprogramCost(), baseline.fullReprogramming());
    }

    /** The deployment figures: {@code bytes} written into SRAM vs the changed-cells and full reprogramming. */
    public CostFigures.Deployment deployment(long bytes, CostLedger changedCost, ProgrammingResult changed,
                                      CostLedger fullCost, ProgrammingResult full) {
        CostLedger attach = new CostLedger();
        attach.add(Operation.SRAM_WRITE_BYTE, bytes);
        double sram = attach.energyJoules(table);
        double changedEnergy = changedCost.energyJoules(table);
        double fullEnergy = fullCost.energyJoules(table);
        double sramLatency = attach.serialLatencySeconds(table);
        double changedLatency = changedCost.serialLatencySeconds(table);
        return new CostFigures.Deployment(sram, changedEnergy, changedEnergy / sram, fullEnergy, fullEnergy / sram,
                bytes, changed.cellsTargeted(), changed.totalPulses(), changed.pulseHistogram(), full.totalPulses(),
                sramLatency, changedLatency, changedLatency / sramLatency);
    }

    private CostFigures.Inference inference(SimModel hybrid, SimRecord sample) {
        CostLedger activations = activationTraffic(hybrid);
        CostLedger withBranches = hybrid.inferenceCost(sample, true);
        withBranches.addAll(activations);
        CostLedger analogueOnly = hybrid.inferenceCost(sample, false);
        analogueOnly.addAll(activations);
        CostLedger digital = allDigital(hybrid);
        digital.addAll(activations);
        long branchWeights = hybrid.branches().stream().mapToLong(b -> b.weights().parameterCount()).sum();
        return inference(withBranches, analogueOnly, digital, (double) branchWeights / backboneWeights(hybrid));
    }

    /** The inference figures from one sample's ledgers: hybrid, analogue-only and all-digital. */
    public CostFigures.Inference inference(CostLedger hybrid, CostLedger analogueOnly, CostLedger digital,
                                    double branchWeightFraction) {
        double h = hybrid.energyJoules(table);
        double a = analogueOnly.energyJoules(table);
        double d = digital.energyJoules(table);
        return new CostFigures.Inference(h, d, d / h, a, h / a, branchWeightFraction);
    }

    /**
     * The same model executed all-digital on the preset's digital unit: LoRA merged into the weights (so no
     * extra MACs), new-class heads kept, every INT8 weight read from SRAM once and used in one INT8 MAC.
     */
    private static CostLedger allDigital(SimModel m) {
        long weights = backboneWeights(m);
        for (BranchResult b : m.branches()) {
            weights += headWeights(b);
        }
        CostLedger ledger = new CostLedger();
        ledger.add(Operation.DIGITAL_MAC, weights);
        ledger.add(Operation.SRAM_READ_BYTE, weights);
        return ledger;
    }

    private static long headWeights(BranchResult b) {
        return b.weights().tensors().stream().filter(t -> t.name().equals("head.E"))
                .mapToLong(t -> t.values().length).sum();
    }

    private static long backboneWeights(SimModel m) {
        long weights = 0;
        for (DenseLayer l : m.network().layers()) {
            weights += (long) l.inputs() * l.outputs();
        }
        return weights;
    }

    /**
     * INT8 activations both executions move alike: each layer reads its input vector from and writes its output
     * vector to the digital unit's buffer.
     */
    private static CostLedger activationTraffic(SimModel m) {
        CostLedger ledger = new CostLedger();
        int extraOutputs = m.classes().size() - m.network().baseOutputs();
        for (DenseLayer l : m.network().layers()) {
            ledger.add(Operation.SRAM_READ_BYTE, l.inputs());
            ledger.add(Operation.SRAM_WRITE_BYTE, l.outputs());
        }
        if (m.task().objective() == io.lethe.sim.workload.Objective.CLASSIFY) {
            ledger.add(Operation.SRAM_WRITE_BYTE, extraOutputs);
        }
        return ledger;
    }

    private CostFigures.Backbone backbone(BackboneResult b) {
        return new CostFigures.Backbone(b.tiles(), b.cells(), b.programming().totalPulses(),
                b.programming().meanPulsesPerCell(), b.programming().nonConverged(), b.programming().pulseHistogram());
    }

    /** Energy (J) per operation type, so a reader can see what dominates each side of a ratio. */
    private Map<String, Double> byOperation(CostLedger ledger) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Operation op : Operation.values()) {
            if (ledger.count(op) != 0) {
                m.put(op.name(), ledger.count(op) * table.energyPj(op) * 1e-12);
            }
        }
        return m;
    }

    private double energy(CostLedger ledger, Operation... ops) {
        double pj = 0;
        for (Operation op : ops) {
            pj += ledger.count(op) * table.energyPj(op);
        }
        return pj * 1e-12;
    }
}

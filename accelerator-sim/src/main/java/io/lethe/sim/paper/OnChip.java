package io.lethe.sim.paper;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.nn.ComputeMode;
import io.lethe.sim.nn.DenseLayer;
import io.lethe.sim.nn.LoraByLayer;
import io.lethe.sim.nn.Loss;
import io.lethe.sim.nn.OnChipNetwork;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.report.CostComparison;
import io.lethe.sim.report.CostFigures;
import io.lethe.sim.report.MembershipInference;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the on-chip runs of the paper's architectures share: deployment, inference costs, accuracy and MIA. */
final class OnChip {

    private OnChip() {
    }

    /** The analogue-update baseline's deployment, changed cells and full reprogram, with their costs. */
    record Deploy(CostLedger changedCost, ProgrammingResult changed, CostLedger fullCost, ProgrammingResult full) {
    }

    /**
     * Brings two copies of the original chip ({@code changedChip}, {@code fullChip}) to {@code trained}'s adapted
     * weights: write-verify of the cells whose target moved, and every cell RESET and written again.
     */
    static Deploy deployBaseline(OnChipNetwork changedChip, OnChipNetwork fullChip, OnChipNetwork trained,
                                 long seed) {
        CostLedger changedCost = new CostLedger();
        CostLedger fullCost = new CostLedger();
        ProgrammingResult changed = ProgrammingResult.none();
        ProgrammingResult full = ProgrammingResult.none();
        SeededRandom rng = SeededRandom.derive(seed, "baseline-deployment");
        SeededRandom fullRng = SeededRandom.derive(seed, "baseline-full-reprogram");
        for (String n : trained.adaptedLayers()) {
            INDArray w = trained.linears().get(n).weight();
            changed = changed.plus(changedChip.linears().get(n).crossbar().update(w, rng, changedCost));
            full = full.plus(fullChip.linears().get(n).crossbar().reprogramFromReset(w, fullRng, fullCost));
        }
        return new Deploy(changedCost, changed, fullCost, full);
    }

    /** One sample's inference: the hybrid, the analogue backbone alone, and the same model all-digital (INT8). */
    static CostFigures.Inference inference(CostComparison prices, OnChipNetwork hybrid, LoraByLayer deployed,
                                           INDArray oneSample) {
        CostLedger withBranch = activations(hybrid);
        hybrid.logits(oneSample, ComputeMode.ANALOG, deployed, new SeededRandom(0), withBranch);
        CostLedger analogueOnly = activations(hybrid);
        hybrid.logits(oneSample, ComputeMode.ANALOG, LoraByLayer.NONE, new SeededRandom(0), analogueOnly);
        CostLedger digital = activations(hybrid);
        for (var e : hybrid.linears().entrySet()) {
            long weights = (long) e.getValue().inputs() * e.getValue().outputs();
            digital.add(Operation.DIGITAL_MAC, weights * hybrid.vectorsPerSample(e.getKey()));
            digital.add(Operation.SRAM_READ_BYTE, weights * hybrid.callsPerSample(e.getKey()));
        }
        return prices.inference(withBranch, analogueOnly, digital,
                (double) deployed.parameterCount() / hybrid.weightCount());
    }

    /** Each layer's INT8 input vectors read from and output vectors written to SRAM, alike on every side. */
    private static CostLedger activations(OnChipNetwork net) {
        CostLedger ledger = new CostLedger();
        for (var e : net.linears().entrySet()) {
            DenseLayer d = e.getValue();
            long v = net.vectorsPerSample(e.getKey());
            ledger.add(Operation.SRAM_READ_BYTE, v * d.inputs());
            ledger.add(Operation.SRAM_WRITE_BYTE, v * d.outputs());
        }
        return ledger;
    }

    /** Held-out accuracy on the analogue chip with seeded read noise. */
    static double accuracy(OnChipNetwork net, LoraByLayer lora, INDArray x, int[] labels, long seed) {
        if (labels.length == 0) {
            return Double.NaN;
        }
        INDArray logits = net.logits(x, ComputeMode.ANALOG, lora, new SeededRandom(seed), new CostLedger());
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            hits += logits.getRow(i).argMax().getInt(0) == labels[i] ? 1 : 0;
        }
        return (double) hits / labels.length;
    }

    /** Loss-threshold MIA with its bootstrap interval: members vs non-members. */
    static MembershipInference.Estimate mia(OnChipNetwork net, LoraByLayer lora, INDArray members, int[] memberLabels,
                                            INDArray nonMembers, int[] nonMemberLabels, long seed) {
        return MembershipInference.estimate(losses(net, lora, members, memberLabels, seed),
                losses(net, lora, nonMembers, nonMemberLabels, seed), seed);
    }

    private static List<Double> losses(OnChipNetwork net, LoraByLayer lora, INDArray x, int[] labels, long seed) {
        INDArray logits = net.logits(x, ComputeMode.ANALOG, lora, new SeededRandom(seed), new CostLedger());
        return Arrays.stream(Loss.perExampleCrossEntropy(logits, labels)).boxed().toList();
    }
}

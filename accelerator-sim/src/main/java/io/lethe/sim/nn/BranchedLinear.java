package io.lethe.sim.nn;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.random.SeededRandom;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One weight layer of the paper networks with an optional LoRA branch, forward and backward, with its charges:
 * the frozen weights in the array on the chip (float weights on the host off it), the branch in the digital unit.
 * The Mixer, the LSM and the DiT differ only in how they keep a pass's inputs and projections.
 */
final class BranchedLinear {

    private BranchedLinear() {
    }

    /**
     * A layer's output and its branch's projection.
     *
     * @param z          {@code x · W + scaling · (x · A) · B}
     * @param projection {@code x · A}, kept for the B gradient; null without a branch
     */
    record Output(INDArray z, INDArray projection) {
    }

    /** {@code x} through the layer (the array's noisy MVM on the chip) and through branch {@code a} if any. */
    static Output forward(DenseLayer d, ComputeMode mode, INDArray x, LoraAdapter a, SeededRandom noise,
                          CostLedger ledger) {
        INDArray z;
        if (mode == ComputeMode.ANALOG) {
            z = d.crossbar.mvm(x, noise, ledger);
        } else {
            ledger.add(Operation.HOST_FP32_MAC, x.rows() * (long) d.inputs() * d.outputs());
            z = x.mmul(d.weight);
        }
        INDArray u = null;
        if (a != null) {
            u = x.mmul(a.a);
            z.addi(u.mmul(a.b).muli(a.scaling));
            chargeDigital(x.rows(), loraWeights(a), ledger);
        }
        return new Output(z, u);
    }

    /**
     * Adds the gradients of the layer's weights (when {@code trainsWeights}: digital MACs on the chip, host MACs off
     * it) and of branch {@code a}'s factors to {@code g}, summed with what a layer run more than once (the LSM's
     * windows) already put there. The branch costs {@code du = dz · Bᵀ} (B's parameters per row, B read from SRAM)
     * and the two factor gradients (every branch parameter per row); {@link #inputGradient} reuses {@code du}, so a
     * trained branch costs 3 MACs per parameter per row with the forward pass, and {@code 2 + B/(A+B)} where no input
     * gradient is needed.
     *
     * @param u the branch's projection of this input ({@link Output#projection()}); unused without a branch
     * @return {@code dz · Bᵀ · scaling}, the branch's share of the input gradient; null without a branch
     */
    static INDArray parameterGradients(String name, DenseLayer d, ComputeMode mode, INDArray x, INDArray dz,
                                       boolean trainsWeights, LoraAdapter a, INDArray u, Map<String, INDArray> g,
                                       CostLedger ledger) {
        if (trainsWeights) {
            g.merge(name, x.transpose().mmul(dz), INDArray::addi);
            long macs = x.rows() * (long) d.inputs() * d.outputs();
            ledger.add(mode == ComputeMode.ANALOG ? Operation.DIGITAL_MAC : Operation.HOST_FP32_MAC, macs);
        }
        if (a == null) {
            return null;
        }
        INDArray du = dz.mmul(a.b.transpose()).muli(a.scaling);
        chargeDigital(x.rows(), bWeights(a), ledger);
        g.merge(name + ".B", u.transpose().mmul(dz).muli(a.scaling), INDArray::addi);
        g.merge(name + ".A", x.transpose().mmul(du), INDArray::addi);
        chargeGradientMacs(x.rows(), loraWeights(a), ledger);
        return du;
    }

    /**
     * The gradient w.r.t. the layer's input: {@code dz} through the weights (on the chip, the array's transposed
     * read of the weights it really holds; off it, the float weights on the host) plus, with a branch {@code a},
     * its path {@code du · Aᵀ} ({@code du} from {@link #parameterGradients}).
     */
    static INDArray inputGradient(DenseLayer d, ComputeMode mode, INDArray dz, LoraAdapter a, INDArray du,
                                  long rows, CostLedger ledger) {
        INDArray dx;
        if (mode == ComputeMode.ANALOG) {
            dx = dz.mmul(d.crossbar.effectiveWeights().transpose());
            d.crossbar.chargeRead(dz.rows(), ledger);
        } else {
            dx = dz.mmul(d.weight.transpose());
            ledger.add(Operation.HOST_FP32_MAC, dz.rows() * (long) d.inputs() * d.outputs());
        }
        if (a != null) {
            dx.addi(du.mmul(a.a.transpose()));
            chargeDigital(rows, aWeights(a), ledger);
        }
        return dx;
    }

    /** Parameters of a branch: A is inputs x rank, B rank x outputs. */
    static long loraWeights(LoraAdapter a) {
        return aWeights(a) + bWeights(a);
    }

    /** Parameters of a branch's A (inputs x rank). */
    static long aWeights(LoraAdapter a) {
        return (long) a.a.rows() * a.rank();
    }

    /** Parameters of a branch's B (rank x outputs). */
    static long bWeights(LoraAdapter a) {
        return (long) a.rank() * a.b.columns();
    }

    /**
     * INT8 MACs of {@code n} rows through {@code weights}, the weights read from SRAM once per call (weight-stationary
     * PE array: a mini-batch reuses them; inference calls with one sample at a time pay one read per sample).
     */
    static void chargeDigital(long n, long weights, CostLedger ledger) {
        ledger.add(Operation.DIGITAL_MAC, n * weights);
        ledger.add(Operation.SRAM_READ_BYTE, weights);
    }

    /**
     * The MACs of a branch's two factor gradients over {@code n} rows, {@code uᵀ · dz} for B and {@code xᵀ · du} for
     * A: one per factor parameter per row, and no weight read (they multiply activations by output gradients).
     */
    static void chargeGradientMacs(long n, long loraWeights, CostLedger ledger) {
        ledger.add(Operation.DIGITAL_MAC, n * loraWeights);
    }
}

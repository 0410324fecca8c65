package io.lethe.sim.nn;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the paper networks' backward passes share for one weight layer with an optional LoRA branch: the input
 * gradient through the frozen weights and the branch, and the digital unit's charges for the branch's MACs.
 */
final class LayerBackward {

    private LayerBackward() {
    }

    /**
     * The gradient w.r.t. the layer's input: {@code dz} through the weights (on the chip, the array's transposed
     * read of the weights it really holds; off it, the float weights on the host) plus, with a branch {@code a},
     * its path {@code du · Aᵀ} ({@code du = dz · Bᵀ · scaling}, computed by the caller for the B gradient).
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
            chargeDigital(rows, loraWeights(a), ledger);
        }
        return dx;
    }

    /** Parameters of a branch: A is inputs x rank, B rank x outputs. */
    static long loraWeights(LoraAdapter a) {
        return (long) a.a.rows() * a.rank() + (long) a.rank() * a.b.columns();
    }

    /** INT8 MACs of {@code n} rows through {@code weights}, the weights read from SRAM once per call. */
    static void chargeDigital(long n, long weights, CostLedger ledger) {
        ledger.add(Operation.DIGITAL_MAC, n * weights);
        ledger.add(Operation.SRAM_READ_BYTE, weights);
    }
}

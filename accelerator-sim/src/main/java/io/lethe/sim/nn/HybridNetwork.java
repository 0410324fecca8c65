package io.lethe.sim.nn;

import static io.lethe.sim.nn.BranchedLinear.aWeights;
import static io.lethe.sim.nn.BranchedLinear.bWeights;
import static io.lethe.sim.nn.BranchedLinear.chargeDigital;
import static io.lethe.sim.nn.BranchedLinear.chargeGradientMacs;
import static io.lethe.sim.nn.BranchedLinear.loraWeights;

import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.device.AnalogCrossbar;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.random.SeededRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A multilayer perceptron whose weight matrices live in analogue crossbars, plus any number of digital
 * LoRA branches: {@code z_l = analogue(h W_l) + b_l + sum_i s_i (h A_il) B_il}; branches that add classes
 * append head-extension logits after the backbone's outputs, in branch order.
 */
public final class HybridNetwork {

    private final List<DenseLayer> layers;

    private HybridNetwork(List<DenseLayer> layers) {
        this.layers = layers;
    }

    /** He-initialised layers of the given sizes (ReLU between layers, identity at the output). */
    public static HybridNetwork init(int[] sizes, SeededRandom rng) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            INDArray w = rng.gaussian(sizes[i], sizes[i + 1]).muli(Math.sqrt(2.0 / sizes[i]));
            Activation act = i + 2 == sizes.length ? Activation.IDENTITY : Activation.RELU;
            layers.add(new DenseLayer(w, Nd4j.zeros(DataType.DOUBLE, 1, sizes[i + 1]), act));
        }
        return new HybridNetwork(layers);
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    /** A deep copy (weights, biases, crossbars). */
    public HybridNetwork copy() {
        List<DenseLayer> c = new ArrayList<>();
        layers.forEach(l -> c.add(l.copy()));
        return new HybridNetwork(c);
    }

    /** Backbone outputs (before any head extension). */
    public int baseOutputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /**
     * Programs every layer's float weights into crossbars through write-verify (creating fresh crossbars,
     * with their device-to-device factors, on first use).
     */
    public ProgrammingResult program(SimConfig config, long deviceSeed, SeededRandom rng, CostLedger ledger) {
        ProgrammingResult total = ProgrammingResult.none();
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer l = layers.get(i);
            if (l.crossbar == null) {
                l.crossbar = AnalogCrossbar.fresh(l.inputs(), l.outputs(), config.device(),
                        SeededRandom.derive(deviceSeed, "device-factors/layer" + i));
            }
            total = total.plus(l.crossbar.program(l.weight, rng, ledger));
        }
        return total;
    }

    /** Intermediate values of one forward pass, kept for backpropagation. */
    public static final class ForwardPass {
        final List<INDArray> inputs = new ArrayList<>();
        final List<INDArray> preActivations = new ArrayList<>();
        final Map<Integer, INDArray> trainableProjections = new HashMap<>();
        final ComputeMode mode;
        final List<Branch> branches;
        final Branch trainable;
        INDArray output;

        ForwardPass(ComputeMode mode, List<Branch> branches, Branch trainable) {
            this.mode = mode;
            this.branches = branches;
            this.trainable = trainable;
        }

        /** Network output (logits or regression values). */
        public INDArray output() {
            return output;
        }
    }

    /**
     * Forward pass.
     *
     * @param x inputs, one row per sample
     * @param mode backbone arithmetic
     * @param branches frozen (deployed) branches, in order
     * @param trainable the branch being trained, applied after {@code branches}; may be null
     * @param noise read-noise source for {@link ComputeMode#ANALOG}
     * @param ledger receives operation counts
     */
    public ForwardPass forward(INDArray x, ComputeMode mode, List<Branch> branches, Branch trainable,
                               SeededRandom noise, CostLedger ledger) {
        List<Branch> all = new ArrayList<>(branches);
        if (trainable != null) {
            all.add(trainable);
        }
        ForwardPass fp = new ForwardPass(mode, branches, trainable);
        INDArray h = x;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            fp.inputs.add(h);
            INDArray z = backboneProduct(layer, h, mode, noise, ledger).addiRowVector(layer.bias);
            for (Branch b : all) {
                LoraAdapter a = b.adapters.get(l);
                if (a != null) {
                    INDArray u = h.mmul(a.a);
                    z.addi(u.mmul(a.b).muli(a.scaling));
                    chargeDigital(h.rows(), loraWeights(a), ledger);
                    if (b == trainable) {
                        fp.trainableProjections.put(l, u);
                    }
                }
            }
            if (l == layers.size() - 1) {
                z = appendHeads(z, h, all, ledger);
            }
            fp.preActivations.add(z);
            h = layer.activation.apply(z);
        }
        fp.output = h;
        return fp;
    }

    private INDArray backboneProduct(DenseLayer layer, INDArray h, ComputeMode mode, SeededRandom noise,
                                     CostLedger ledger) {
        if (mode == ComputeMode.ANALOG) {
            return layer.crossbar.mvm(h, noise, ledger);
        }
        ledger.add(Operation.HOST_FP32_MAC, h.rows() * layer.inputs() * (long) layer.outputs());
        return h.mmul(layer.weight);
    }

    private INDArray appendHeads(INDArray z, INDArray h, List<Branch> branches, CostLedger ledger) {
        List<INDArray> parts = new ArrayList<>();
        parts.add(z);
        for (Branch b : branches) {
            if (b.head != null) {
                parts.add(h.mmul(b.head.e).addiRowVector(b.head.bias));
                chargeDigital(h.rows(), b.head.e.length(), ledger);
            }
        }
        return parts.size() == 1 ? z : Nd4j.hstack(parts.toArray(new INDArray[0]));
    }

    /**
     * Backpropagates {@code dOutput} (gradient of the loss w.r.t. the network output).
     *
     * @param backbone also compute gradients of every backbone weight and bias ({@code L<i>.W}, {@code L<i>.b})
     * @return gradients by parameter name (the trainable branch's names and/or the backbone's)
     */
    public Map<String, INDArray> backward(ForwardPass fp, INDArray dOutput, boolean backbone, CostLedger ledger) {
        Map<String, INDArray> grads = new HashMap<>();
        int last = layers.size() - 1;
        INDArray dz = layers.get(last).activation.backprop(dOutput, fp.preActivations.get(last));
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            INDArray h = fp.inputs.get(l);
            INDArray dh = null;
            if (l == last) {
                HeadGrad hg = headGradients(fp, dz, h, grads, ledger);
                dz = hg.baseGradient;
                dh = hg.inputGradient;
            }
            if (backbone) {
                grads.put("L" + l + ".W", h.transpose().mmul(dz));
                grads.put("L" + l + ".b", dz.sum(true, 0));
                chargeWeightGradient(fp.mode, h.rows(), layer, ledger);
            }
            if (l == 0) {
                branchGradients(fp, l, dz, h, grads, ledger, false);
                break;
            }
            INDArray dhBranch = branchGradients(fp, l, dz, h, grads, ledger, true);
            INDArray through = dz.mmul(weightsSeenBy(fp.mode, layer).transpose());
            chargeTransposed(fp.mode, h.rows(), layer, ledger);
            through.addi(dhBranch);
            if (dh != null) {
                through.addi(dh);
            }
            dz = layers.get(l - 1).activation.backprop(through, fp.preActivations.get(l - 1));
        }
        return grads;
    }

    private record HeadGrad(INDArray baseGradient, INDArray inputGradient) {
    }

    private HeadGrad headGradients(ForwardPass fp, INDArray dz, INDArray h, Map<String, INDArray> grads,
                                   CostLedger ledger) {
        int base = baseOutputs();
        INDArray baseGrad = dz.get(NDArrayIndex.all(), NDArrayIndex.interval(0, base)).dup();
        INDArray dh = null;
        int offset = base;
        List<Branch> all = new ArrayList<>(fp.branches);
        if (fp.trainable != null) {
            all.add(fp.trainable);
        }
        for (Branch b : all) {
            if (b.head == null) {
                continue;
            }
            int k = b.head.classes();
            INDArray g = dz.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + k)).dup();
            offset += k;
            if (b == fp.trainable) {
                grads.put("head.E", h.transpose().mmul(g));
                grads.put("head.b", g.sum(true, 0));
                chargeDigital(h.rows(), b.head.e.length(), ledger);
            }
            INDArray back = g.mmul(b.head.e.transpose());
            dh = dh == null ? back : dh.addi(back);
        }
        return new HeadGrad(baseGrad, dh);
    }

    /** Gradients of the trainable adapter on layer {@code l}; returns the input gradient through all adapters. */
    private INDArray branchGradients(ForwardPass fp, int l, INDArray dz, INDArray h, Map<String, INDArray> grads,
                                     CostLedger ledger, boolean needInputGradient) {
        INDArray dh = needInputGradient ? Nd4j.zeros(DataType.DOUBLE, h.rows(), h.columns()) : null;
        List<Branch> all = new ArrayList<>(fp.branches);
        if (fp.trainable != null) {
            all.add(fp.trainable);
        }
        for (Branch b : all) {
            LoraAdapter a = b.adapters.get(l);
            if (a == null) {
                continue;
            }
            boolean trained = b == fp.trainable;
            if (!trained && !needInputGradient) {
                continue;
            }
            // du = dz · Bᵀ serves both the A gradient and the input gradient: computed (and charged) once.
            INDArray du = dz.mmul(a.b.transpose()).muli(a.scaling);
            chargeDigital(h.rows(), bWeights(a), ledger);
            if (trained) {
                INDArray u = fp.trainableProjections.get(l);
                grads.put("L" + l + ".B", u.transpose().mmul(dz).muli(a.scaling));
                grads.put("L" + l + ".A", h.transpose().mmul(du));
                chargeGradientMacs(h.rows(), loraWeights(a), ledger);
            }
            if (needInputGradient) {
                dh.addi(du.mmul(a.a.transpose()));
                chargeDigital(h.rows(), aWeights(a), ledger);
            }
        }
        return dh;
    }

    /** Backpropagation through the array uses the weights it really holds (noise-free transposed read). */
    private static INDArray weightsSeenBy(ComputeMode mode, DenseLayer layer) {
        return mode == ComputeMode.ANALOG ? layer.crossbar.effectiveWeights() : layer.weight;
    }

    private static void chargeTransposed(ComputeMode mode, long n, DenseLayer layer, CostLedger ledger) {
        if (mode == ComputeMode.ANALOG) {
            layer.crossbar.chargeRead(n, ledger);
        } else {
            ledger.add(Operation.HOST_FP32_MAC, n * layer.inputs() * (long) layer.outputs());
        }
    }

    private static void chargeWeightGradient(ComputeMode mode, long n, DenseLayer layer, CostLedger ledger) {
        long macs = n * layer.inputs() * (long) layer.outputs();
        ledger.add(mode == ComputeMode.ANALOG ? Operation.DIGITAL_MAC : Operation.HOST_FP32_MAC, macs);
    }

    /** Backbone parameters by name, for the optimiser. */
    public Map<String, INDArray> backboneParameters() {
        Map<String, INDArray> p = new java.util.LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) {
            p.put("L" + l + ".W", layers.get(l).weight);
            p.put("L" + l + ".b", layers.get(l).bias);
        }
        return p;
    }

    /** Analogue cells used by the programmed backbone. */
    public long cellCount() {
        return layers.stream().filter(l -> l.crossbar != null).mapToLong(l -> l.crossbar.cellCount()).sum();
    }

    /** Tiles used by the programmed backbone. */
    public int tileCount() {
        return layers.stream().filter(l -> l.crossbar != null).mapToInt(l -> l.crossbar.tileCount()).sum();
    }
}

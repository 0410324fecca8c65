package io.lethe.sim.nn;

import static io.lethe.sim.nn.BranchedLinear.chargeDigital;
import static io.lethe.sim.nn.BranchedLinear.loraWeights;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.random.SeededRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The paper's speaker model (SpeakerAuthentication/*lsm*.py): a recurrent spiking layer of LIF neurons fed by
 * {@code fc1} (inputs -> neurons) and the recurrent {@code fc1h} (neurons -> neurons), threshold 0.3, decay 0.5,
 * reset by spike; the readout {@code fc2} (with a digital bias) acts on each neuron's spike count over the T
 * windows. Trained through time with a surrogate gradient (arctangent, alpha 2, as SpikingJelly's default) and
 * the reset detached. All three weight matrices live in crossbars; LoRA (scaled alpha/rank, the code's peft
 * default) sits on fc1 and fc1h.
 */
public final class LsmNetwork implements OnChipNetwork {

    static final double THRESHOLD = 0.3;
    static final double DECAY = 0.5;
    private static final double SURROGATE_ALPHA = 2.0;

    private final int inputs;
    private final int windows;
    private final Map<String, DenseLayer> linears;

    private LsmNetwork(int inputs, int windows, Map<String, DenseLayer> linears) {
        this.inputs = inputs;
        this.windows = windows;
        this.linears = linears;
    }

    /** He-initialised weights; the recurrent matrix scaled down so the untrained liquid does not saturate. */
    public static LsmNetwork init(int inputs, int windows, int neurons, int classes, SeededRandom rng) {
        Map<String, DenseLayer> l = new LinkedHashMap<>();
        l.put("fc1", layer(inputs, neurons, Math.sqrt(2.0 / inputs), rng));
        l.put("fc1h", layer(neurons, neurons, 0.5 / Math.sqrt(neurons), rng));
        l.put("fc2", layer(neurons, classes, Math.sqrt(1.0 / neurons), rng));
        return new LsmNetwork(inputs, windows, l);
    }

    private static DenseLayer layer(int in, int out, double std, SeededRandom rng) {
        return new DenseLayer(rng.gaussian(in, out).muli(std), Nd4j.zeros(DataType.DOUBLE, 1, out),
                Activation.IDENTITY);
    }

    /** A deep copy. */
    public LsmNetwork copy() {
        Map<String, DenseLayer> l = new LinkedHashMap<>();
        linears.forEach((k, v) -> l.put(k, v.copy()));
        return new LsmNetwork(inputs, windows, l);
    }

    /** The layers LoRA adapts in the paper's code (in x out at least 10,000): fc1 and fc1h. */
    @Override
    public List<String> adaptedLayers() {
        return List.of("fc1", "fc1h");
    }

    @Override
    public Map<String, DenseLayer> linears() {
        return linears;
    }

    /** MVMs through a layer per sample: one per window, one for the readout. */
    @Override
    public long vectorsPerSample(String name) {
        return name.equals("fc2") ? 1 : windows;
    }

    @Override
    public long callsPerSample(String name) {
        return vectorsPerSample(name);
    }

    /** Float weights of the named layers (and the readout bias with {@code withBias}), for the optimiser. */
    public Map<String, INDArray> parameters(List<String> layers, boolean withBias) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        layers.forEach(n -> p.put(n, linears.get(n).weight));
        if (withBias) {
            p.put("fc2.bias", linears.get("fc2").bias);
        }
        return p;
    }

    /** A LoRA branch of {@code rank}, scaled alpha / rank, on fc1 and fc1h. */
    public LoraByLayer initLora(int rank, double alpha, SeededRandom rng) {
        return initLora(rank, alpha, adaptedLayers(), rng);
    }

    /** A LoRA branch on {@code layers} (a continual-learning branch also adapts the readout, to add a speaker). */
    public LoraByLayer initLora(int rank, double alpha, List<String> layers, SeededRandom rng) {
        Map<String, LoraAdapter> a = new LinkedHashMap<>();
        for (String n : layers) {
            DenseLayer d = linears.get(n);
            a.put(n, LoraAdapter.init(d.inputs(), d.outputs(), rank, alpha, rng));
        }
        return new LoraByLayer(a);
    }

    @Override
    public INDArray logits(INDArray inputs, ComputeMode mode, LoraByLayer lora, SeededRandom noise, CostLedger ledger) {
        return forward(inputs, mode, lora, noise, ledger).logits;
    }

    /** What one forward pass keeps for backpropagation through time. */
    public static final class Pass {
        final ComputeMode mode;
        final Map<String, LoraAdapter> lora;
        final List<INDArray> x = new ArrayList<>();
        final List<INDArray> spikesIn = new ArrayList<>();
        final List<INDArray> membrane = new ArrayList<>();
        final List<INDArray> spikes = new ArrayList<>();
        final Map<String, List<INDArray>> projections = new HashMap<>();
        INDArray counts;
        INDArray logits;

        Pass(ComputeMode mode, LoraByLayer lora) {
            this.mode = mode;
            this.lora = lora.adapters;
        }

        /** The logits, one row per sample. */
        public INDArray logits() {
            return logits;
        }
    }

    /** Forward pass on rows of {@code windows x inputs} values (window-major). */
    public Pass forward(INDArray batch, ComputeMode mode, LoraByLayer lora, SeededRandom noise, CostLedger ledger) {
        Pass p = new Pass(mode, lora);
        int n = batch.rows();
        int neurons = linears.get("fc1h").inputs();
        INDArray v = Nd4j.zeros(DataType.DOUBLE, n, neurons);
        INDArray s = Nd4j.zeros(DataType.DOUBLE, n, neurons);
        INDArray counts = Nd4j.zeros(DataType.DOUBLE, n, neurons);
        for (int t = 0; t < windows; t++) {
            INDArray xt = batch.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval((long) t * inputs, (long) (t + 1) * inputs)).dup();
            INDArray current = linear("fc1", xt, p, noise, ledger).addi(linear("fc1h", s, p, noise, ledger));
            v = v.mul(s.rsub(1.0)).muli(DECAY).addi(current);
            p.x.add(xt);
            p.spikesIn.add(s);
            p.membrane.add(v);
            s = v.gt(THRESHOLD).castTo(DataType.DOUBLE);
            p.spikes.add(s);
            counts.addi(s);
        }
        p.counts = counts;
        p.logits = linear("fc2", counts, p, noise, ledger).addiRowVector(linears.get("fc2").bias);
        return p;
    }

    private INDArray linear(String name, INDArray x, Pass p, SeededRandom noise, CostLedger ledger) {
        DenseLayer d = linears.get(name);
        LoraAdapter a = p.lora.get(name);
        BranchedLinear.Output out = BranchedLinear.forward(d, p.mode, x, a, noise, ledger);
        INDArray z = out.z();
        if (a != null) {
            p.projections.computeIfAbsent(name, k -> new ArrayList<>()).add(out.projection());
        }
        return z;
    }

    /**
     * Backpropagation through time of {@code dLogits}.
     *
     * @param weights layers whose weights get gradients (empty for LoRA training)
     * @param trainBias whether the readout bias gets its gradient
     */
    public Map<String, INDArray> backward(Pass p, INDArray dLogits, Set<String> weights, boolean trainBias,
                                          CostLedger ledger) {
        Map<String, INDArray> g = new HashMap<>();
        if (trainBias) {
            g.put("fc2.bias", dLogits.sum(true, 0));
        }
        INDArray dCounts = backLinear("fc2", p.counts, dLogits, -1, p, weights, g, ledger, true);
        INDArray dCurrentNext = null;
        INDArray dvNext = null;
        for (int t = windows - 1; t >= 0; t--) {
            INDArray ds = dCounts.dup();
            if (dCurrentNext != null) {
                ds.addi(recurrentInput(p, t + 1, dCurrentNext, weights, g, ledger));
            }
            INDArray dv = ds.muli(surrogate(p.membrane.get(t)));
            if (dvNext != null) {
                dv.addi(dvNext.mul(p.spikes.get(t).rsub(1.0)).muli(DECAY));
            }
            backLinear("fc1", p.x.get(t), dv, t, p, weights, g, ledger, false);
            dCurrentNext = dv;
            dvNext = dv;
        }
        recurrentInput(p, 0, dCurrentNext, weights, g, ledger);
        return g;
    }

    /** Gradient reaching the spikes of window t-1 through fc1h at window t (none at t = 0, whose input is zero). */
    private INDArray recurrentInput(Pass p, int t, INDArray dCurrent, Set<String> weights, Map<String, INDArray> g,
                                    CostLedger ledger) {
        return backLinear("fc1h", p.spikesIn.get(t), dCurrent, t, p, weights, g, ledger, t > 0);
    }

    private INDArray backLinear(String name, INDArray x, INDArray dz, int t, Pass p, Set<String> weights,
                                Map<String, INDArray> g, CostLedger ledger, boolean needInput) {
        DenseLayer d = linears.get(name);
        LoraAdapter a = p.lora.get(name);
        // The readout (t = -1) runs once.
        INDArray u = a == null ? null : p.projections.get(name).get(Math.max(t, 0));
        INDArray du = BranchedLinear.parameterGradients(name, d, p.mode, x, dz, weights.contains(name), a, u, g,
                ledger);
        if (!needInput) {
            return null;
        }
        return BranchedLinear.inputGradient(d, p.mode, dz, a, du, x.rows(), ledger);
    }

    /** d spike / d membrane of the arctangent surrogate: alpha / 2 / (1 + (pi/2 alpha (v - threshold))^2). */
    private static INDArray surrogate(INDArray v) {
        INDArray x = v.sub(THRESHOLD).muli(Math.PI / 2 * SURROGATE_ALPHA);
        return Transforms.pow(x.muli(x).addi(1.0), -1, false).muli(SURROGATE_ALPHA / 2);
    }

}

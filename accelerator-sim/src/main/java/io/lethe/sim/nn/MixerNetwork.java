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
 * The paper's face model (FaceRecognition/main_mixer_*.py): an MLP-Mixer on 16x16 images, patch 4 (16 tokens
 * of 16 pixels), no biases, RMSNorm, GELU; each block is token mixing then channel mixing, both residual; the
 * normalised tokens are averaged and a linear output layer gives the logits. Every linear layer lives in an
 * analogue crossbar once programmed; the RMSNorm gains are digital. LoRA adapters ({@code y += alpha (x A) B},
 * the code's "add" mode) sit on the channel-mixing layers and the output layer.
 *
 * <p>Activations are kept token-major, one row per (sample, token); token mixing works on the transpose, one
 * row per (sample, channel).
 */
public final class MixerNetwork implements OnChipNetwork {

    /** Image side, patch side, tokens and pixels per patch of the paper's face model. */
    public static final int SIDE = 16;
    static final int PATCH = 4;
    static final int TOKENS = (SIDE / PATCH) * (SIDE / PATCH);
    static final int PATCH_PIXELS = PATCH * PATCH;
    private static final double EPS = 1e-6;
    private static final double GELU_C = Math.sqrt(2 / Math.PI);

    private final int channels;
    private final int depth;
    private final Map<String, DenseLayer> linears;
    private final Map<String, INDArray> gains;

    private MixerNetwork(int channels, int depth, Map<String, DenseLayer> linears, Map<String, INDArray> gains) {
        this.channels = channels;
        this.depth = depth;
        this.linears = linears;
        this.gains = gains;
    }

    /** A He-initialised mixer with {@code depth} blocks, {@code channels} channels and MLP width {@code hidden}. */
    public static MixerNetwork init(int depth, int channels, int hidden, int classes, SeededRandom rng) {
        Map<String, DenseLayer> l = new LinkedHashMap<>();
        Map<String, INDArray> g = new LinkedHashMap<>();
        l.put("embed", linear(PATCH_PIXELS, channels, rng));
        for (int k = 0; k < depth; k++) {
            g.put(k + ".norm1", Nd4j.ones(DataType.DOUBLE, 1, channels));
            l.put(k + ".token1", linear(TOKENS, hidden, rng));
            l.put(k + ".token2", linear(hidden, TOKENS, rng));
            g.put(k + ".norm2", Nd4j.ones(DataType.DOUBLE, 1, channels));
            l.put(k + ".channel1", linear(channels, hidden, rng));
            l.put(k + ".channel2", linear(hidden, channels, rng));
        }
        g.put("final", Nd4j.ones(DataType.DOUBLE, 1, channels));
        l.put("out", linear(channels, classes, rng));
        return new MixerNetwork(channels, depth, l, g);
    }

    private static DenseLayer linear(int inputs, int outputs, SeededRandom rng) {
        INDArray w = rng.gaussian(inputs, outputs).muli(Math.sqrt(2.0 / inputs));
        return new DenseLayer(w, Nd4j.zeros(DataType.DOUBLE, 1, outputs), Activation.IDENTITY);
    }

    /** A deep copy (weights, gains, crossbars). */
    public MixerNetwork copy() {
        Map<String, DenseLayer> l = new LinkedHashMap<>();
        linears.forEach((k, v) -> l.put(k, v.copy()));
        Map<String, INDArray> g = new LinkedHashMap<>();
        gains.forEach((k, v) -> g.put(k, v.dup()));
        return new MixerNetwork(channels, depth, l, g);
    }

    /** The layers LoRA adapts in the paper's code: channel mixing and output. */
    @Override
    public List<String> adaptedLayers() {
        return linears.keySet().stream().filter(n -> n.contains("channel") || n.equals("out")).toList();
    }

    /** Linear layers by name, in forward order. */
    @Override
    public Map<String, DenseLayer> linears() {
        return linears;
    }

    /** MVMs through layer {@code name} per sample: one per token, per channel (token mixing), or one (output). */
    @Override
    public long vectorsPerSample(String name) {
        if (name.equals("out")) {
            return 1;
        }
        return name.contains("token") ? channels : TOKENS;
    }

    @Override
    public long callsPerSample(String name) {
        return 1;
    }

    /** Float weights (and, with {@code withGains}, RMSNorm gains) of the named layers, for the optimiser. */
    public Map<String, INDArray> parameters(List<String> layers, boolean withGains) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        layers.forEach(n -> p.put(n, linears.get(n).weight));
        if (withGains) {
            gains.forEach((k, v) -> p.put("gain." + k, v));
        }
        return p;
    }

    /** A LoRA branch of {@code rank} with scaling {@code alpha} on {@link #adaptedLayers()}. */
    public LoraByLayer initLora(int rank, double alpha, SeededRandom rng) {
        Map<String, LoraAdapter> a = new LinkedHashMap<>();
        for (String n : adaptedLayers()) {
            DenseLayer d = linears.get(n);
            LoraAdapter fresh = LoraAdapter.init(d.inputs(), d.outputs(), rank, alpha, rng);
            a.put(n, new LoraAdapter(fresh.a, fresh.b, alpha));
        }
        return new LoraByLayer(a);
    }

    /** Rows of 16 pixels, one per (sample, patch), from rows of 256 pixels. */
    public static INDArray patchify(INDArray images) {
        int n = images.rows();
        double[] px = images.dup('c').data().asDouble();
        double[] out = new double[n * TOKENS * PATCH_PIXELS];
        int perSide = SIDE / PATCH;
        int o = 0;
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < TOKENS; t++) {
                int py = (t / perSide) * PATCH;
                int pxl = (t % perSide) * PATCH;
                for (int y = 0; y < PATCH; y++) {
                    for (int x = 0; x < PATCH; x++) {
                        out[o++] = px[s * SIDE * SIDE + (py + y) * SIDE + pxl + x];
                    }
                }
            }
        }
        return Nd4j.createFromArray(out).reshape('c', (long) n * TOKENS, PATCH_PIXELS);
    }

    @Override
    public INDArray logits(INDArray inputs, ComputeMode mode, LoraByLayer lora, SeededRandom noise, CostLedger ledger) {
        return forward(inputs, mode, lora, noise, ledger).logits;
    }

    /** What one forward pass keeps for backpropagation. */
    public static final class Pass {
        final ComputeMode mode;
        final Map<String, LoraAdapter> lora;
        final Map<String, INDArray> inputs = new HashMap<>();
        final Map<String, INDArray> pre = new HashMap<>();
        final Map<String, INDArray> projections = new HashMap<>();
        int samples;
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

    /**
     * Forward pass on rows of 256 pixels.
     *
     * @param lora the branch to apply ({@link LoraByLayer#NONE} for the backbone alone)
     * @param noise read-noise source in {@link ComputeMode#ANALOG}
     */
    public Pass forward(INDArray images, ComputeMode mode, LoraByLayer lora, SeededRandom noise,
                        CostLedger ledger) {
        Pass p = new Pass(mode, lora);
        p.samples = images.rows();
        INDArray h = linear("embed", patchify(images), p, noise, ledger);
        for (int k = 0; k < depth; k++) {
            INDArray yt = tokenMajorToChannelMajor(rms(h, k + ".norm1", p), p.samples);
            INDArray a1 = gelu(linear(k + ".token1", yt, p, noise, ledger), k + ".token1", p);
            h = h.add(channelMajorToTokenMajor(linear(k + ".token2", a1, p, noise, ledger), p.samples));
            INDArray a3 = gelu(linear(k + ".channel1", rms(h, k + ".norm2", p), p, noise, ledger), k + ".channel1", p);
            h = h.add(linear(k + ".channel2", a3, p, noise, ledger));
        }
        p.logits = linear("out", pool(rms(h, "final", p), p.samples), p, noise, ledger);
        return p;
    }

    private INDArray linear(String name, INDArray x, Pass p, SeededRandom noise, CostLedger ledger) {
        DenseLayer d = linears.get(name);
        p.inputs.put(name, x);
        LoraAdapter a = p.lora.get(name);
        BranchedLinear.Output out = BranchedLinear.forward(d, p.mode, x, a, noise, ledger);
        INDArray z = out.z();
        if (a != null) {
            p.projections.put(name, out.projection());
        }
        return z;
    }

    private INDArray rms(INDArray x, String gain, Pass p) {
        p.inputs.put("gain." + gain, x);
        return x.divColumnVector(rmsOf(x)).muliRowVector(gains.get(gain));
    }

    private static INDArray rmsOf(INDArray x) {
        return Transforms.sqrt(x.mul(x).mean(1).addi(EPS), false).reshape(x.rows(), 1);
    }

    private static INDArray gelu(INDArray z, String name, Pass p) {
        p.pre.put(name, z);
        INDArray inner = z.add(z.mul(z).muli(z).muli(0.044715)).muli(GELU_C);
        return Transforms.tanh(inner, false).addi(1.0).muli(z).muli(0.5);
    }

    private static INDArray geluBackward(INDArray grad, INDArray z) {
        INDArray t = Transforms.tanh(z.add(z.mul(z).muli(z).muli(0.044715)).muli(GELU_C), false);
        INDArray sech2 = t.mul(t).rsubi(1.0);
        INDArray dInner = z.mul(z).muli(3 * 0.044715).addi(1.0).muli(GELU_C);
        INDArray d = t.add(1.0).muli(0.5).addi(z.mul(sech2).muli(dInner).muli(0.5));
        return grad.mul(d);
    }

    /** Mean over each sample's tokens: (samples x tokens) rows -> one row per sample. */
    private INDArray pool(INDArray tokens, int samples) {
        return tokens.reshape('c', samples, TOKENS, channels).mean(1);
    }

    /** (samples x tokens) x samples matrix whose product spreads a per-sample gradient evenly over its tokens. */
    private static INDArray spread(int samples) {
        double[] e = new double[samples * TOKENS * samples];
        for (int s = 0; s < samples; s++) {
            for (int t = 0; t < TOKENS; t++) {
                e[(s * TOKENS + t) * samples + s] = 1.0 / TOKENS;
            }
        }
        return Nd4j.createFromArray(e).reshape('c', (long) samples * TOKENS, samples);
    }

    private INDArray tokenMajorToChannelMajor(INDArray x, int samples) {
        return x.reshape('c', samples, TOKENS, channels).permute(0, 2, 1).dup('c')
                .reshape('c', (long) samples * channels, TOKENS);
    }

    private INDArray channelMajorToTokenMajor(INDArray x, int samples) {
        return x.reshape('c', samples, channels, TOKENS).permute(0, 2, 1).dup('c')
                .reshape('c', (long) samples * TOKENS, channels);
    }

    /**
     * Backpropagates {@code dLogits}.
     *
     * @param weights names of the layers whose weights get gradients (empty for LoRA training)
     * @param trainGains whether the RMSNorm gains get gradients
     * @return gradients by parameter name ({@code <layer>}, {@code gain.<norm>}, {@code <layer>.A|B})
     */
    public Map<String, INDArray> backward(Pass p, INDArray dLogits, Set<String> weights, boolean trainGains,
                                          CostLedger ledger) {
        Map<String, INDArray> g = new HashMap<>();
        Back b = new Back(p, weights, trainGains, g, ledger);
        INDArray dPooled = b.linear("out", dLogits);
        if (dPooled == null) {
            return g;
        }
        INDArray dTokens = spread(p.samples).mmul(dPooled);
        INDArray dh = b.rms(dTokens, "final");
        for (int k = depth - 1; k >= 0; k--) {
            INDArray da3 = b.linear(k + ".channel2", dh);
            if (da3 == null) {
                return g;
            }
            INDArray dn2 = b.linear(k + ".channel1", geluBackward(da3, p.pre.get(k + ".channel1")));
            if (dn2 == null) {
                return g;
            }
            dh = dh.add(b.rms(dn2, k + ".norm2"));
            INDArray da1 = b.linear(k + ".token2", tokenMajorToChannelMajor(dh, p.samples));
            if (da1 == null) {
                return g;
            }
            INDArray dy = b.linear(k + ".token1", geluBackward(da1, p.pre.get(k + ".token1")));
            if (dy == null) {
                return g;
            }
            dh = dh.add(b.rms(channelMajorToTokenMajor(dy, p.samples), k + ".norm1"));
        }
        b.linear("embed", dh);
        return g;
    }

    /**
     * The layers and RMSNorm gains in forward order: backpropagation needs a layer's input gradient only while
     * something before it gets gradients.
     */
    private List<String> forwardOrder() {
        List<String> order = new ArrayList<>(List.of("embed"));
        for (int k = 0; k < depth; k++) {
            order.addAll(List.of("gain." + k + ".norm1", k + ".token1", k + ".token2", "gain." + k + ".norm2",
                    k + ".channel1", k + ".channel2"));
        }
        order.addAll(List.of("gain.final", "out"));
        return order;
    }

    /** One backward pass's bookkeeping. */
    private final class Back {
        private final List<String> order;
        private final Pass p;
        private final Set<String> weights;
        private final boolean trainGains;
        private final Map<String, INDArray> g;
        private final CostLedger ledger;

        Back(Pass p, Set<String> weights, boolean trainGains, Map<String, INDArray> g, CostLedger ledger) {
            this.order = forwardOrder();
            this.p = p;
            this.weights = weights;
            this.trainGains = trainGains;
            this.g = g;
            this.ledger = ledger;
        }

        /**
         * Records the layer's weight and LoRA gradients; returns the gradient w.r.t. its input, or null when nothing
         * before the layer gets gradients (the pass then stops: as autograd, it computes no gradient nobody needs,
         * such as the transposed reads below the lowest adapted layer, on either side of a comparison).
         */
        INDArray linear(String name, INDArray dz) {
            DenseLayer d = linears.get(name);
            INDArray x = p.inputs.get(name);
            LoraAdapter a = p.lora.get(name);
            INDArray du = BranchedLinear.parameterGradients(name, d, p.mode, x, dz, weights.contains(name), a,
                    p.projections.get(name), g, ledger);
            if (!trainsBefore(name)) {
                return null;
            }
            return BranchedLinear.inputGradient(d, p.mode, dz, a, du, x.rows(), ledger);
        }

        private boolean trainsBefore(String name) {
            for (String before : order) {
                if (before.equals(name)) {
                    return false;
                }
                boolean gain = before.startsWith("gain.");
                if (gain ? trainGains : weights.contains(before) || p.lora.containsKey(before)) {
                    return true;
                }
            }
            throw new IllegalArgumentException("no layer " + name);
        }

        INDArray rms(INDArray dy, String gain) {
            INDArray x = p.inputs.get("gain." + gain);
            INDArray r = rmsOf(x);
            INDArray xhat = x.divColumnVector(r);
            if (trainGains) {
                g.put("gain." + gain, dy.mul(xhat).sum(true, 0));
            }
            INDArray dxhat = dy.mulRowVector(gains.get(gain));
            INDArray proj = dxhat.mul(xhat).mean(1).reshape(x.rows(), 1);
            return dxhat.sub(xhat.mulColumnVector(proj)).diviColumnVector(r);
        }
    }

}

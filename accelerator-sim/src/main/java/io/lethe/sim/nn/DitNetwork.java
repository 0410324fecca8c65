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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The paper's image generator (ImageGeneration, {@code ConvNeXtDiTBlock} with {@code --convnext}) at CI size: a
 * class-conditional diffusion model predicting the noise of an 8x8 image. Patch 2 gives a 4x4 grid of 16 tokens
 * of 4 pixels. Each block is adaLN-modulated: {@code h += g1 * dwconv(ln(h) (1 + s1) + b1)} (the depthwise
 * 3x3 convolution on the token grid replaces self-attention, as ConvNeXt blocks do), then
 * {@code h += g2 * fc2(gelu(fc1(ln(h) (1 + s2) + b2)))}; shift, scale and gate come from one linear layer of an
 * embedding of timestep and class. The final layer is adaLN-modulated too. No biases, as the Mixer.
 *
 * <p>Every weight matrix lives in an analogue crossbar once programmed; the depthwise kernels, LayerNorm,
 * modulation, GELU/SiLU and the fixed positional and timestep sinusoids are digital elementwise work on both
 * sides of every comparison and are not charged (as the Mixer's RMSNorm and GELU; the {@code --scale paper}
 * count leaves them out the same way). LoRA ({@code z += (alpha / r) (x A) B}) sits on fc1/fc2 only, as
 * {@code tools/lora.py} targets modules named {@code fc}.
 *
 * <p>Input rows: 64 noisy pixels, the timestep, then the condition one-hots ({@link #CONDITIONS} columns). Token
 * activations are token-major, one row per (sample, token).
 */
public final class DitNetwork implements OnChipNetwork {

    /** Image side, patch side, token grid side and tokens. */
    public static final int SIDE = 8;
    static final int PATCH = 2;
    static final int GRID = SIDE / PATCH;
    static final int TOKENS = GRID * GRID;
    static final int PATCH_PIXELS = PATCH * PATCH;
    /** Pixels per image, and the sinusoidal timestep features. */
    public static final int PIXELS = SIDE * SIDE;
    static final int TIME_FEATURES = 16;
    /** Depthwise kernel side and taps. */
    static final int KERNEL = 3;
    static final int TAPS = KERNEL * KERNEL;

    private final int hidden;
    private final int depth;
    private final int conditions;
    private final Map<String, DenseLayer> linears;
    private final Map<String, INDArray> kernels;
    private final double[] position;

    private DitNetwork(int hidden, int depth, int conditions, Map<String, DenseLayer> linears,
                       Map<String, INDArray> kernels) {
        this.hidden = hidden;
        this.depth = depth;
        this.conditions = conditions;
        this.linears = linears;
        this.kernels = kernels;
        this.position = positionalEmbedding(hidden);
    }

    /**
     * A freshly initialised generator: {@code depth} blocks of width {@code hidden}, MLP width {@code mlp}, and
     * {@code conditions} one-hot condition columns. The modulation and output layers start small (DiT starts them
     * at zero, adaLN-Zero; a zero matrix has no conductance scale, so ours are 0.1 x He) so each block starts
     * near the identity.
     */
    public static DitNetwork init(int depth, int hidden, int mlp, int conditions, SeededRandom rng) {
        Map<String, DenseLayer> l = new LinkedHashMap<>();
        Map<String, INDArray> k = new LinkedHashMap<>();
        l.put("cond", linear(TIME_FEATURES + conditions, hidden, 1.0, rng));
        l.put("embed", linear(PATCH_PIXELS, hidden, 1.0, rng));
        for (int b = 0; b < depth; b++) {
            l.put(b + ".ada", linear(hidden, 6 * hidden, 0.1, rng));
            k.put(b + ".dwconv", rng.gaussian(TAPS, hidden).muli(Math.sqrt(2.0 / TAPS)));
            l.put(b + ".fc1", linear(hidden, mlp, 1.0, rng));
            l.put(b + ".fc2", linear(mlp, hidden, 1.0, rng));
        }
        l.put("final.ada", linear(hidden, 2 * hidden, 0.1, rng));
        l.put("final", linear(hidden, PATCH_PIXELS, 0.1, rng));
        return new DitNetwork(hidden, depth, conditions, l, k);
    }

    private static DenseLayer linear(int inputs, int outputs, double gain, SeededRandom rng) {
        INDArray w = rng.gaussian(inputs, outputs).muli(gain * Math.sqrt(2.0 / inputs));
        return new DenseLayer(w, Nd4j.zeros(DataType.DOUBLE, 1, outputs), Activation.IDENTITY);
    }

    /** A deep copy (weights, kernels, crossbars). */
    public DitNetwork copy() {
        Map<String, DenseLayer> l = new LinkedHashMap<>();
        linears.forEach((n, v) -> l.put(n, v.copy()));
        Map<String, INDArray> k = new LinkedHashMap<>();
        kernels.forEach((n, v) -> k.put(n, v.dup()));
        return new DitNetwork(hidden, depth, conditions, l, k);
    }

    /** Columns of an input row: pixels, timestep, condition one-hots. */
    public int inputColumns() {
        return PIXELS + 1 + conditions;
    }

    /** The layers LoRA adapts in the paper's code: the MLP fc1/fc2 of every block. */
    @Override
    public List<String> adaptedLayers() {
        return linears.keySet().stream().filter(n -> n.endsWith(".fc1") || n.endsWith(".fc2")).toList();
    }

    @Override
    public Map<String, DenseLayer> linears() {
        return linears;
    }

    /** Token layers see one vector per token; the conditioning layers one per sample. */
    @Override
    public long vectorsPerSample(String name) {
        return name.equals("cond") || name.endsWith("ada") ? 1 : TOKENS;
    }

    @Override
    public long callsPerSample(String name) {
        return 1;
    }

    /** Float weights of the named layers (and, with {@code withKernels}, the depthwise kernels), for the optimiser. */
    public Map<String, INDArray> parameters(List<String> layers, boolean withKernels) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        layers.forEach(n -> p.put(n, linears.get(n).weight));
        if (withKernels) {
            kernels.forEach((n, v) -> p.put("kernel." + n, v));
        }
        return p;
    }

    /** A LoRA branch of {@code rank} with scaling {@code alpha / rank} on fc1/fc2. */
    public LoraByLayer initLora(int rank, double alpha, SeededRandom rng) {
        Map<String, LoraAdapter> a = new LinkedHashMap<>();
        for (String n : adaptedLayers()) {
            DenseLayer d = linears.get(n);
            a.put(n, LoraAdapter.init(d.inputs(), d.outputs(), rank, alpha, rng));
        }
        return new LoraByLayer(a);
    }

    /** The predicted noise (one row of 64 per sample). */
    @Override
    public INDArray logits(INDArray inputs, ComputeMode mode, LoraByLayer lora, SeededRandom noise, CostLedger ledger) {
        return forward(inputs, mode, lora, LoraByLayer.NONE, noise, ledger).output;
    }

    /** What one forward pass keeps for backpropagation. */
    public static final class Pass {
        final ComputeMode mode;
        final Map<String, LoraAdapter> lora;
        final Map<String, LoraAdapter> fixed;
        final Map<String, INDArray> inputs = new HashMap<>();
        final Map<String, double[]> saved = new HashMap<>();
        final Map<String, INDArray> projections = new HashMap<>();
        int samples;
        INDArray output;

        Pass(ComputeMode mode, LoraByLayer lora, LoraByLayer fixed) {
            this.mode = mode;
            this.lora = lora.adapters;
            this.fixed = fixed.adapters;
        }

        /** The predicted noise, one row of 64 per sample. */
        public INDArray output() {
            return output;
        }
    }

    /**
     * Forward pass.
     *
     * @param lora the branch being trained or evaluated ({@link LoraByLayer#NONE} for the backbone alone)
     * @param fixed a frozen branch applied beside it (an earlier task's), which gets no gradients
     */
    public Pass forward(INDArray rows, ComputeMode mode, LoraByLayer lora, LoraByLayer fixed, SeededRandom noise,
                        CostLedger ledger) {
        Pass p = new Pass(mode, lora, fixed);
        int n = rows.rows();
        p.samples = n;
        INDArray pixels = rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, PIXELS)).dup('c');
        INDArray condIn = Nd4j.hstack(timeFeatures(rows),
                rows.get(NDArrayIndex.all(), NDArrayIndex.interval(PIXELS + 1, PIXELS + 1 + conditions)).dup('c'));
        double[] cPre = DitOps.values(linear("cond", condIn, p, noise, ledger));
        p.saved.put("cPre", cPre);
        INDArray c = DitOps.matrix(DitOps.silu(cPre), hidden);
        double[] h = DitOps.values(linear("embed", patchify(pixels), p, noise, ledger));
        for (int i = 0; i < h.length; i++) {
            h[i] += position[i % position.length];
        }
        for (int b = 0; b < depth; b++) {
            double[] m = DitOps.values(linear(b + ".ada", c, p, noise, ledger));
            p.saved.put(b + ".m", m);
            double[] u1 = DitOps.modulate(norm(h, b + ".n1", p), m, 6, 0, 1, hidden, TOKENS);
            p.saved.put(b + ".u1", u1);
            double[] d = dwconv(u1, kernels.get(b + ".dwconv"), n);
            p.saved.put(b + ".d", d);
            h = DitOps.plus(h, DitOps.timesChunk(d, m, 6, 2, 0, hidden, TOKENS));
            double[] u2 = DitOps.modulate(norm(h, b + ".n2", p), m, 6, 3, 4, hidden, TOKENS);
            double[] z = DitOps.values(linear(b + ".fc1", DitOps.matrix(u2, hidden), p, noise, ledger));
            p.saved.put(b + ".z", z);
            double[] t = new double[z.length];
            p.saved.put(b + ".t", t);
            INDArray a = DitOps.matrix(DitOps.gelu(z, t), linears.get(b + ".fc1").outputs());
            double[] f = DitOps.values(linear(b + ".fc2", a, p, noise, ledger));
            p.saved.put(b + ".f", f);
            h = DitOps.plus(h, DitOps.timesChunk(f, m, 6, 5, 0, hidden, TOKENS));
        }
        double[] mf = DitOps.values(linear("final.ada", c, p, noise, ledger));
        p.saved.put("final.m", mf);
        double[] u = DitOps.modulate(norm(h, "final.n", p), mf, 2, 0, 1, hidden, TOKENS);
        p.output = unpatchify(linear("final", DitOps.matrix(u, hidden), p, noise, ledger), n);
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
        LoraAdapter f = p.fixed.get(name);
        if (f != null) {
            z.addi(x.mmul(f.a).mmul(f.b).muli(f.scaling));
            chargeDigital(x.rows(), loraWeights(f), ledger);
        }
        return z;
    }

    /**
     * Backpropagates {@code dOutput} (one row of 64 per sample).
     *
     * @param weights layers whose weights get gradients (empty for LoRA training)
     * @param trainKernels whether the depthwise kernels get gradients
     * @return gradients by parameter name ({@code <layer>}, {@code kernel.<block>.dwconv}, {@code <layer>.A|B})
     */
    public Map<String, INDArray> backward(Pass p, INDArray dOutput, Set<String> weights, boolean trainKernels,
                                          CostLedger ledger) {
        Map<String, INDArray> g = new HashMap<>();
        Back back = new Back(p, weights, trainKernels, g, ledger);
        int n = p.samples;
        double[] mf = p.saved.get("final.m");
        INDArray dFinal = back.linear("final", patchify(dOutput));
        if (dFinal == null) {
            return g;
        }
        double[] du = DitOps.values(dFinal);
        double[] dmf = new double[n * 2 * hidden];
        DitOps.sumPerSample(du, null, dmf, 2, 0, hidden, TOKENS);
        DitOps.sumPerSample(du, p.saved.get("final.n"), dmf, 2, 1, hidden, TOKENS);
        double[] dh = normBackward(DitOps.timesChunk(du, mf, 2, 1, 1, hidden, TOKENS), "final.n", p);
        double[] dc = valuesOrNull(back.linear("final.ada", DitOps.matrix(dmf, 2 * hidden)));
        for (int b = depth - 1; b >= 0; b--) {
            double[] m = p.saved.get(b + ".m");
            double[] dm = new double[n * 6 * hidden];
            DitOps.sumPerSample(dh, p.saved.get(b + ".f"), dm, 6, 5, hidden, TOKENS);
            INDArray dFc2 = back.linear(b + ".fc2",
                    DitOps.matrix(DitOps.timesChunk(dh, m, 6, 5, 0, hidden, TOKENS), hidden));
            if (dFc2 == null) {
                return g;
            }
            double[] dz = DitOps.geluBackward(DitOps.values(dFc2), p.saved.get(b + ".z"), p.saved.get(b + ".t"));
            INDArray dFc1 = back.linear(b + ".fc1", DitOps.matrix(dz, linears.get(b + ".fc1").outputs()));
            if (dFc1 == null) {
                return g;
            }
            double[] du2 = DitOps.values(dFc1);
            DitOps.sumPerSample(du2, null, dm, 6, 3, hidden, TOKENS);
            DitOps.sumPerSample(du2, p.saved.get(b + ".n2"), dm, 6, 4, hidden, TOKENS);
            dh = DitOps.plus(dh, normBackward(DitOps.timesChunk(du2, m, 6, 4, 1, hidden, TOKENS), b + ".n2", p));
            double[] dd = DitOps.timesChunk(dh, m, 6, 2, 0, hidden, TOKENS);
            DitOps.sumPerSample(dh, p.saved.get(b + ".d"), dm, 6, 2, hidden, TOKENS);
            if (trainKernels) {
                g.put("kernel." + b + ".dwconv", dwconvKernelGradient(dd, p.saved.get(b + ".u1"), n));
            }
            double[] du1 = dwconvInputGradient(dd, kernels.get(b + ".dwconv"), n);
            DitOps.sumPerSample(du1, null, dm, 6, 0, hidden, TOKENS);
            DitOps.sumPerSample(du1, p.saved.get(b + ".n1"), dm, 6, 1, hidden, TOKENS);
            dh = DitOps.plus(dh, normBackward(DitOps.timesChunk(du1, m, 6, 1, 1, hidden, TOKENS), b + ".n1", p));
            double[] dAda = valuesOrNull(back.linear(b + ".ada", DitOps.matrix(dm, 6 * hidden)));
            if (dAda != null) {
                dc = dc == null ? dAda : DitOps.plus(dc, dAda);
            }
        }
        if (dc != null) {
            back.linear("cond", DitOps.matrix(DitOps.siluBackward(dc, p.saved.get("cPre")), hidden));
        }
        back.linear("embed", DitOps.matrix(dh, hidden));
        return g;
    }

    private static double[] valuesOrNull(INDArray a) {
        return a == null ? null : DitOps.values(a);
    }

    /** One backward pass's bookkeeping (the Mixer's, with a frozen branch whose input gradient still flows). */
    private final class Back {
        private final Pass p;
        private final Set<String> weights;
        private final boolean trainKernels;
        private final Map<String, INDArray> g;
        private final CostLedger ledger;

        Back(Pass p, Set<String> weights, boolean trainKernels, Map<String, INDArray> g, CostLedger ledger) {
            this.p = p;
            this.weights = weights;
            this.trainKernels = trainKernels;
            this.g = g;
            this.ledger = ledger;
        }

        /**
         * Records the layer's weight and LoRA gradients; returns the gradient w.r.t. its input, or null when no
         * parameter it feeds back to gets gradients (as autograd: with LoRA on fc1/fc2 only, the adaLN and condition
         * layers and everything below block 0's fc1 need no transposed read, on either side of a comparison).
         */
        INDArray linear(String name, INDArray dz) {
            DenseLayer d = linears.get(name);
            INDArray x = p.inputs.get(name);
            LoraAdapter a = p.lora.get(name);
            INDArray du = BranchedLinear.parameterGradients(name, d, p.mode, x, dz, weights.contains(name), a,
                    p.projections.get(name), g, ledger);
            if (!needsInputGradient(name)) {
                return null;
            }
            INDArray dx = BranchedLinear.inputGradient(d, p.mode, dz, a, du, x.rows(), ledger);
            LoraAdapter f = p.fixed.get(name);
            if (f != null) {
                dx.addi(dz.mmul(f.b.transpose()).mmul(f.a.transpose()).muli(f.scaling));
                chargeDigital(x.rows(), loraWeights(f), ledger);
            }
            return dx;
        }

        /**
         * The condition path (adaLN layers) feeds back only to the condition embedding; the token path feeds back to
         * everything before the layer in {@link #tokenPathOrder()}, the condition embedding among it (the adaLN
         * gradients come from the token path's).
         */
        private boolean needsInputGradient(String name) {
            if (name.equals("cond") || name.equals("embed")) {
                return false;
            }
            if (name.endsWith("ada")) {
                return trains("cond");
            }
            for (String before : tokenPathOrder()) {
                if (before.equals(name)) {
                    return false;
                }
                if (trains(before)) {
                    return true;
                }
            }
            throw new IllegalArgumentException("no layer " + name);
        }

        private boolean trains(String name) {
            return name.startsWith("kernel.") ? trainKernels : weights.contains(name) || p.lora.containsKey(name);
        }
    }

    /** The condition embedding, then the token path's layers and kernels in forward order. */
    private List<String> tokenPathOrder() {
        List<String> order = new ArrayList<>(List.of("cond", "embed"));
        for (int b = 0; b < depth; b++) {
            order.addAll(List.of("kernel." + b, b + ".ada", b + ".fc1", b + ".fc2"));
        }
        order.addAll(List.of("final.ada", "final"));
        return order;
    }

    // ---- token-grid helpers -------------------------------------------------------------------------------

    /** Rows of 4 pixels, one per (sample, 2x2 patch), from rows of 64 pixels. */
    static INDArray patchify(INDArray images) {
        int n = images.rows();
        double[] px = DitOps.values(images);
        double[] out = new double[n * PIXELS];
        int o = 0;
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < TOKENS; t++) {
                for (int y = 0; y < PATCH; y++) {
                    for (int x = 0; x < PATCH; x++) {
                        out[o++] = px[s * PIXELS + pixelOf(t, y, x)];
                    }
                }
            }
        }
        return DitOps.matrix(out, PATCH_PIXELS);
    }

    /** The inverse of {@link #patchify}: rows of 64 pixels from (sample, patch) rows. */
    static INDArray unpatchify(INDArray patches, int n) {
        double[] in = DitOps.values(patches);
        double[] out = new double[n * PIXELS];
        int o = 0;
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < TOKENS; t++) {
                for (int y = 0; y < PATCH; y++) {
                    for (int x = 0; x < PATCH; x++) {
                        out[s * PIXELS + pixelOf(t, y, x)] = in[o++];
                    }
                }
            }
        }
        return DitOps.matrix(out, PIXELS);
    }

    private static int pixelOf(int token, int y, int x) {
        return ((token / GRID) * PATCH + y) * SIDE + (token % GRID) * PATCH + x;
    }

    /**
     * Depthwise 3x3 convolution with zero padding over each sample's 4x4 token grid, channel by channel:
     * {@code out[t, c] = sum_k K[k, c] x[neighbour_k(t), c]}.
     */
    private double[] dwconv(double[] in, INDArray kernel, int n) {
        double[] k = DitOps.values(kernel);
        double[] out = new double[in.length];
        forEachTap(n, (dst, src, tap) -> {
            for (int c = 0; c < hidden; c++) {
                out[dst + c] += k[tap * hidden + c] * in[src + c];
            }
        });
        return out;
    }

    /** dL/dx of {@link #dwconv}: each output's gradient flows back to the input it read. */
    private double[] dwconvInputGradient(double[] dy, INDArray kernel, int n) {
        double[] k = DitOps.values(kernel);
        double[] dx = new double[dy.length];
        forEachTap(n, (dst, src, tap) -> {
            for (int c = 0; c < hidden; c++) {
                dx[src + c] += k[tap * hidden + c] * dy[dst + c];
            }
        });
        return dx;
    }

    /** dL/dK of {@link #dwconv}. */
    private INDArray dwconvKernelGradient(double[] dy, double[] in, int n) {
        double[] dk = new double[TAPS * hidden];
        forEachTap(n, (dst, src, tap) -> {
            for (int c = 0; c < hidden; c++) {
                dk[tap * hidden + c] += in[src + c] * dy[dst + c];
            }
        });
        return DitOps.matrix(dk, hidden);
    }

    @FunctionalInterface
    private interface Tap {
        void apply(int dstOffset, int srcOffset, int tap);
    }

    /** Every (output token, in-grid neighbour, tap) of every sample, as flat row offsets. */
    private void forEachTap(int n, Tap tap) {
        int r = KERNEL / 2;
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < TOKENS; t++) {
                int ty = t / GRID;
                int tx = t % GRID;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int y = ty + dy;
                        int x = tx + dx;
                        if (y >= 0 && y < GRID && x >= 0 && x < GRID) {
                            tap.apply((s * TOKENS + t) * hidden, (s * TOKENS + y * GRID + x) * hidden,
                                    (dy + r) * KERNEL + dx + r);
                        }
                    }
                }
            }
        }
    }

    /** LayerNorm without affine parameters (DiT's {@code elementwise_affine=False}); keeps its output and 1/sigma. */
    private double[] norm(double[] x, String name, Pass p) {
        double[] inv = new double[x.length / hidden];
        double[] y = DitOps.layerNorm(x, hidden, inv);
        p.saved.put(name, y);
        p.saved.put(name + ".inv", inv);
        return y;
    }

    private double[] normBackward(double[] dy, String name, Pass p) {
        return DitOps.layerNormBackward(dy, p.saved.get(name), p.saved.get(name + ".inv"), hidden);
    }

    /** DiT's timestep embedding of each row's timestep column: cos and sin of t / 10000^(i / half). */
    private static INDArray timeFeatures(INDArray rows) {
        int n = rows.rows();
        int half = TIME_FEATURES / 2;
        double[] f = new double[n * TIME_FEATURES];
        for (int s = 0; s < n; s++) {
            double ts = rows.getDouble(s, PIXELS);
            for (int i = 0; i < half; i++) {
                double a = ts * Math.exp(-Math.log(10000) * i / half);
                f[s * TIME_FEATURES + i] = Math.cos(a);
                f[s * TIME_FEATURES + half + i] = Math.sin(a);
            }
        }
        return DitOps.matrix(f, TIME_FEATURES);
    }

    /** DiT's fixed 2-D sin-cos positional embedding of the 4x4 token grid (half the width per axis). */
    private static double[] positionalEmbedding(int hidden) {
        double[] e = new double[TOKENS * hidden];
        int quarter = hidden / 4;
        for (int t = 0; t < TOKENS; t++) {
            int[] axis = {t / GRID, t % GRID};
            for (int a = 0; a < 2; a++) {
                for (int i = 0; i < quarter; i++) {
                    double w = axis[a] / Math.pow(10000, (double) i / quarter);
                    e[t * hidden + a * 2 * quarter + i] = Math.sin(w);
                    e[t * hidden + a * 2 * quarter + quarter + i] = Math.cos(w);
                }
            }
        }
        return e;
    }

}

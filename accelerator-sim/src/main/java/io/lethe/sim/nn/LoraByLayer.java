package io.lethe.sim.nn;

import io.lethe.sim.digital.QuantizedTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A LoRA branch of a {@link MixerNetwork} or {@link LsmNetwork}: one adapter per adapted layer, by layer name. */
public final class LoraByLayer {

    /** No branch. */
    public static final LoraByLayer NONE = new LoraByLayer(Map.of());

    final Map<String, LoraAdapter> adapters;

    LoraByLayer(Map<String, LoraAdapter> adapters) {
        this.adapters = adapters;
    }

    /** The tensors by stable name ({@code <layer>.A}, {@code <layer>.B}), for the optimiser. */
    Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        adapters.forEach((n, a) -> {
            p.put(n + ".A", a.a);
            p.put(n + ".B", a.b);
        });
        return p;
    }

    /** Trainable scalars. */
    public long parameterCount() {
        return Trainer.parameterCount(parameters());
    }

    /** SRAM bytes of the INT8 image: one byte per value plus a 4-byte scale per tensor. */
    public long sramBytes() {
        return parameterCount() + 4L * 2 * adapters.size();
    }

    /**
     * SHA-256 over every adapter's name, scaling and the IEEE bits of its A and B values, in layer order: two branches
     * with the same digest hold the same values bit for bit.
     */
    public String digest() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer eight = java.nio.ByteBuffer.allocate(8);
            adapters.forEach((n, a) -> {
                md.update(n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (double v : concat(a.a.dup().data().asDouble(), a.b.dup().data().asDouble(), a.scaling)) {
                    eight.clear();
                    md.update(eight.putLong(Double.doubleToRawLongBits(v)).array());
                }
            });
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] concat(double[] a, double[] b, double last) {
        double[] all = java.util.Arrays.copyOf(a, a.length + b.length + 1);
        System.arraycopy(b, 0, all, a.length, b.length);
        all[all.length - 1] = last;
        return all;
    }

    /** The branch as the digital unit holds it: every tensor rounded to INT8 with a per-tensor scale. */
    public LoraByLayer quantized() {
        Map<String, LoraAdapter> q = new LinkedHashMap<>();
        adapters.forEach((n, a) -> q.put(n, new LoraAdapter(QuantizedTensor.of(n + ".A", a.a).dequantised(),
                QuantizedTensor.of(n + ".B", a.b).dequantised(), a.scaling)));
        return new LoraByLayer(q);
    }
}

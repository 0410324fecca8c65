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

    /** The branch as the digital unit holds it: every tensor rounded to INT8 with a per-tensor scale. */
    public LoraByLayer quantized() {
        Map<String, LoraAdapter> q = new LinkedHashMap<>();
        adapters.forEach((n, a) -> q.put(n, new LoraAdapter(QuantizedTensor.of(n + ".A", a.a).dequantised(),
                QuantizedTensor.of(n + ".B", a.b).dequantised(), a.scaling)));
        return new LoraByLayer(q);
    }
}

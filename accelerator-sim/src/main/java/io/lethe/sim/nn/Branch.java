package io.lethe.sim.nn;

import io.lethe.sim.digital.QuantizedTensor;
import io.lethe.sim.random.SeededRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A LoRA branch: adapters on some backbone layers plus, when the branch brings new classes, a digital
 * head extension. Trained in floating point, deployed as INT8 via {@link #quantize()}.
 */
public final class Branch {

    private final String id;
    final TreeMap<Integer, LoraAdapter> adapters;
    final HeadExtension head;

    Branch(String id, TreeMap<Integer, LoraAdapter> adapters, HeadExtension head) {
        this.id = id;
        this.adapters = adapters;
        this.head = head;
    }

    /** A fresh branch with rank-{@code rank} adapters on {@code layers} of {@code net} and {@code newClasses} head units. */
    public static Branch init(String id, HybridNetwork net, List<Integer> layers, int rank, double alpha,
                              int newClasses, SeededRandom rng) {
        TreeMap<Integer, LoraAdapter> adapters = new TreeMap<>();
        for (int l : layers) {
            DenseLayer layer = net.layers().get(l);
            adapters.put(l, LoraAdapter.init(layer.inputs(), layer.outputs(), rank, alpha, rng));
        }
        int headInputs = net.layers().get(net.layers().size() - 1).inputs();
        HeadExtension head = newClasses > 0 ? HeadExtension.init(headInputs, newClasses, rng) : null;
        return new Branch(id, adapters, head);
    }

    public String id() {
        return id;
    }

    /** Output units this branch adds. */
    public int newClasses() {
        return head == null ? 0 : head.classes();
    }

    /** Trainable tensors by stable name ({@code L<i>.A}, {@code L<i>.B}, {@code head.E}, {@code head.b}). */
    Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        adapters.forEach((l, a) -> {
            p.put("L" + l + ".A", a.a);
            p.put("L" + l + ".B", a.b);
        });
        if (head != null) {
            p.put("head.E", head.e);
            p.put("head.b", head.bias);
        }
        return p;
    }

    /** Rounds every tensor to INT8 with a per-tensor scale. */
    public QuantizedBranch quantize() {
        List<QuantizedTensor> tensors = new ArrayList<>();
        parameters().forEach((name, value) -> tensors.add(QuantizedTensor.of(name, value)));
        double scaling = adapters.isEmpty() ? 0 : adapters.firstEntry().getValue().scaling;
        return new QuantizedBranch(id, tensors, scaling);
    }
}

package io.lethe.sim.nn;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.device.CrossbarState;
import io.lethe.sim.device.DeviceConfig;
import io.lethe.sim.digital.QuantizedTensor;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.snapshot.SnapshotFormatException;
import io.lethe.sim.snapshot.SnapshotInput;
import io.lethe.sim.snapshot.SnapshotOutput;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes and reads the parts of a model that live in this package: the backbone network (float master
 * weights, biases, programmed crossbars), INT8 branches, and cost ledgers. Bit-exact.
 */
public final class NetworkState {

    private NetworkState() {
    }

    public static void writeNetwork(HybridNetwork network, SnapshotOutput out) {
        out.writeInt(network.layers().size());
        for (DenseLayer layer : network.layers()) {
            out.writeArray(layer.weight).writeArray(layer.bias);
            out.writeBoolean(layer.crossbar != null);
            if (layer.crossbar != null) {
                CrossbarState.write(layer.crossbar, out);
            }
        }
    }

    /** Reads a network written by {@link #writeNetwork}; activations follow from the layer order as in {@code init}. */
    public static HybridNetwork readNetwork(SnapshotInput in, DeviceConfig device) {
        int count = in.readInt();
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        List<Object> crossbars = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            weights.add(in.readArray());
            biases.add(in.readArray());
            crossbars.add(in.readBoolean() ? CrossbarState.read(in, device) : null);
        }
        int[] sizes = new int[count + 1];
        for (int i = 0; i < count; i++) {
            sizes[i] = (int) weights.get(i).rows();
            sizes[i + 1] = (int) weights.get(i).columns();
        }
        // init draws throw-away weights; they are overwritten in place, so the activations and shapes are
        // exactly what init gives a fresh network of these sizes.
        HybridNetwork network = HybridNetwork.init(sizes, new SeededRandom(0));
        for (int i = 0; i < count; i++) {
            DenseLayer layer = network.layers().get(i);
            requireSameShape(layer.weight, weights.get(i));
            requireSameShape(layer.bias, biases.get(i));
            layer.weight.assign(weights.get(i));
            layer.bias.assign(biases.get(i));
            layer.crossbar = (io.lethe.sim.device.AnalogCrossbar) crossbars.get(i);
        }
        return network;
    }

    public static void writeBranch(QuantizedBranch branch, SnapshotOutput out) {
        out.writeString(branch.branchId()).writeDouble(branch.loraScaling()).writeInt(branch.tensors().size());
        for (QuantizedTensor t : branch.tensors()) {
            out.writeString(t.name()).writeInt(t.rows()).writeInt(t.cols()).writeBytes(t.values());
            out.writeInt(Float.floatToRawIntBits(t.scale()));
        }
    }

    public static QuantizedBranch readBranch(SnapshotInput in) {
        String id = in.readString();
        double scaling = in.readDouble();
        int n = in.readInt();
        List<QuantizedTensor> tensors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = in.readString();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] values = in.readBytes();
            tensors.add(new QuantizedTensor(name, rows, cols, values, Float.intBitsToFloat(in.readInt())));
        }
        return new QuantizedBranch(id, tensors, scaling);
    }

    public static void writeLedger(CostLedger ledger, SnapshotOutput out) {
        var counts = new java.util.TreeMap<String, Long>();
        ledger.counts().forEach((op, n) -> counts.put(op.name(), n));
        out.writeInt(counts.size());
        counts.forEach((op, n) -> out.writeString(op).writeLong(n));
    }

    public static CostLedger readLedger(SnapshotInput in) {
        CostLedger ledger = new CostLedger();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String op = in.readString();
            long count = in.readLong();
            try {
                ledger.add(Operation.valueOf(op), count);
            } catch (IllegalArgumentException e) {
                throw new SnapshotFormatException("unknown operation " + op + " in snapshot");
            }
        }
        return ledger;
    }

    public static void writeHyperparameters(Hyperparameters hp, SnapshotOutput out) {
        out.writeInt(hp.epochs()).writeDouble(hp.learningRate()).writeInt(hp.batchSize()).writeDouble(hp.loraAlpha());
    }

    public static Hyperparameters readHyperparameters(SnapshotInput in) {
        return new Hyperparameters(in.readInt(), in.readDouble(), in.readInt(), in.readDouble());
    }

    private static void requireSameShape(INDArray expected, INDArray actual) {
        if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
            throw new SnapshotFormatException("layer shape " + java.util.Arrays.toString(actual.shape())
                    + " does not fit " + java.util.Arrays.toString(expected.shape()));
        }
    }
}

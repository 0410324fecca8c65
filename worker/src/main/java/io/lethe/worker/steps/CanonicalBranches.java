package io.lethe.worker.steps;

import io.lethe.sim.digital.QuantizedTensor;
import io.lethe.sim.nn.QuantizedBranch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a branch back from the canonical bytes stored in {@code worker.components.weights} (the bytes its
 * digest is computed over, {@link QuantizedBranch#canonicalBytes()}): LoRA scaling bits, then per tensor
 * name, rows, cols, scale bits and INT8 codes, big-endian.
 */
final class CanonicalBranches {

    private CanonicalBranches() {
    }

    static QuantizedBranch parse(String branchId, byte[] canonical) {
        ByteBuffer in = ByteBuffer.wrap(canonical);
        double scaling = Double.longBitsToDouble(in.getLong());
        List<QuantizedTensor> tensors = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] name = new byte[in.getInt()];
            in.get(name);
            int rows = in.getInt();
            int cols = in.getInt();
            float scale = Float.intBitsToFloat(in.getInt());
            byte[] values = new byte[Math.multiplyExact(rows, cols)];
            in.get(values);
            tensors.add(new QuantizedTensor(new String(name, StandardCharsets.UTF_8), rows, cols, values, scale));
        }
        return new QuantizedBranch(branchId, tensors, scaling);
    }
}

package io.lethe.sim.nn;

import io.lethe.sim.digital.QuantizedTensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * A branch as deployed: INT8 tensors with scales. Its {@link #digest()} is SHA-256 over the canonical
 * bytes (the LoRA scaling as IEEE-754 bits, then each tensor's canonical bytes in name order), so two
 * trainings that produce the same weights bit for bit have the same digest.
 *
 * @param branchId the branch
 * @param tensors INT8 tensors
 * @param loraScaling alpha / rank
 */
public record QuantizedBranch(String branchId, List<QuantizedTensor> tensors, double loraScaling) {

    public QuantizedBranch {
        tensors = List.copyOf(tensors);
    }

    /** Canonical bytes: scaling, then tensors sorted by name. */
    public byte[] canonicalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(loraScaling)).array());
        tensors.stream().sorted(java.util.Comparator.comparing(QuantizedTensor::name))
                .forEach(t -> out.writeBytes(t.canonicalBytes()));
        return out.toByteArray();
    }

    /** Lower-case hex SHA-256 of {@link #canonicalBytes()}. */
    public String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** What the SRAM holds: INT8 codes plus fp32 scales. */
    public byte[] sramImage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (QuantizedTensor t : tensors) {
            out.writeBytes(t.values());
            out.writeBytes(ByteBuffer.allocate(4).putFloat(t.scale()).array());
        }
        return out.toByteArray();
    }

    /** Bytes the branch occupies in SRAM. */
    public long sramBytes() {
        return tensors.stream().mapToLong(QuantizedTensor::sramBytes).sum();
    }

    /** Parameter count. */
    public long parameterCount() {
        return tensors.stream().mapToLong(t -> t.values().length).sum();
    }

    /** The branch with dequantised INT8 values, as the digital unit computes with it. */
    public Branch toBranch() {
        TreeMap<Integer, LoraAdapter> adapters = new TreeMap<>();
        HeadExtension head = null;
        java.util.Map<String, QuantizedTensor> byName = new java.util.HashMap<>();
        tensors.forEach(t -> byName.put(t.name(), t));
        for (QuantizedTensor t : tensors) {
            if (t.name().endsWith(".A")) {
                int l = Integer.parseInt(t.name().substring(1, t.name().indexOf('.')));
                QuantizedTensor b = byName.get("L" + l + ".B");
                adapters.put(l, new LoraAdapter(t.dequantised(), b.dequantised(), loraScaling));
            }
        }
        if (byName.containsKey("head.E")) {
            head = new HeadExtension(byName.get("head.E").dequantised(), byName.get("head.b").dequantised());
        }
        return new Branch(branchId, adapters, head);
    }
}

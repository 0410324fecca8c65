package io.lethe.sim.digital;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The digital unit's SRAM buffer for LoRA branches. Attaching a branch writes its bytes; detaching
 * overwrites them with zeros (zeroisation, so the old weights are really gone) and frees the space; a
 * swap is a detach plus an attach. Every written byte is counted.
 */
public final class SramBuffer {

    private final long capacityBytes;
    private final Map<String, byte[]> resident = new LinkedHashMap<>();
    private long bytesWritten;
    private long bytesZeroised;

    public SramBuffer(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new SimConfigException("sramCapacityBytes", "must be positive, was " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** Writes a branch into the buffer; fails naming {@code sramCapacityBytes} if it does not fit. */
    public void attach(String branchId, byte[] image, CostLedger ledger) {
        if (resident.containsKey(branchId)) {
            throw new IllegalStateException("branch " + branchId + " is already attached");
        }
        checkFits(branchId, image.length);
        resident.put(branchId, image.clone());
        bytesWritten += image.length;
        ledger.add(Operation.SRAM_WRITE_BYTE, image.length);
    }

    /** Fails with a {@link SimConfigException} on {@code sramCapacityBytes} if {@code bytes} more would not fit. */
    public void checkFits(String branchId, long bytes) {
        if (bytes > capacityBytes) {
            throw new SimConfigException("sramCapacityBytes", "branch " + branchId + " needs " + bytes
                    + " bytes but the SRAM buffer holds only " + capacityBytes);
        }
        if (usedBytes() + bytes > capacityBytes) {
            throw new SimConfigException("sramCapacityBytes", "branch " + branchId + " needs " + bytes
                    + " bytes but only " + (capacityBytes - usedBytes()) + " of " + capacityBytes + " are free");
        }
    }

    /** Zeroises and frees a branch's bytes. Returns the bytes written to zeroise it. */
    public long detach(String branchId, CostLedger ledger) {
        byte[] image = resident.remove(branchId);
        if (image == null) {
            return 0;
        }
        Arrays.fill(image, (byte) 0);
        bytesWritten += image.length;
        bytesZeroised += image.length;
        ledger.add(Operation.SRAM_WRITE_BYTE, image.length);
        return image.length;
    }

    /** Replaces {@code outgoing} by {@code incoming} (detach, then attach). */
    public void swap(String outgoing, String incomingId, byte[] incoming, CostLedger ledger) {
        detach(outgoing, ledger);
        attach(incomingId, incoming, ledger);
    }

    public boolean isResident(String branchId) {
        return resident.containsKey(branchId);
    }

    public Set<String> residentBranches() {
        return Set.copyOf(resident.keySet());
    }

    public long usedBytes() {
        return resident.values().stream().mapToLong(b -> b.length).sum();
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** All bytes ever written (attach images and zeroisation). */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Bytes overwritten with zeros by detaches. */
    public long bytesZeroised() {
        return bytesZeroised;
    }

    /** A copy with the same contents and counters. */
    public SramBuffer copy() {
        SramBuffer c = new SramBuffer(capacityBytes);
        resident.forEach((k, v) -> c.resident.put(k, v.clone()));
        c.bytesWritten = bytesWritten;
        c.bytesZeroised = bytesZeroised;
        return c;
    }
}

package io.lethe.sim.data;

import java.util.Objects;

/**
 * One training or evaluation record as the simulator receives it: an id (the ledger's record id),
 * a label (class, speaker, subject or style-owner name) and the raw payload bytes (PGM, WAV or a CSV row).
 */
public record SimRecord(String recordId, String label, byte[] payload) {

    public SimRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimRecord r && r.recordId.equals(recordId) && r.label.equals(label)
                && java.util.Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return recordId.hashCode();
    }

    @Override
    public String toString() {
        return "SimRecord[" + recordId + ", " + label + ", " + payload.length + " bytes]";
    }
}

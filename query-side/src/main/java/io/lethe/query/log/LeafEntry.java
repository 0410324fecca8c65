package io.lethe.query.log;

import java.util.Arrays;

/**
 * A stored leaf of the log, as {@code GET /api/log/entries} lists it.
 *
 * @param index     the leaf index
 * @param leafInput the exact bytes hashed as the leaf
 * @param leafHash  {@code SHA-256(0x00 || leafInput)}
 * @param eventId   the event the leaf records
 * @param eventType that event's type
 */
public record LeafEntry(long index, byte[] leafInput, byte[] leafHash, String eventId, String eventType) {

    /** Copies the arrays so the record stays immutable. */
    public LeafEntry {
        leafInput = leafInput.clone();
        leafHash = leafHash.clone();
    }

    /** @return a copy of the leaf input */
    @Override
    public byte[] leafInput() {
        return leafInput.clone();
    }

    /** @return a copy of the leaf hash */
    @Override
    public byte[] leafHash() {
        return leafHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeafEntry that && index == that.index && Arrays.equals(leafInput, that.leafInput)
                && Arrays.equals(leafHash, that.leafHash) && eventId.equals(that.eventId)
                && eventType.equals(that.eventType);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(index) + eventId.hashCode();
    }

    @Override
    public String toString() {
        return "LeafEntry[" + index + ", " + eventType + ", " + eventId + "]";
    }
}

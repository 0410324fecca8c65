package io.lethe.query.log;

/**
 * A leaf to append: the canonical bytes of one event and the event it came from.
 *
 * @param leafInput the exact bytes hashed as the leaf, kept verbatim for {@code GET /api/log/entries}
 * @param eventId   the event id (unique in the log)
 * @param eventType the event type, for listing only
 */
public record NewLeaf(byte[] leafInput, String eventId, String eventType) {

    /** Validates and copies. */
    public NewLeaf {
        if (leafInput == null || eventId == null || eventId.isEmpty() || eventType == null) {
            throw new IllegalArgumentException("a leaf needs input bytes, an event id and an event type");
        }
        leafInput = leafInput.clone();
    }

    /** @return a copy of the leaf input */
    @Override
    public byte[] leafInput() {
        return leafInput.clone();
    }
}

package io.lethe.api.views;

/**
 * One leaf of the transparency log, as {@code GET /api/log/entries} lists it.
 *
 * @param index     the leaf index
 * @param leafInput base64 of the exact bytes hashed as the leaf ({@code SHA-256(0x00 || leafInput)})
 * @param eventType the event's type, e.g. {@code lethe.ModelRegistered}
 * @param eventId   the event's id
 */
public record LogEntryView(long index, String leafInput, String eventType, String eventId) {
}

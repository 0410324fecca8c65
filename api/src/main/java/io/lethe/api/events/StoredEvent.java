package io.lethe.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * An event as the command side's event store holds it, and the one function from stored facts to the
 * {@link EventEnvelope} that is published and hashed into the transparency log. The publisher and the replay
 * verifier both go through {@link #envelope(long)}, so they cannot disagree on a leaf.
 *
 * @param eventId        the event's identifier
 * @param payloadType    the payload's Java class name, as stored
 * @param aggregateType  the aggregate type, as stored
 * @param aggregateId    the aggregate identifier
 * @param sequenceNumber the event's sequence number in its aggregate
 * @param timestamp      when the event was stored (millisecond precision, as the store keeps it)
 * @param data           the payload as a JSON tree
 */
public record StoredEvent(String eventId, String payloadType, String aggregateType, String aggregateId,
                          long sequenceNumber, Instant timestamp, JsonNode data) {

    /**
     * Reads a row of the event store: the timestamp text as the store writes it (ISO-8601 with offset) and the
     * payload bytes as written by {@link Json#mapper()}.
     *
     * @throws IllegalArgumentException if the timestamp or the payload cannot be read
     */
    public static StoredEvent fromRow(String eventId, String payloadType, String aggregateType, String aggregateId,
                                      long sequenceNumber, String timestamp, byte[] payload) {
        return new StoredEvent(eventId, payloadType, aggregateType, aggregateId, sequenceNumber,
                parseTimestamp(timestamp), readPayload(eventId, payload));
    }

    /** An event as its store holds it, the timestamp already read; the payload bytes as written by {@link Json#mapper()}. */
    public static StoredEvent fromStored(String eventId, String payloadType, String aggregateType, String aggregateId,
                                         long sequenceNumber, Instant timestamp, byte[] payload) {
        return new StoredEvent(eventId, payloadType, aggregateType, aggregateId, sequenceNumber, timestamp,
                readPayload(eventId, payload));
    }

    /** @return the envelope of this event at {@code leafIndex}; its {@code leafInput()} is the log leaf */
    public EventEnvelope envelope(long leafIndex) {
        return new EventEnvelope(eventId, DomainEvent.cloudEventType(payloadType), aggregateType, aggregateId,
                sequenceNumber, timestamp, data, leafIndex);
    }

    /** Same parser as the event store's own reader (ISO offset date-time), so both see the same instant. */
    private static Instant parseTimestamp(String text) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored timestamp '" + text + "' is not ISO-8601", e);
        }
    }

    private static JsonNode readPayload(String eventId, byte[] payload) {
        try {
            return Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored payload of event " + eventId + " is not JSON", e);
        }
    }

    /** @return the payload of any object as the JSON tree {@link Json#mapper()} writes for it */
    public static JsonNode dataOf(Object payload) {
        try {
            return Json.mapper().readTree(Json.mapper().writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

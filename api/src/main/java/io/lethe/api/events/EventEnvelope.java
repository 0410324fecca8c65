package io.lethe.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;
import io.lethe.api.cloudevents.CanonicalJson;
import io.lethe.api.cloudevents.CloudEvent;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A domain event as it travels on {@code lethe.events} and as it is committed to the transparency log.
 *
 * <p>{@link #leafInput()} is the canonical byte encoding hashed as the event's leaf. It is a pure
 * function of what the event store holds (id, type, aggregate, sequence, timestamp, payload), so an
 * auditor replaying the event store recomputes exactly the same bytes.
 *
 * @param transparencyIndex the event's leaf index in the log (dense, global order)
 */
public record EventEnvelope(
        String eventId,
        String eventType,
        String aggregateType,
        String aggregateId,
        long sequenceNumber,
        Instant timestamp,
        JsonNode data,
        long transparencyIndex) {

    public static final String SOURCE = "/lethe/command-side";
    public static final String EXT_TRANSPARENCY_INDEX = "lethetransparencyindex";
    public static final String EXT_AGGREGATE_TYPE = "letheaggregatetype";
    public static final String EXT_SEQUENCE = "lethesequence";

    /** The canonical bytes hashed as this event's leaf: the RFC 8785 (JCS) JSON of the stored facts. */
    public byte[] leafInput() {
        return CanonicalJson.bytes(leaf());
    }

    /**
     * The leaf as Lethe 0.2 encoded it (sorted keys, numbers as Jackson writes them): logs written before 0.3
     * hold such leaves, and their signed checkpoints cover them, so the verifier accepts a stored leaf in either
     * form. Both are one-to-one encodings of the same facts.
     */
    public byte[] legacyLeafInput() {
        return CanonicalJson.legacyBytes(leaf());
    }

    private ObjectNode leaf() {
        ObjectNode leaf = Json.mapper().createObjectNode();
        leaf.put("aggregateId", aggregateId);
        leaf.put("aggregateType", aggregateType);
        leaf.set("data", data);
        leaf.put("eventId", eventId);
        leaf.put("eventType", eventType);
        leaf.put("sequence", sequenceNumber);
        leaf.put("time", timestamp.toString());
        return leaf;
    }

    public CloudEvent toCloudEvent() {
        return new CloudEvent(eventId, SOURCE, eventType, aggregateId, timestamp.toString(), "application/json",
                Map.of(EXT_TRANSPARENCY_INDEX, Long.toString(transparencyIndex),
                        EXT_AGGREGATE_TYPE, aggregateType,
                        EXT_SEQUENCE, Long.toString(sequenceNumber)),
                data);
    }

    public static EventEnvelope fromCloudEvent(CloudEvent event) {
        return new EventEnvelope(event.id(), event.type(), event.extension(EXT_AGGREGATE_TYPE), event.subject(),
                Long.parseLong(event.extension(EXT_SEQUENCE)), Instant.parse(event.time()), event.data(),
                Long.parseLong(event.extension(EXT_TRANSPARENCY_INDEX)));
    }

    /** The payload read back as its domain record, when the type is known to this version of the api. */
    public Optional<DomainEvent> payload() {
        return EventTypes.classOf(eventType).map(type -> {
            try {
                return Json.mapper().treeToValue(data, type);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event " + eventId + " has unreadable data", e);
            }
        });
    }
}

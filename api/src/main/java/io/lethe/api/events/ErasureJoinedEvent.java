package io.lethe.api.events;

import java.time.Instant;

/** Another request for a subject whose erasure is still open joined it instead of starting a second one. */
public record ErasureJoinedEvent(String erasureId, String subjectPseudonym, String requestedBy, Instant receivedAt,
                                 String requestedErasureId) implements DomainEvent {
}
